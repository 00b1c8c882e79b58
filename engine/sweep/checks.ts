import { parseDecimal } from '../core/decimal-text.js';
import { BtInputError } from '../core/errors.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { metricOf } from './best-config.js';
import type { JournalFailure, JournalResult } from './journal.js';
import { RESULT_METRIC_FIELDS, isResultMetricField, type ResultMetricField } from './metric-columns.js';
import type { VsBest } from './noise-vs-best.js';
import type { SweepRanking } from './rank-sweep.js';
import { configPsr } from './summary.js';

/** Comparison operators of a gate (`!=` is `==` negated). */
export const CHECK_OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;
/** One comparison operator. */
export type CheckOp = (typeof CHECK_OPS)[number];

/** Ranking columns of results.csv a gate can read: they compare a configuration with the best, so only a whole (or merged) sweep has them. */
export const RANKING_GATE_FIELDS = ['rank', 'sharpe_diff_vs_best_low', 'sharpe_diff_vs_best_high'] as const;
/** Numeric results.csv columns a gate can read: every metric, the ranking columns and psr. */
export const NUMERIC_GATE_FIELDS = [...RESULT_METRIC_FIELDS, ...RANKING_GATE_FIELDS, 'psr'] as const;
/** One numeric gate field. */
export type NumericGateField = (typeof NUMERIC_GATE_FIELDS)[number];
/** A gate's field: a numeric column or vs_best. */
export type GateField = NumericGateField | 'vs_best';
/** The vs_best verdicts a gate can name: those the bootstrap (or the trade count) settles; `untested` and `n/a` carry no verdict. */
export const GATED_VERDICTS = ['best', 'within_noise', 'distinct', 'never_traded'] as const satisfies readonly VsBest[];

/** Which configuration a relative threshold reads: the objective's best or the base scenario's own configuration. */
export type CheckRef = 'best' | 'base';

/**
 * A gate as written by the user in `text`: `metric OP number`, `metric OP best|base[+-number]`
 * (the metric's value on that configuration, plus the offset), or `vs_best ==|!= verdict`.
 */
export type Check =
  | { readonly text: string; readonly metric: NumericGateField; readonly op: CheckOp; readonly value: number; readonly ref: CheckRef | null }
  | { readonly text: string; readonly metric: 'vs_best'; readonly op: '==' | '!='; readonly verdict: (typeof GATED_VERDICTS)[number] };

/** Which configurations a gate applies to. */
export type CheckTarget = { readonly kind: 'best' } | { readonly kind: 'all' } | { readonly kind: 'base' } | { readonly kind: 'config'; readonly id: string };

const GATE_FIELD_NAMES: readonly string[] = [...NUMERIC_GATE_FIELDS, 'vs_best'];

function isNumericGateField(name: string): name is NumericGateField {
  return isResultMetricField(name) || (NUMERIC_GATE_FIELDS as readonly string[]).includes(name);
}

/** Returns the gate in `text` ('sharpe>=0.8', 'sharpe>=best-0.2', 'vs_best!=distinct'; spaces allowed), or throws a BtInputError. */
export function parseCheck(text: string): Check {
  const m = /^\s*([a-z_0-9]+)\s*(>=|<=|==|!=|>|<)\s*(.+?)\s*$/.exec(text);
  if (m === null) throw new BtInputError({ field: '--check', expected: `'metric OP number' with OP one of ${CHECK_OPS.join(' ')} (e.g. 'sharpe>=0.8', 'sharpe>=best-0.2')`, found: `'${text}'` });
  const metric = m[1] as string;
  const op = m[2] as CheckOp;
  // spaces around a sign are layout ('best - 0.2'); inside a number they are not ('1 2')
  const rhs = (m[3] as string).replace(/\s*([+-])\s*/g, '$1');
  if (metric === 'vs_best') {
    const verdict = GATED_VERDICTS.find((v) => v === rhs);
    if ((op !== '==' && op !== '!=') || verdict === undefined) {
      const untested = rhs === 'untested' || rhs === 'n/a' ? ` ('${rhs}' is no verdict: the bootstrap drew no interval, so a vs_best gate fails there)` : '';
      throw new BtInputError({ field: '--check', expected: `'vs_best==VERDICT' or 'vs_best!=VERDICT' with VERDICT one of ${GATED_VERDICTS.join(', ')}${untested}`, found: `'${text}'` });
    }
    return { text: `vs_best${op}${verdict}`, metric, op, verdict };
  }
  if (!isNumericGateField(metric)) {
    const near = didYouMean(metric, GATE_FIELD_NAMES);
    throw new BtInputError({ field: '--check', expected: `a metric or results.csv column (${GATE_FIELD_NAMES.join(', ')})`, found: `'${metric}'`, ...(near !== undefined ? { hint: `Did you mean '${near}'?` } : {}) });
  }
  // a threshold relative to another configuration: best, base, best-0.2, base+0.1
  const r = /^(best|base)(?:([+-])(.+))?$/.exec(rhs);
  const ref = r === null ? null : (r[1] as CheckRef);
  const offset = r === null ? parseDecimal(rhs) : r[2] === undefined ? 0 : parseDecimal(`${r[2]}${r[3] as string}`);
  if (!Number.isFinite(offset)) {
    throw new BtInputError({ field: '--check', expected: `a number, or best or base with an optional +/- number (e.g. '${metric}${op}0.8', '${metric}${op}best-0.2'), after ${metric}${op}`, found: `'${text}'` });
  }
  return { text: `${metric}${op}${rhs}`, metric, op, value: offset, ref };
}

/** Returns the target in `text`: 'best', 'all', 'base' or a 12-hex config id. */
export function parseCheckTarget(text: string): CheckTarget {
  if (text === 'best' || text === 'all' || text === 'base') return { kind: text };
  if (/^[0-9a-f]{12}$/.test(text)) return { kind: 'config', id: text };
  throw new BtInputError({ field: '--check-on', expected: "'best', 'all', 'base' (the base scenario's own settings) or a 12-hex config id from results.csv", found: `'${text}'` });
}

/** Returns true when `x OP threshold` holds ('==' within 1e-12 relative, for values read back from text; '!=' its negation). */
export function compare(x: number, op: CheckOp, threshold: number): boolean {
  switch (op) {
    case '>=':
      return x >= threshold;
    case '<=':
      return x <= threshold;
    case '>':
      return x > threshold;
    case '<':
      return x < threshold;
    case '==':
      return Math.abs(x - threshold) <= 1e-12 * Math.max(1, Math.abs(threshold));
    case '!=':
      return !compare(x, '==', threshold);
  }
}

/** The outcome of one gate on one configuration: its value and what it was compared with (a relative gate's threshold is the reference's value plus the offset; null when that is undefined). */
export interface GateResult {
  readonly check: string;
  readonly config_id: string;
  readonly metric: GateField;
  readonly value: number | string | null;
  readonly threshold: number | string | null;
  /** The configuration a relative threshold read (best or base), else null. */
  readonly relative_to: CheckRef | null;
  readonly passed: boolean;
}

/** Returns true when a gate reads the ranking or another configuration: a shard, which ranks only its own slice, cannot evaluate it. */
export function needsWholeSweep(c: Check): boolean {
  return c.metric === 'vs_best' || (RANKING_GATE_FIELDS as readonly string[]).includes(c.metric) || c.ref !== null;
}

/**
 * Throws when a shard is asked for a gate only the whole sweep can answer: `--check-on base`
 * (the base configuration is in one shard), a ranking column (rank, vs_best, the Sharpe
 * difference to the best: a shard ranks its own slice) or a threshold relative to best or base.
 */
export function refuseWholeSweepGatesOnShard(checks: readonly Check[], target: CheckTarget, shard: string): void {
  const hint = 'Gate it on the output of bt merge, which ranks the whole sweep; a shard gates its own configurations\' figures (--check-on all or a config id, metrics and psr)';
  if (target.kind === 'base' && checks.length > 0) throw new BtInputError({ field: '--check-on', expected: `a target a shard can gate (all, best of its slice, or a config id), not base on shard ${shard}`, found: "'base'", hint });
  const c = checks.find(needsWholeSweep);
  if (c !== undefined) throw new BtInputError({ field: '--check', expected: `a gate a shard can evaluate on shard ${shard} (ranks, vs_best and thresholds relative to best or base need the whole sweep)`, found: `'${c.text}'`, hint });
}

/** Throws the --check-on error when `target` names a configuration not among `ids` (checked before a sweep runs, and again on its results). */
export function checkTargetAmong(target: CheckTarget, ids: readonly string[]): void {
  if (target.kind === 'config' && !ids.includes(target.id)) throw new BtInputError({ field: '--check-on', expected: 'a config id of this sweep (see results.csv)', found: `'${target.id}'` });
}

/** What gates read besides the rows: the best, the base configuration's id (null when the sweep does not hold it), the ranking and the failed configurations. */
export interface GateContext {
  readonly best: JournalResult | null;
  readonly baseId: string | null;
  readonly ranking: SweepRanking;
  readonly failures?: readonly JournalFailure[];
}

/** Returns a configuration's value of a numeric gate field, or null when undefined (a failed configuration has none). */
function numericValue(r: JournalResult | JournalFailure | undefined, field: NumericGateField, ranking: SweepRanking): number | null {
  if (r === undefined || r.kind !== 'result') return null;
  if (field === 'rank') return ranking.ranks.get(r.config_id) ?? null;
  if (field === 'sharpe_diff_vs_best_low') return ranking.verdicts.get(r.config_id)?.low ?? null;
  if (field === 'sharpe_diff_vs_best_high') return ranking.verdicts.get(r.config_id)?.high ?? null;
  if (field === 'psr') return configPsr(r);
  return metricOf(r, field);
}

/** Returns one gate's outcome on one configuration. */
function gateResult(c: Check, r: JournalResult | JournalFailure, everyone: readonly (JournalResult | JournalFailure)[], ctx: GateContext): GateResult {
  if (c.metric === 'vs_best') {
    const v = r.kind === 'result' ? (ctx.ranking.verdicts.get(r.config_id)?.vsBest ?? null) : null;
    // no verdict (no rank, untested, n/a) fails either way: the bootstrap did not say
    const settled = v !== null && v !== 'untested' && v !== 'n/a';
    return { check: c.text, config_id: r.config_id, metric: c.metric, value: v, threshold: c.verdict, relative_to: null, passed: settled && (c.op === '==') === (v === c.verdict) };
  }
  const v = numericValue(r, c.metric, ctx.ranking);
  const refRow = c.ref === null ? null : c.ref === 'best' ? ctx.best : everyone.find((x) => x.config_id === ctx.baseId);
  const refValue = c.ref === null ? 0 : numericValue(refRow ?? undefined, c.metric, ctx.ranking);
  const threshold = refValue === null ? null : refValue + c.value;
  return { check: c.text, config_id: r.config_id, metric: c.metric, value: v, threshold, relative_to: c.ref, passed: v !== null && threshold !== null && compare(v, c.op, threshold) };
}

/** Returns true when the gates read the base scenario's own configuration (--check-on base, or a threshold relative to base). */
export function gatesNeedBase(checks: readonly Check[], target: CheckTarget): boolean {
  return checks.length > 0 && (target.kind === 'base' || checks.some((c) => c.metric !== 'vs_best' && c.ref === 'base'));
}

/**
 * The error when gates read the base scenario's own configuration and the sweep does not hold it,
 * named by what asked for it: --check-on base, else the first gate relative to base (a user who
 * wrote only --check 'sharpe>=base' was told about a --check-on base they never gave).
 */
export function baseNotInSweepError(why: string, checks: readonly Check[], target: CheckTarget): BtInputError {
  const relative = checks.find((c) => c.metric !== 'vs_best' && c.ref === 'base');
  const field = target.kind === 'base' || relative === undefined ? '--check-on base' : `--check ${relative.text}`;
  return new BtInputError({ field, expected: "a sweep whose space holds the base scenario's own settings", found: why, hint: "Add the base's values to the grid (a list: an entry {}), so its configuration runs and is ranked with the others" });
}

/**
 * Returns every gate × configuration outcome, gates in the order given, configurations by
 * id. A null value fails its gate, and so does a configuration that failed (`ctx.failures`):
 * it has no metrics, so `all` and its own id gate it as failing rather than leave it out.
 * `best` is the objective's best (null when none: its gates fail); `base` the base scenario's
 * own configuration; `all` over no configuration (an empty shard) passes. A relative threshold
 * (best, base) that is undefined fails its gate.
 */
export function evaluateChecks(rows: readonly JournalResult[], checks: readonly Check[], target: CheckTarget, ctx: GateContext): GateResult[] {
  const everyone = [...rows, ...(ctx.failures ?? [])].sort((a, b) => (a.config_id < b.config_id ? -1 : a.config_id > b.config_id ? 1 : 0));
  if (gatesNeedBase(checks, target) && (ctx.baseId === null || !everyone.some((x) => x.config_id === ctx.baseId))) throw baseNotInSweepError("the base scenario's own configuration is not among this sweep's configurations", checks, target);
  let subject: readonly (JournalResult | JournalFailure)[];
  if (target.kind === 'all') subject = everyone;
  else if (target.kind === 'best') subject = ctx.best === null ? [] : [ctx.best];
  else if (target.kind === 'base') subject = everyone.filter((x) => x.config_id === ctx.baseId);
  else {
    checkTargetAmong(target, everyone.map((x) => x.config_id));
    subject = everyone.filter((x) => x.config_id === target.id);
  }
  const out: GateResult[] = [];
  for (const c of checks) {
    // no best fails its gate; `all` over no configuration (a shard past the count: --shard 14/20 of 12) holds vacuously, so a CI job gating every shard does not fail on an empty one
    if (subject.length === 0) out.push({ check: c.text, config_id: '(none)', metric: c.metric, value: null, threshold: null, relative_to: c.metric === 'vs_best' ? null : c.ref, passed: target.kind === 'all' });
    for (const r of subject) out.push(gateResult(c, r, everyone, ctx));
  }
  return out;
}

/** Returns a gate's value or threshold as printed ('n/a' when undefined). */
export function gateText(v: number | string | null): string {
  return v === null ? 'n/a' : String(v);
}

/** Returns a fixed-width table of gate outcomes (header + one line each). */
export function formatGateTable(results: readonly GateResult[]): string {
  const rows = results.map((r) => [r.passed ? 'pass' : 'FAIL', r.check, r.config_id, r.metric, gateText(r.value), gateText(r.threshold)]);
  const head = ['result', 'check', 'config_id', 'metric', 'value', 'threshold'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

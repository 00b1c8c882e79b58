import { BtInputError } from '../core/errors.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { metricOf } from './best-config.js';
import type { JournalFailure, JournalResult } from './journal.js';
import { RESULT_METRIC_FIELDS, isResultMetricField, type ResultMetricField } from './metric-columns.js';

/** Comparison operators of a gate. */
export const CHECK_OPS = ['>=', '<=', '==', '>', '<'] as const;
/** One comparison operator. */
export type CheckOp = (typeof CHECK_OPS)[number];

/** A gate: `metric OP value`, as written by the user in `text`. */
export interface Check {
  readonly text: string;
  readonly metric: ResultMetricField;
  readonly op: CheckOp;
  readonly value: number;
}

/** Which configurations a gate applies to. */
export type CheckTarget = { readonly kind: 'best' } | { readonly kind: 'all' } | { readonly kind: 'config'; readonly id: string };

/** Returns the gate in `text` ('sharpe>=0.8', spaces allowed), or throws a BtInputError. */
export function parseCheck(text: string): Check {
  const m = /^\s*([a-z_0-9]+)\s*(>=|<=|==|>|<)\s*(\S+)\s*$/.exec(text);
  const value = m === null ? NaN : Number(m[3]);
  if (m === null || !Number.isFinite(value)) {
    throw new BtInputError({ field: '--check', expected: `'metric OP number' with OP one of ${CHECK_OPS.join(' ')} (e.g. 'sharpe>=0.8')`, found: `'${text}'` });
  }
  const metric = m[1] as string;
  if (!isResultMetricField(metric)) {
    const near = didYouMean(metric, RESULT_METRIC_FIELDS);
    throw new BtInputError({ field: '--check', expected: `a metric (${RESULT_METRIC_FIELDS.join(', ')})`, found: `'${metric}'`, ...(near !== undefined ? { hint: `Did you mean '${near}'?` } : {}) });
  }
  return { text: `${metric}${m[2] as string}${m[3] as string}`, metric, op: m[2] as CheckOp, value };
}

/** Returns the target in `text`: 'best', 'all' or a 12-hex config id. */
export function parseCheckTarget(text: string): CheckTarget {
  if (text === 'best' || text === 'all') return { kind: text };
  if (/^[0-9a-f]{12}$/.test(text)) return { kind: 'config', id: text };
  throw new BtInputError({ field: '--check-on', expected: "'best', 'all' or a 12-hex config id from results.csv", found: `'${text}'` });
}

/** Returns true when `x OP threshold` holds ('==' within 1e-12 relative, for values read back from text). */
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
  }
}

/** The outcome of one gate on one configuration. */
export interface GateResult {
  readonly check: string;
  readonly config_id: string;
  readonly metric: ResultMetricField;
  readonly value: number | null;
  readonly passed: boolean;
}

/** Throws the --check-on error when `target` names a configuration not among `ids` (checked before a sweep runs, and again on its results). */
export function checkTargetAmong(target: CheckTarget, ids: readonly string[]): void {
  if (target.kind === 'config' && !ids.includes(target.id)) throw new BtInputError({ field: '--check-on', expected: 'a config id of this sweep (see results.csv)', found: `'${target.id}'` });
}

/**
 * Returns every gate × configuration outcome, gates in the order given, configurations by
 * id. A null metric fails its gate, and so does a configuration that failed (`failures`): it
 * has no metrics, so `all` and its own id gate it as failing rather than leave it out.
 * `best` is the objective's best (null when none: its gates fail); `all` over no configuration
 * (an empty shard) passes.
 */
export function evaluateChecks(rows: readonly JournalResult[], checks: readonly Check[], target: CheckTarget, best: JournalResult | null, failures: readonly JournalFailure[] = []): GateResult[] {
  const everyone = [...rows, ...failures].sort((a, b) => (a.config_id < b.config_id ? -1 : a.config_id > b.config_id ? 1 : 0));
  let subject: readonly (JournalResult | JournalFailure)[];
  if (target.kind === 'all') subject = everyone;
  else if (target.kind === 'best') subject = best === null ? [] : [best];
  else {
    checkTargetAmong(target, everyone.map((x) => x.config_id));
    subject = everyone.filter((x) => x.config_id === target.id);
  }
  const out: GateResult[] = [];
  for (const c of checks) {
    // no best fails its gate; `all` over no configuration (a shard past the count: --shard 14/20 of 12) holds vacuously, so a CI job gating every shard does not fail on an empty one
    if (subject.length === 0) out.push({ check: c.text, config_id: '(none)', metric: c.metric, value: null, passed: target.kind === 'all' });
    for (const r of subject) {
      const v = r.kind === 'result' ? metricOf(r, c.metric) : null;
      out.push({ check: c.text, config_id: r.config_id, metric: c.metric, value: v, passed: v !== null && compare(v, c.op, c.value) });
    }
  }
  return out;
}

/** Returns a fixed-width table of gate outcomes (header + one line each). */
export function formatGateTable(results: readonly GateResult[]): string {
  const rows = results.map((r) => [r.passed ? 'pass' : 'FAIL', r.check, r.config_id, r.metric, r.value === null ? 'n/a' : String(r.value)]);
  const head = ['result', 'check', 'config_id', 'metric', 'value'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

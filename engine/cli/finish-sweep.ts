/**
 * How `bt sweep` and `bt merge` finish a sweep folder: the gates (--check, --check-on,
 * --baseline, --junit) on its results, the printed summary, the failures on stderr, then the
 * report and the folder's commit.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseDecimal } from '../core/decimal-text.js';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { checkReplaceableFile, refuseFolderAt } from '../io/output-kind.js';
import { inertParamNote } from '../sweep/inert-params.js';
import { bestConfig, metricOf } from '../sweep/best-config.js';
import { compareToBaseline, readBaselineCsv, type BaselineReport, type BaselineTable } from '../sweep/baseline.js';
import { evaluateChecks, formatGateTable, gateText, parseCheck, parseCheckTarget, type Check, type CheckTarget, type GateResult } from '../sweep/checks.js';
import type { JournalFailure, JournalHeader, JournalResult } from '../sweep/journal.js';
import { junitXml } from '../sweep/junit.js';
import { failedConfigsText } from '../sweep/failed-configs.js';
import { walkForwardSummaryLines } from '../sweep/walk-forward-summary.js';
import { noiseSummaryLine } from '../sweep/noise-summary.js';
import { summarizeSweep, writeSweepOutputs, type SweepOutputs } from '../sweep/write-sweep-outputs.js';
import { EXIT, ExitCode } from './main.js';
import { formatPercent, formatRatio as fmt } from './format-figures.js';

/** Gate, baseline and output flags shared by `bt sweep` and `bt merge`. */
export interface GateFlags {
  readonly check?: readonly string[];
  readonly checkOn?: string;
  readonly junit?: string;
  readonly baseline?: string;
  readonly tolerance?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** Also replaces a --junit file bt did not write. */
  readonly force?: boolean;
}

/** Recognises a JUnit report bt sweep wrote (junitXml's first bytes). */
function isBtJunit(head: Buffer): boolean {
  return head.toString('utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bt ');
}

function parseTolerance(text: string | undefined): number {
  const x = parseDecimal(text ?? '0.05');
  if (!(Number.isFinite(x) && x >= 0)) throw new BtInputError({ field: '--tolerance', expected: 'a number >= 0 (relative, e.g. 0.05)', found: `'${text ?? ''}'` });
  return x;
}

interface GateOutcome {
  readonly gates: readonly GateResult[];
  readonly baseline: BaselineReport | null;
  /** The --baseline file as given (null without one). */
  readonly baselineFile: string | null;
  readonly tolerance: number;
  /** Sections merged into summary.json. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Gate flags parsed and the baseline read, before any configuration runs. */
export interface PreparedGates {
  readonly checks: readonly Check[];
  readonly target: CheckTarget;
  readonly checkOn: string;
  readonly tolerance: number;
  readonly baselineTable: BaselineTable | null;
  readonly baselineFile: string | null;
}

/** Returns the parsed gate flags (throws a BtInputError for a bad one, before anything runs). */
export function prepareGates(flags: GateFlags): PreparedGates {
  // before anything runs: a folder, or a file bt did not write (the sweep's own YAML, say), is refused
  if (flags.junit !== undefined) {
    refuseFolderAt(flags.junit, 'the JUnit XML', '--junit');
    checkReplaceableFile(flags.junit, 'a JUnit report bt wrote', isBtJunit, flags.force === true, '--junit');
  }
  return {
    checks: (flags.check ?? []).map(parseCheck),
    target: parseCheckTarget(flags.checkOn ?? 'best'),
    checkOn: flags.checkOn ?? 'best',
    tolerance: parseTolerance(flags.tolerance),
    baselineTable: flags.baseline !== undefined ? readBaselineCsv(flags.baseline) : null,
    baselineFile: flags.baseline ?? null,
  };
}

function applyGates(out: SweepOutputs, header: JournalHeader, p: PreparedGates): GateOutcome {
  const gates = evaluateChecks(out.rows, p.checks, p.target, { best: bestConfig(out.rows, header.objective, header.direction), baseId: header.base_config_id, ranking: out.ranking, failures: out.failures });
  const baseline = p.baselineTable === null ? null : compareToBaseline(out.rows, p.baselineTable, p.tolerance);
  const extra: Record<string, unknown> = {};
  if (p.checks.length > 0) extra['gates'] = { check_on: p.checkOn, results: gates, passed: gates.every((g) => g.passed) };
  if (baseline !== null) extra['baseline'] = { tolerance: p.tolerance, regressions: baseline.compared.filter((c) => c.regressed), compared: baseline.compared.length, matched: baseline.matched, missing: baseline.missing, missing_columns: baseline.absentColumns };
  return { gates, baseline, baselineFile: p.baselineFile, tolerance: p.tolerance, extra };
}

/** Returns the printed line on the base scenario's own configuration: its rank and standing against the best, or why it has none. */
function baseLine(out: SweepOutputs): string | null {
  const id = out.summary.base_config_id;
  if (id === null) return null;
  const row = out.rows.find((r) => r.config_id === id);
  if (row === undefined) return out.summary.shard === null ? `  base scenario's own settings: config ${id} failed` : null;
  const rank = out.ranking.ranks.get(id);
  const vs = out.ranking.verdicts.get(id)?.vsBest;
  const standing = rank === undefined ? (vs === 'never_traded' ? 'never traded, not ranked' : 'not ranked') : `rank ${rank} of ${out.ranking.ranks.size}${vs === undefined || vs === 'best' ? '' : ` (vs best: ${vs})`}`;
  return `  base scenario's own settings: config ${id}, ${standing}, ${out.summary.objective.metric} ${fmt(metricOf(row, out.summary.objective.metric))}`;
}

function summaryLines(out: SweepOutputs, g: GateOutcome, outDir: string, note: string, failed: number): string[] {
  const s = out.summary;
  // n_configs counts the configurations with results; the run count in `note` includes the failed ones
  const failedNote = failed > 0 ? ` (and ${failed} failed)` : '';
  const lines = [`bt sweep ${s.sweep}: ${s.n_configs} configuration${s.n_configs === 1 ? '' : 's'}${failedNote}${s.shard === null ? '' : ` (shard ${s.shard} of ${s.n_total})`}${note}`];
  const b = s.best;
  if (b !== null) {
    // in the sweep file's order, as the table's columns (the journal's params object has its keys sorted)
    const params = s.params.map((k) => [k, b.params[k] ?? null] as const).map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? stableStringify(v) : String(v)}`).join(', ');
    lines.push(`  best by ${s.objective.metric} (${s.objective.direction}): ${b.config_id}  ${params}`);
    lines.push(`    sharpe ${fmt(b.metrics.sharpe)}, max drawdown ${formatPercent(b.metrics.max_drawdown)}, total return ${formatPercent(b.metrics.total_return)}, kills and retirements ${b.metrics.n_kills}`);
  }
  if (s.noise !== null) lines.push(noiseSummaryLine(s.noise));
  const base = baseLine(out);
  if (base !== null) lines.push(base);
  const idle = s.never_traded;
  if (idle.length > 0) lines.push(`  never traded (no fills), so not ranked and never the best: ${idle.length} configuration${idle.length === 1 ? '' : 's'} (${idle.slice(0, 5).join(', ')}${idle.length > 5 ? ', ...' : ''})${idle.length === s.n_configs ? `: none of the ${s.n_configs} traded, so there is no best` : ''}`);
  if (s.periods_per_year_mixed !== null) lines.push(`  note: ${s.periods_per_year_mixed.note}`);
  for (const p of s.inert_params) lines.push(`  note: ${inertParamNote(p)}`);
  const o = s.overfitting;
  if (o !== null) lines.push(`  overfitting guard: PSR ${fmt(o.psr)}, DSR ${fmt(o.dsr)} (best of ${o.n_trials} trial${o.n_trials === 1 ? '' : 's'}; expected max Sharpe per period ${fmt(o.expected_max_sharpe_per_period, 4)})`);
  const wf = s.walk_forward;
  if (wf !== null) lines.push(...walkForwardSummaryLines(wf, s.n_configs));
  if (g.baseline !== null) {
    lines.push(`  baseline: ${g.baseline.compared.length} metrics of ${g.baseline.matched} configurations compared, ${g.baseline.compared.filter((c) => c.regressed).length} regressions beyond ${g.tolerance}`);
    // an older results.csv lacks the columns added since: compared in none, said so (refresh it to gate them)
    const absent = g.baseline.absentColumns;
    if (absent.length > 0) lines.push(`    the baseline has no ${absent.join(', ')} column${absent.length > 1 ? 's' : ''} (written by an earlier bt): not compared; refresh it from this sweep's results.csv to gate ${absent.length > 1 ? 'them' : 'it'}`);
  }
  // a shard ranks its own configurations: its best is not the sweep's
  if (s.partial_ranking) lines.push(`  partial ranking: the ranks, best, noise, PSR/DSR and walk-forward above cover this shard's ${s.n_configs} configurations only; bt merge of the shards ranks the whole sweep`);
  lines.push(`  results in ${relative(process.cwd(), outDir) || '.'}/ (results.arrow, results.csv, curves.arrow, summary.json, manifest.json, journal.jsonl)`);
  return lines;
}

function reportFailures(g: GateOutcome, quiet: boolean, configs: number, json: boolean): void {
  const failed = g.gates.filter((x) => !x.passed);
  const regressions = g.baseline?.compared.filter((c) => c.regressed) ?? [];
  // --json: stdout is the one JSON document, which holds the gates and regressions; the stderr line below still names the failures
  if (!json && g.gates.length > 0 && (failed.length > 0 || !quiet)) process.stdout.write(`${formatGateTable(g.gates)}\n`);
  if (!json && regressions.length > 0) {
    const rows = regressions.map((c) => `  REGRESSED ${c.metric} [${c.config_id}]: ${c.current === null ? 'n/a' : String(c.current)} vs baseline ${c.baseline} (worse by ${c.worse_by === null ? 'n/a' : c.worse_by.toPrecision(4)})`);
    process.stdout.write(`${rows.join('\n')}\n`);
  }
  // A baseline none of whose configurations ran here compares nothing: passing would turn the gate off unseen.
  const unmatched = g.baseline !== null && g.baseline.matched === 0 && configs > 0;
  if (failed.length === 0 && regressions.length === 0 && !unmatched) return;
  const parts: string[] = [];
  // a relative gate names the threshold it was compared with (best's or base's value plus the offset)
  const shown = (x: GateResult): string => `${x.check} on config ${x.config_id} (${x.metric} = ${gateText(x.value)}${x.relative_to === null ? '' : `, threshold ${gateText(x.threshold)} from ${x.relative_to}`})`;
  if (failed.length > 0) parts.push(`${failed.length} of ${g.gates.length} checks failed: ${failed.slice(0, 5).map(shown).join('; ')}`);
  if (regressions.length > 0) parts.push(`${regressions.length} baseline regressions beyond tolerance ${g.tolerance}`);
  if (unmatched) parts.push(`${g.baselineFile ?? ''}: --baseline: expected a results.csv sharing configurations with this sweep, found none of this sweep's ${configs} config ids among its ${g.baseline?.missing.length ?? 0}, so nothing was compared. A config id hashes the resolved settings: a changed base scenario or default gives new ids; refresh the baseline from this sweep's results.csv`);
  process.stderr.write(`bt: ${parts.join('; ')}\n`);
  throw new ExitCode(EXIT.checkFailed);
}

/**
 * Refuses, before anything runs, a --junit path inside the sweep folder's report/: bt rebuilds
 * report/ whole after the JUnit is written, and a file of another's there stops it.
 */
export function refuseJunitInReport(junit: string | undefined, finalDir: string): void {
  if (junit === undefined) return;
  const rel = relative(join(resolve(finalDir), 'report'), resolve(junit));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return;
  throw new BtInputError({ file: junit, field: '--junit', expected: "a path outside the sweep folder's report/ (bt rebuilds that folder whole)", found: 'one inside it', hint: `Write it beside the report (${join(relative(process.cwd(), resolve(finalDir)) || '.', 'gates.xml')}) or elsewhere` });
}

/**
 * Returns where to write the JUnit report `junit`: inside the folder being built (`outDir`) when
 * it lies inside the sweep folder (`finalDir`), so the swap that replaces that folder carries it
 * (written into the old folder, it went with it), else where it was asked for.
 */
function junitPathIn(junit: string, outDir: string, finalDir: string): string {
  const rel = relative(resolve(finalDir), junit);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? join(outDir, rel) : junit;
}

/**
 * Writes a finished sweep's (or merge's) outputs into `outDir`, applies the gates and the
 * baseline, writes JUnit when asked, prints the summary, and throws ExitCode(1) when a gate
 * or the baseline fails.
 */
export function finishSweep(outDir: string, header: JournalHeader, results: readonly JournalResult[], gates: PreparedGates, flags: GateFlags, note: string, failures: readonly JournalFailure[] = [], shownDir: string = outDir): void {
  const out = summarizeSweep(header, results, failures);
  const g = applyGates(out, header, gates);
  writeSweepOutputs(outDir, header, out, g.extra);
  if (flags.junit !== undefined) writeFileAtomic(junitPathIn(resolve(flags.junit), outDir, shownDir), junitXml(header.sweep, g.gates, g.baseline));
  if (flags.json === true) process.stdout.write(`${stableStringify({ ...out.summary, ...g.extra }, 2)}\n`);
  else if (flags.quiet !== true) process.stdout.write(`${summaryLines(out, g, shownDir, note, out.failures.length).join('\n')}\n`);
  try {
    reportFailures(g, flags.quiet === true, results.length, flags.json === true);
  } finally {
    process.stderr.write(failedConfigsText(out.failures, results.length + out.failures.length));
  }
  if (out.failures.length > 0) throw new ExitCode(EXIT.checkFailed);
}

/**
 * Runs `finish` (outputs, gates, summary), writes the report, then commits the folder: also
 * when `finish` failed a check (ExitCode: the outputs are complete), never after another error.
 */
export async function finishAndCommit(outDir: string, commit: () => void, flags: { readonly report?: boolean }, finish: () => void): Promise<void> {
  let checkFailed: ExitCode | null = null;
  try {
    finish();
  } catch (err) {
    if (!(err instanceof ExitCode)) throw err;
    checkFailed = err;
  }
  // Written even when a gate fails: the report is how one sees why. Loaded on demand (vega is slow to import).
  if (flags.report !== false && existsSync(join(outDir, 'results.arrow'))) {
    await (await import('../report/write-sweep-report.js')).writeSweepReport(outDir, {});
  }
  commit();
  if (checkFailed !== null) throw checkFailed;
}

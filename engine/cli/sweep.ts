import { availableParallelism } from 'node:os';
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assert, BtInputError, Interrupted, type InterruptSignal } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { loadRunData } from '../io/load-run-data.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { envErrorAt } from '../io/env-error.js';
import { checkReplaceableFile, refuseFolderAt } from '../io/output-kind.js';
import { buildSweep, withDataHashes, type BuiltSweep, type PreparedSweep } from '../sweep/prepare-sweep.js';
import { startFileHashing } from '../io/input-hashing.js';
import { runDataFiles } from '../sweep/data-hashes.js';
import type { RunData } from '../run/run-data.js';
import { openOutputFolder } from '../io/output-folder.js';
import { faultHold } from '../io/output-fs.js';
import { untilInterrupted } from './interrupt.js';
import { ALLOCATORS, allocatorParamSpecs } from '../../strategies/index.js';
import { unreadSweptParamNotes } from '../sweep/unread-swept-params.js';
import { inertParamNote } from '../sweep/inert-params.js';
import type { SweepConfig } from '../sweep/build-configurations.js';
import { bestConfig, metricOf } from '../sweep/best-config.js';
import { compareToBaseline, readBaselineCsv, type BaselineReport, type BaselineTable } from '../sweep/baseline.js';
import { baseNotInSweepError, checkTargetAmong, evaluateChecks, formatGateTable, gatesNeedBase, gateText, parseCheck, parseCheckTarget, refuseWholeSweepGatesOnShard, type Check, type CheckTarget, type GateResult } from '../sweep/checks.js';
import { openJournal, readJournal, type JournalContents, type JournalFailure, type JournalHeader, type JournalResult, type JournalWriter } from '../sweep/journal.js';
import { junitXml } from '../sweep/junit.js';
import { startPool, type SweepPool, type SweepRunFailure } from '../sweep/pool.js';
import { failedConfigsText, failureText } from '../sweep/failed-configs.js';
import { createProgress } from '../sweep/progress.js';
import { parseShard, WHOLE_SWEEP } from '../sweep/shard.js';
import { shareRunData } from '../sweep/shared-data.js';
import { runsAreShort } from '../sweep/short-runs.js';
import { planStages } from '../sweep/stage-plan.js';
import { walkForwardSummaryLines } from '../sweep/walk-forward-summary.js';
import { noiseSummaryLine } from '../sweep/noise-summary.js';
import { summarizeSweep, writeSweepOutputs, type SweepOutputs } from '../sweep/write-sweep-outputs.js';
import { EXIT, ExitCode, type CliDeps } from './main.js';
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

/** Options of `bt sweep`, as commander parses them. */
export interface SweepFlags extends GateFlags {
  readonly workers?: string;
  readonly out?: string;
  readonly resume?: boolean;
  readonly shard?: string;
  readonly report?: boolean;
  readonly force?: boolean;
  readonly failFast?: boolean;
  /** false (hidden --no-share-stages): run every configuration in full, the reference path of staged sweeps. */
  readonly shareStages?: boolean;
}

function parseTolerance(text: string | undefined): number {
  const x = Number(text ?? '0.05');
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
 * Writes a finished sweep's (or merge's) outputs into `outDir`, applies the gates and the
 * baseline, writes JUnit when asked, prints the summary, and throws ExitCode(1) when a gate
 * or the baseline fails.
 */
export function finishSweep(outDir: string, header: JournalHeader, results: readonly JournalResult[], gates: PreparedGates, flags: GateFlags, note: string, failures: readonly JournalFailure[] = [], shownDir: string = outDir): void {
  const out = summarizeSweep(header, results, failures);
  const g = applyGates(out, header, gates);
  writeSweepOutputs(outDir, header, out, g.extra);
  if (flags.junit !== undefined) writeFileAtomic(resolve(flags.junit), junitXml(header.sweep, g.gates, g.baseline));
  if (flags.json === true) process.stdout.write(`${stableStringify({ ...out.summary, ...g.extra }, 2)}\n`);
  else if (flags.quiet !== true) process.stdout.write(`${summaryLines(out, g, shownDir, note, out.failures.length).join('\n')}\n`);
  try {
    reportFailures(g, flags.quiet === true, results.length, flags.json === true);
  } finally {
    process.stderr.write(failedConfigsText(out.failures, results.length + out.failures.length));
  }
  if (out.failures.length > 0) throw new ExitCode(EXIT.checkFailed);
}

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1)) throw new BtInputError({ field: '--workers', expected: 'an integer >= 1', found: `'${text}'` });
  return n;
}

/** Returns the journal to resume, after checking it belongs to this sweep and shard (null: start fresh). */
function journalToResume(path: string, display: string, header: JournalHeader): JournalContents | null {
  const previous = readJournal(path, display);
  if (previous === null) return null;
  const p = previous.header;
  const s = header.shard;
  const why =
    p.engine_version !== header.engine_version ? `results of another bt engine (${p.engine_version ?? 'unrecorded'}, not ${header.engine_version ?? ''}): they would mix with this one's`
    : p.sweep_id !== header.sweep_id ? 'another sweep (its space, base scenario or data changed)'
    : p.shard.index !== s.index || p.shard.count !== s.count ? `shard ${p.shard.index}/${p.shard.count}, not ${s.index}/${s.count}`
    : null;
  if (why !== null) throw new BtInputError({ file: display, expected: 'the journal of this sweep to --resume', found: why, hint: 'Use another --out, or drop --resume to start over' });
  return previous;
}

/**
 * Runs `todo` on the worker pool, appending each result to the journal as it arrives. Returns
 * the workers it ran on: at most `workers`, one for a small sweep of short runs (short-runs.ts).
 */
async function runConfigs(todo: readonly SweepConfig[], prep: PreparedSweep, data: RunData, journal: JournalWriter, pool: SweepPool, workers: number, deps: CliDeps, flags: SweepFlags): Promise<number> {
  if (todo.length === 0) return 0;
  const total = prep.mine.length;
  let count = total - todo.length;
  // --quiet and --json print nothing but failures (and the JSON): no bar, even on a terminal
  const progress = createProgress(total, count, flags.quiet === true || flags.json === true ? { write: () => true } : process.stderr, deps.wallClockMs);
  const paramsOf = new Map(todo.map((c) => [c.id, c.params]));
  // Configurations that differ only downstream share one upstream run (engine/sweep/stage-key.ts).
  // Short runs keep upstream tasks on one worker (short-runs.ts): no spare worker starts an upstream key alongside.
  const short = runsAreShort(data);
  const plan = planStages(todo, flags.shareStages !== false, short ? 1 : workers);
  const used = Math.min(workers, plan.expectedTasks);
  // after a signal, results still in flight are not journaled: the journal is being closed
  let stopped = false;
  let held: Promise<void> = Promise.resolve(); // a signal test's pause, after the first result is journaled
  const run = pool.run({
    workers: used,
    init: { data, benchmark: prep.benchmark },
    tasks: plan.tasks,
    followUps: plan.followUps,
    expectedTasks: plan.expectedTasks,
    upstreamOnOneWorker: short,
    onResult: (r) => {
      if (stopped) return;
      journal.append({ kind: 'result', config_id: r.id, params: paramsOf.get(r.id) ?? {}, metrics: r.metrics, curve: { ts: Array.from(r.ts), equity: Array.from(r.equity) } });
      if (count === total - todo.length) held = faultHold('journaled');
      count += 1;
      progress.update(count);
    },
    // A failing configuration is recorded and the sweep goes on, unless --fail-fast.
    ...(flags.failFast === true
      ? {}
      : {
          onFailure: (f: SweepRunFailure) => {
            if (stopped) return;
            journal.append({ kind: 'failure', config_id: f.id, params: paramsOf.get(f.id) ?? {}, error: failureText(f) });
            count += 1;
            progress.update(count);
          },
        }),
  });
  await untilInterrupted(run.then(() => held), () => {
    stopped = true;
  });
  progress.finish();
  return used;
}

/** `bt sweep SWEEP.yaml` (options: engine/cli/program.ts). */
export async function sweepCommand(sweepPath: string, flags: SweepFlags, deps: CliDeps): Promise<void> {
  const cwd = process.cwd();
  const workers = parseWorkers(flags.workers);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : WHOLE_SWEEP;
  const gates = prepareGates(flags);
  // One worker starts now and loads its code while this thread reads the sweep and its data;
  // the others start once the data says the sweep can use them (runConfigs).
  const pool = startPool(new URL('../sweep/worker.js', import.meta.url), new URL('../../strategies/index.js', import.meta.url).href, 1);
  try {
    const built = buildSweep(sweepPath, shard, cwd, allocatorParamSpecs());
    // before anything runs or is written: a gate the slice cannot answer, a config id or a base the sweep does not hold
    if (shard.count > 1) refuseWholeSweepGatesOnShard(gates.checks, gates.target, `${shard.index}/${shard.count}`);
    checkTargetAmong(gates.target, built.mine.map((c) => c.id));
    if (gatesNeedBase(gates.checks, gates.target) && built.baseConfig.absent !== null) throw baseNotInSweepError(built.baseConfig.absent);
    // a swept key no configuration reads gives a flat sweep: say so before it runs
    if (flags.quiet !== true) for (const note of unreadSweptParamNotes(built.paths, built.mine, ALLOCATORS)) process.stderr.write(`bt sweep ${built.name}: note: ${note}\n`);
    const { prep, data } = await loadWhileHashing(built);
    const outDir = resolve(cwd, flags.out ?? join('results', 'sweeps', prep.name));
    // messages name --out as typed; a fresh sweep over an earlier one is built beside it and swapped in at the end
    const folder = openOutputFolder(relative(cwd, outDir) || '.', 'sweep', flags.force === true, flags.resume === true ? 'append' : 'fresh', built.inputs);
    try {
      await sweepInto(resolve(cwd, folder.workDir), outDir, folder.created, prep, data, gates, pool, workers, flags, deps, folder.commit);
    } catch (err) {
      // a full disk or a read-only folder while the journal, the tables or the report are written: name --out (not its temp folder)
      const shown = relative(cwd, outDir) || '.';
      throw envErrorAt(err, resolve(cwd, folder.workDir), shown);
    } finally {
      folder.release();
    }
  } finally {
    pool.close();
  }
}

/**
 * Loads the sweep's data while a worker hashes the same files for the journal header (its
 * sweep id covers them): on workload M, hashing the 555 MB takes ~3 s of one core and the load
 * ~2 s of the other, one after the other before. The data goes straight into shared memory: the
 * workers read the columns the load wrote, not a copy. It is loaded even when a resumed journal
 * turns out to hold every configuration: only the header, which needs the hashes, can say so.
 */
async function loadWhileHashing(built: BuiltSweep): Promise<{ readonly prep: PreparedSweep; readonly data: RunData }> {
  const hashing = startFileHashing(runDataFiles(built.dataPaths));
  let data: RunData;
  try {
    data = shareRunData(loadRunData(built.dataPaths, { shared: true }));
  } catch (err) {
    hashing.cancel();
    throw err;
  }
  return { prep: withDataHashes(built, await hashing.result()), data };
}

/**
 * Runs (or resumes) the sweep in its locked output folder `outDir` (the --out folder, or the
 * temp folder a fresh sweep over an earlier one is built in; `shownDir` is the --out folder)
 * and writes its outputs; `commit` marks (and swaps in) the finished folder, also when a
 * gate fails (the outputs are complete: the report is how one sees why).
 */
async function sweepInto(outDir: string, shownDir: string, createdDir: boolean, prep: PreparedSweep, data: RunData, gates: PreparedGates, pool: SweepPool, workers: number, flags: SweepFlags, deps: CliDeps, commit: () => void): Promise<void> {
  const cwd = process.cwd();
  const journalPath = join(outDir, 'journal.jsonl');
  const display = relative(cwd, journalPath);
  const previous = flags.resume === true ? journalToResume(journalPath, display, prep.header) : null;
  const done = new Set([...(previous?.results ?? []), ...(previous?.failures ?? [])].map((r) => r.config_id));
  const todo = prep.mine.filter((c) => !done.has(c.id));
  // a fresh sweep that finished nothing leaves nothing behind; otherwise the journal stays for --resume
  const undoFreshStart = (): void => {
    const left = readJournal(journalPath, display);
    if (previous === null && (left?.results.length ?? 0) + (left?.failures.length ?? 0) === 0) rmSync(createdDir ? outDir : journalPath, { recursive: true, force: true });
  };
  let journal: JournalWriter;
  try {
    journal = openJournal(journalPath, prep.header, previous?.validBytes);
  } catch (err) {
    undoFreshStart();
    throw err;
  }
  const t0 = deps.wallClockMs();
  let used = 0;
  try {
    used = await runConfigs(todo, prep, data, journal, pool, workers, deps, flags);
  } catch (err) {
    undoFreshStart();
    throw err instanceof Interrupted ? new Interrupted(err.signal, interruptedSweepMessage(err.signal, readJournal(journalPath, display), prep.mine.length, outDir !== shownDir, shownDir)) : err;
  } finally {
    journal.close();
  }
  const seconds = (deps.wallClockMs() - t0) / 1000;
  const final = readJournal(journalPath, display);
  assert(final !== null, 'the sweep journal exists after the run');
  const resumed = prep.mine.length - todo.length;
  const rate = seconds > 0 ? ` (${(todo.length / seconds).toFixed(2)} configs/s)` : '';
  const note =
    // a shard past the configurations' count holds none (--shard 14/20 of a 12-configuration sweep): nothing ran, none was resumed
    prep.mine.length === 0 ? `, none in this shard: ${prep.header.shard.count} shards for ${prep.header.n_total} configurations leave some empty`
    : todo.length === 0 ? `, all ${resumed} already in the journal`
    : `, ${todo.length} run${resumed > 0 ? `, ${resumed} resumed` : ''} on ${used} worker${used === 1 ? '' : 's'} in ${seconds.toFixed(1)} s${rate}`;
  const mineIds = new Set(prep.header.config_ids);
  await finishAndCommit(outDir, commit, flags, () => finishSweep(outDir, prep.header, final.results.filter((r) => mineIds.has(r.config_id)), gates, flags, note, final.failures.filter((r) => mineIds.has(r.config_id)), shownDir));
}

/** What an interrupted sweep left: its journal to --resume, or the earlier sweep it was to replace, or nothing. */
function interruptedSweepMessage(signal: InterruptSignal, left: JournalContents | null, total: number, beside: boolean, shownDir: string): string {
  const shown = relative(process.cwd(), shownDir) || '.';
  const finished = (left?.results.length ?? 0) + (left?.failures.length ?? 0);
  const what =
    beside ? `${shown} keeps the earlier sweep as it was; this one's ${finished} finished configuration${finished === 1 ? '' : 's'} went with its temp folder (a new sweep over an earlier one cannot be resumed)`
    : finished === 0 ? 'no configuration had finished: nothing was written'
    : `${finished} of ${total} configurations are in ${join(shown, 'journal.jsonl')}: the same command with --resume runs the others`;
  return `sweep interrupted (${signal}): ${what}`;
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

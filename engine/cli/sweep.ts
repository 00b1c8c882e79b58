import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseDecimal } from '../core/decimal-text.js';
import { assert, BtInputError, Interrupted, type InterruptSignal } from '../core/errors.js';
import { loadRunData } from '../io/load-run-data.js';
import { envErrorAt } from '../io/env-error.js';
import { buildSweep, withDataHashes, type BuiltSweep, type PreparedSweep } from '../sweep/prepare-sweep.js';
import { startFileHashing } from '../io/input-hashing.js';
import { runDataFiles } from '../sweep/data-hashes.js';
import type { RunData } from '../run/run-data.js';
import { openOutputFolder } from '../io/output-folder.js';
import { faultHold } from '../io/output-fs.js';
import { untilInterrupted } from './interrupt.js';
import { ALLOCATORS, allocatorParamSpecs } from '../../strategies/index.js';
import { unreadSweptParamNotes } from '../sweep/unread-swept-params.js';
import type { SweepConfig } from '../sweep/build-configurations.js';
import { baseNotInSweepError, checkTargetAmong, gatesNeedBase, refuseWholeSweepGatesOnShard } from '../sweep/checks.js';
import { openJournal, RANKING_FIELDS, readJournal, type JournalContents, type JournalHeader, type JournalWriter } from '../sweep/journal.js';
import { startPool, type SweepPool, type SweepRunFailure } from '../sweep/pool.js';
import { failureText } from '../sweep/failed-configs.js';
import { createProgress } from '../sweep/progress.js';
import { parseShard, WHOLE_SWEEP } from '../sweep/shard.js';
import { shareRunData } from '../sweep/shared-data.js';
import { runsAreShort } from '../sweep/short-runs.js';
import { planStages } from '../sweep/stage-plan.js';
import { sweepIdDifference } from '../sweep/sweep-id-difference.js';
import type { CliDeps } from './main.js';
import { finishAndCommit, finishSweep, prepareGates, refuseJunitInReport, type GateFlags, type PreparedGates } from './finish-sweep.js';

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

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = parseDecimal(text);
  if (!(Number.isInteger(n) && n >= 1)) throw new BtInputError({ field: '--workers', expected: 'an integer >= 1', found: `'${text}'` });
  return n;
}

/**
 * How the sweep file's ranking settings differ from the journal's, or null. The sweep id covers the
 * configurations, not how they are ranked: a resume under another objective wrote tables ranked by
 * the new one beside a journal header naming the old, which bt merge then refused.
 */
function rankingChange(journal: JournalHeader, now: JournalHeader): string | null {
  for (const f of RANKING_FIELDS) {
    if (journal[f] !== now[f]) return `a sweep ranked by ${f} ${String(journal[f])}, where the sweep file now says ${String(now[f])}`;
  }
  return null;
}

/** Returns the journal to resume, after checking it belongs to this sweep and shard (null: start fresh). */
function journalToResume(path: string, display: string, header: JournalHeader): JournalContents | null {
  const previous = readJournal(path, display);
  if (previous === null) return null;
  const p = previous.header;
  const s = header.shard;
  const why =
    p.engine_version !== header.engine_version ? `results of another bt engine (${p.engine_version ?? 'unrecorded'}, not ${header.engine_version ?? ''}): they would mix with this one's`
    : p.sweep_id !== header.sweep_id ? `another sweep: since the journal was written, ${sweepIdDifference(p, header)}`
    : p.shard.index !== s.index || p.shard.count !== s.count ? `shard ${p.shard.index}/${p.shard.count}, not ${s.index}/${s.count}`
    : rankingChange(p, header);
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
    if (gatesNeedBase(gates.checks, gates.target) && built.baseConfig.absent !== null) throw baseNotInSweepError(built.baseConfig.absent, gates.checks, gates.target);
    // a swept key no configuration reads gives a flat sweep: say so before it runs
    if (flags.quiet !== true) for (const note of unreadSweptParamNotes(built.paths, built.mine, ALLOCATORS)) process.stderr.write(`bt sweep ${built.name}: note: ${note}\n`);
    const { prep, data } = await loadWhileHashing(built);
    const outDir = resolve(cwd, flags.out ?? join('results', 'sweeps', prep.name));
    refuseJunitInReport(flags.junit, outDir);
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

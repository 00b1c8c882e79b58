import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { describeFound } from '../scenario/describe-field.js';
import { isValidatedScenario } from '../scenario/validated-scenario.js';
import { ALLOCATORS } from '../../strategies/index.js';
import { toF64 } from '../core/growable.js';
import { eventRowCount } from '../events/event-batches.js';
import { BATCH_ROWS } from '../io/arrow-table.js';
import { writeDirAtomic } from '../io/atomic-write.js';
import { openEventsFile, readEventsFileBytes } from '../io/events-file.js';
import { openTargetsFile, readTargetsFileBytes } from '../io/targets-file.js';
import { openAgentWeightsFile } from '../io/agent-weights-file.js';
import type { KeyedBatchFile } from '../io/keyed-batch-file.js';
import { targetRowColumns } from '../run/target-rows.js';
import { weightRowColumns } from '../run/weight-rows.js';
import { openRunStream } from '../io/stream-run-data.js';
import { startInputHashing, type InputHashing } from '../io/input-hashing.js';
import { inputFiles } from '../io/manifest.js';
import { readBenchmark } from '../io/read-benchmark.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { csvTwinOf, runOutputFiles, writeRunOutputs, type RunOutputFiles } from '../io/write-run-outputs.js';
import { writeArrowCsv } from '../io/arrow-csv.js';
import { readFileBytes } from '../../datasets/read/open-arrow-file.js';
import { prepareScenarioRun, runPreparedScenario, type ScenarioRun } from '../run/run-scenario.js';
import type { RunControl } from '../run/run.js';
import type { RunData } from '../run/run-data.js';
import { dataSpanMs, runStartMsOf } from '../run/config-from-scenario.js';
import { stalePositions } from '../portfolio/stale-positions.js';
import { countingFillLag } from '../run/fill-lag-stream.js';
import type { FillLag } from '../run/fill-lag.js';
import type { Scenario } from '../scenario/scenario.js';
import { runTables, type BacktestResult } from './backtest-result.js';
import { loadScenario } from './load-scenario.js';
import { completeRunFolder, type WriteRunOptions } from './write-run.js';

/** Options of runScenario. */
export interface RunScenarioOptions extends WriteRunOptions {
  /** Also produce the CSV twin of each Arrow output (events.csv, targets.csv, ...) and benchmark.csv (as `bt run --csv`; docs/outputs.md). */
  readonly csv?: boolean;
  /** Write the run folder here (as `bt run --out`); absent: nothing is written. */
  readonly out?: string;
  /** Resume from a snapshot, or follow progress; stopping early is the CLI's (`--stop-after`). */
  readonly control?: Omit<RunControl, 'stopAfterMs' | 'spill' | 'targetSink' | 'weightSink'>;
  /** Wall clock for run_info.json and `replaySeconds` only (default: none, 0). */
  readonly wallClockMs?: () => number;
  /** With `out`: called when the replay ends and the remaining files are written (a progress phase). */
  readonly onWriting?: () => void;
  /** With `out`: rows per record batch of events.arrow as the log spills (tests; default 65,536, what columnsToIpc writes). */
  readonly eventBatchRows?: number;
  /** Name input files in errors relative to this folder (bt run: the working folder); absent: as the scenario writes them (run-data-paths.ts). */
  readonly displayFrom?: string;
}

/**
 * Returns a scenario's run (a Scenario from loadScenario, or the path of its YAML file):
 * metrics, Arrow tables, the equity curve as typed arrays and the output files' bytes. Reads
 * the inputs; writes nothing unless `out` is given, then the same folder as `bt run`: the
 * event log is then written into the folder's temp copy batch by batch as the run goes, so
 * memory does not grow with it, and the result reads events.arrow back from `out` on demand.
 */
export async function runScenario(scenario: Scenario | string, opts: RunScenarioOptions = {}): Promise<BacktestResult> {
  const sc = typeof scenario === 'string' ? loadScenario(scenario) : validated(scenario);
  if (opts.out === undefined) return runIn(sc, opts, null);
  // manifest.json's input hashes: the files are read and hashed on a worker while the run replays
  const inputs = startInputHashing(sc);
  try {
    return await runIn(sc, opts, inputs);
  } finally {
    inputs.cancel();
  }
}

/** Returns `scenario` if loadScenario made it, else throws: a copy changed by hand was never validated, and its manifest would record the settings it was copied from. */
function validated(scenario: unknown): Scenario {
  if (isValidatedScenario(scenario)) return scenario;
  throw new BtInputError({
    field: 'scenario',
    expected: 'a Scenario from loadScenario, or the path of a scenario YAML file',
    found: describeFound(scenario),
    hint: "A Scenario is validated as a whole and frozen; to run another setting, load it again: loadScenario(path, { set: { 'targets.cash_buffer': 0.2 } })",
  });
}

/** runScenario once its scenario is loaded; `inputs` (with `out`) brings the manifest's input hashes. */
async function runIn(sc: Scenario, opts: RunScenarioOptions, inputs: InputHashing | null): Promise<BacktestResult> {
  const clock = opts.wallClockMs ?? ((): number => 0);
  const wallStartMs = clock();
  // Batch by batch from the files: decoded input is never held whole.
  const stream = openRunStream(runDataPaths(sc, opts.displayFrom));
  const data = stream.data;
  // The replay checks input rows as it reads them: an error of a step before it (the benchmark,
  // the output folder) is reported after an invalid input row's, as when every row was checked first.
  let replayed = false;
  const inputsFirst = async <T>(step: () => T | Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      if (!replayed) stream.checkInputs();
      throw err;
    }
  };
  const benchmark = await inputsFirst(() => readBenchmark(sc));
  const replay = (control: RunControl): { ran: ScenarioRun; replaySeconds: number; fillLag: FillLag } => {
    const t0 = clock();
    replayed = true;
    const { ran, lag } = stream.replay(() => {
      // one configuration for the run and the fill lag, which is counted from the batches the replay decodes anyway (fill-lag-stream.ts)
      const prepared = prepareScenarioRun(sc, data, ALLOCATORS);
      const counting = countingFillLag(data, prepared.cfg);
      return { ran: runPreparedScenario(sc, counting.data, prepared, control, benchmark), lag: counting };
    });
    return { ran, replaySeconds: (clock() - t0) / 1000, fillLag: lag.finish() };
  };
  const out = opts.out;
  if (out === undefined || inputs === null) {
    const { ran, replaySeconds, fillLag } = replay(opts.control ?? {});
    return resultOf(sc, data, ran, runOutputFiles(data, ran.outcome.state, ran.metrics, opts.csv === true, benchmark, ran.cfg.initialCapital), replaySeconds, wallStartMs, fillLag);
  }
  const done: { result?: BacktestResult } = {};
  await inputsFirst(() => writeDirAtomic(out, { kind: 'run', force: opts.force === true, inputs: [...inputFiles(sc).map((f) => f.abs)] }, async (tmp) => {
    const batchRows = opts.eventBatchRows ?? BATCH_ROWS;
    // the report charts the multiplier changes, --governance builds from the governance log: kept as they are written, not read back from the file
    const governance = opts.governance !== undefined ? (await import('../events/governance-log-collector.js')).collectGovernanceLog(data, runStartMsOf(sc, data)) : null;
    const events = openEventsFile(join(tmp, 'events.arrow'), data, batchRows, { multipliers: opts.report !== false, ...(governance !== null ? { governance } : {}) });
    let targets: KeyedBatchFile | null = null; // opened inside the try: a failure to open it aborts the events file too
    let weights: KeyedBatchFile | null = null;
    try {
      targets = openTargetsFile(join(tmp, 'targets.arrow'), data.symbols);
      weights = openAgentWeightsFile(join(tmp, 'agent_weights.arrow'), data.agents);
      const { ran, replaySeconds, fillLag } = replay({ ...(opts.control ?? {}), spill: { sink: events.sink, batchRows }, targetSink: targets.sink, weightSink: weights.sink });
      // the files written as the run went: their hashes, and how the result reads them back from `out`
      const streamed: Record<string, string> = {
        'events.arrow': events.finish(ran.outcome.state.log),
        'targets.arrow': targets.finish(targetRowColumns(ran.outcome.state.out)),
        'agent_weights.arrow': weights.finish(weightRowColumns(ran.outcome.state.out)),
      };
      const readBack: Record<string, () => Uint8Array> = {
        'events.arrow': () => readEventsFileBytes(join(out, 'events.arrow')),
        'targets.arrow': () => readTargetsFileBytes(join(out, 'targets.arrow')),
        'agent_weights.arrow': () => readFileBytes(join(out, 'agent_weights.arrow')),
      };
      if (opts.csv === true) {
        // their CSV twins from the files, a record batch at a time (the others' come with runOutputFiles)
        for (const name of ['events.arrow', 'targets.arrow', 'agent_weights.arrow']) {
          const csv = csvTwinOf(name);
          streamed[csv] = writeArrowCsv(join(tmp, name), join(tmp, csv));
          readBack[csv] = () => readFileBytes(join(out, csv));
        }
      }
      opts.onWriting?.();
      const files = runOutputFiles(data, ran.outcome.state, ran.metrics, opts.csv === true, benchmark, ran.cfg.initialCapital, new Set(Object.keys(streamed)));
      const outputs = { ...writeRunOutputs(tmp, files), ...streamed };
      done.result = resultOf(sc, data, ran, withFilesFrom(files, readBack, streamed, out), replaySeconds, wallStartMs, fillLag);
      const multipliers = events.multipliers();
      const governanceLog = events.governanceLog();
      await completeRunFolder(tmp, done.result, inputs, outputs, opts, { ...(multipliers !== null ? { multipliers } : {}), ...(governanceLog !== null ? { governanceLog } : {}) });
    } catch (err) {
      events.abort();
      targets?.abort();
      weights?.abort();
      throw err;
    }
  }));
  if (done.result === undefined) throw new Error('bt: internal: the run folder was written without its run');
  return done.result;
}

/**
 * The files plus those written as the run went, each read by its reader when first asked for (after
 * the folder is swapped in) and checked against the sha256 it was written with (`hashes`): a later
 * run into the same `out` replaces the folder, and its rows must not pass for this run's.
 */
function withFilesFrom(files: RunOutputFiles, readBack: Readonly<Record<string, () => Uint8Array>>, hashes: Readonly<Record<string, string>>, out: string): RunOutputFiles {
  const all: Record<string, Uint8Array | string> = { ...files };
  for (const [name, read] of Object.entries(readBack)) {
    let bytes: Uint8Array | null = null;
    const checked = (b: Uint8Array): Uint8Array => {
      if (sha256Hex(b) === hashes[name]) return b;
      throw new BtInputError({ file: join(out, name), expected: "this run's file (its manifest's sha256)", found: 'other bytes: the folder was replaced or changed after the run', hint: 'Read the tables before writing the folder again, or give each run its own out' });
    };
    Object.defineProperty(all, name, { enumerable: true, get: () => (bytes ??= checked(read())) });
  }
  return all;
}

function resultOf(sc: Scenario, data: RunData, ran: ScenarioRun, files: RunOutputFiles, replaySeconds: number, wallStartMs: number, fillLag: FillLag): BacktestResult {
  const { cfg, outcome, metrics } = ran;
  const out = outcome.state.out;
  return {
    scenario: sc,
    config: cfg,
    metrics,
    counters: outcome.counters,
    equity: { tsMs: new Float64Array(toF64(out.equityTs)), equity: new Float64Array(toF64(out.equity)) },
    tables: runTables(files),
    files,
    loggedEvents: eventRowCount(outcome.state.log),
    replaySeconds,
    wallStartMs,
    dataSpan: dataSpanMs(data),
    stalePositions: out.equityTs.length > 0 ? stalePositions(outcome.state.portfolio, data.symbols, out.equityTs.data[out.equityTs.length - 1] as number) : [],
    flatOutcomes: out.flatOutcomes,
    fillLag,
  };
}

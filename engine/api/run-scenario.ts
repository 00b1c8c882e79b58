import { ALLOCATORS } from '../../strategies/index.js';
import { toF64 } from '../core/growable.js';
import { openRunStream } from '../io/stream-run-data.js';
import { readBenchmark } from '../io/read-benchmark.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { runOutputFiles } from '../io/write-run-outputs.js';
import { runScenario as runLoadedScenario } from '../run/run-scenario.js';
import type { RunControl } from '../run/run.js';
import type { Scenario } from '../scenario/scenario.js';
import { runTables, type BacktestResult } from './backtest-result.js';
import { loadScenario } from './load-scenario.js';
import { writeRun, type WriteRunOptions } from './write-run.js';

/** Options of runScenario. */
export interface RunScenarioOptions extends WriteRunOptions {
  /** Also produce targets.csv, equity.csv and benchmark.csv (as `bt run --csv`). */
  readonly csv?: boolean;
  /** Write the run folder here (as `bt run --out`); absent: nothing is written. */
  readonly out?: string;
  /** Resume from a snapshot, or follow progress; stopping early is the CLI's (`--stop-after`). */
  readonly control?: Omit<RunControl, 'stopAfterMs'>;
  /** Wall clock for run_info.json and `replaySeconds` only (default: none, 0). */
  readonly wallClockMs?: () => number;
}

/**
 * Returns a scenario's run (a Scenario from loadScenario, or the path of its YAML file):
 * metrics, Arrow tables, the equity curve as typed arrays and the output files' bytes. Reads
 * the inputs; writes nothing unless `out` is given, then the same folder as `bt run`.
 */
export async function runScenario(scenario: Scenario | string, opts: RunScenarioOptions = {}): Promise<BacktestResult> {
  const sc = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const clock = opts.wallClockMs ?? ((): number => 0);
  const wallStartMs = clock();
  // Batch by batch from the files: decoded input is never held whole.
  const data = openRunStream(runDataPaths(sc));
  const benchmark = readBenchmark(sc);
  const t0 = clock();
  const { cfg, outcome, metrics } = runLoadedScenario(sc, data, ALLOCATORS, opts.control ?? {}, benchmark);
  const replaySeconds = (clock() - t0) / 1000;
  const files = runOutputFiles(data, outcome.state, metrics, opts.csv === true, benchmark, cfg.initialCapital);
  const out = outcome.state.out;
  const result: BacktestResult = {
    scenario: sc,
    config: cfg,
    metrics,
    counters: outcome.counters,
    equity: { tsMs: new Float64Array(toF64(out.equityTs)), equity: new Float64Array(toF64(out.equity)) },
    tables: runTables(files),
    files,
    replaySeconds,
    wallStartMs,
  };
  if (opts.out !== undefined) await writeRun(result, opts.out, opts);
  return result;
}

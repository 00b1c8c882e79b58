/**
 * bt as a library (docs/library.md): `import { loadScenario, runScenario } from 'bt-backtest'`.
 * The only barrel in engine/: explicit named exports, nothing else.
 */
export { loadScenario, type LoadScenarioOptions } from './api/load-scenario.js';
export { runScenario, type RunScenarioOptions } from './api/run-scenario.js';
export { writeRun, type WriteRunOptions } from './api/write-run.js';
export type { BacktestResult, RunTables } from './api/backtest-result.js';
export { sweep, type SweepOptions, type SweepResult } from './api/sweep.js';
export { compare, type CompareOptions } from './api/compare.js';
export { toArquero } from './api/to-arquero.js';
export { computeMetrics } from './api/compute-metrics.js';
export { METRIC_FIELDS, type MetricsOptions, type MetricsRecord } from './metrics/compute-metrics.js';
export type { Comparison } from './report/compare/build-comparison.js';
export type { RunMetrics } from './run/run-metrics.js';
export type { Scenario } from './scenario/scenario.js';
export { BtInputError } from './core/errors.js';

import type { RunDirData } from '../../engine/report/read-run-dir.js';

const NO_SERIES = (): RunDirData['targets'] => ({ keys: [], tsMs: new Float64Array(0), keyId: new Int32Array(0), value: new Float64Array(0) });

/** A run folder's data with an equity curve only (no weights, targets, multipliers or kills): what the equity-driven charts read. */
export function equityOnlyRun(name: string, tsMs: Float64Array, equity: Float64Array, periodsPerYear: number, initialEquity = 100): RunDirData {
  return {
    name,
    scenarioName: name,
    variant: 'risk-penalized',
    engineVersion: 'test',
    equity: { tsMs, equity },
    agentWeights: NO_SERIES(),
    targets: NO_SERIES(),
    multipliers: NO_SERIES(),
    kills: [],
    metrics: { initial_equity: initialEquity, periods_per_year: periodsPerYear },
    initialEquity,
  };
}

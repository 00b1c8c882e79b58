import { MS } from '../../engine/core/time.js';
import type { RunData } from '../../engine/run/run-data.js';

/** The findings of a one-agent, one-symbol run: one entry per finding. */
export interface OneAgentFindings {
  readonly tsMs: Float64Array;
  readonly confidence: Float64Array;
  readonly direction: Int8Array;
  readonly horizonHours: Float64Array;
}

/**
 * Returns run data of one agent 'a' (no class, schedule weight 0.5) calling one symbol 'X' whose
 * `close` values are daily closes from `t0`: the smallest world in which a run-level rule shows.
 */
export function oneAgentDailyData(t0: number, close: Float64Array, findings: OneAgentFindings, regime: RunData['regime'] = null): RunData {
  const days = close.length;
  const n = findings.tsMs.length;
  return {
    agents: ['a'],
    symbols: ['X'],
    strategies: [],
    agentStrategy: Int32Array.of(-1),
    scheduleWeight: Float64Array.of(0.5),
    agentEnabled: Uint8Array.of(1),
    prices: { n: days, tsMs: Float64Array.from({ length: days }, (_, d) => t0 + d * MS.day), symbolId: new Int32Array(days), close },
    findings: { n, ...findings, agentId: new Int32Array(n), symbolId: new Int32Array(n), severityMult: new Float64Array(n).fill(1) },
    killList: null,
    regime,
  };
}

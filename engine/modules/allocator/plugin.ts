import type { ObjectSpec } from '../../scenario/param-spec.js';

/** Per-agent statistics on the virtual clock, by agent id (NaN = no data). */
export interface AgentStatsTable {
  readonly n: number;
  readonly nOutcomes: Float64Array;
  readonly pnlSumBps: Float64Array;
  readonly hitRate: Float64Array;
  readonly errorRate: Float64Array;
  readonly avgAbsErrorBps: Float64Array;
  readonly avgPnlErrorBps: Float64Array;
  /** <= 0, over the agent's whole history. */
  readonly maxDrawdownBps: Float64Array;
  readonly pnl7dBps: Float64Array;
  readonly sharpe30d: Float64Array;
  readonly winrate30d: Float64Array;
  /** <= 0; NaN unless the allocator asked for it (needsWindowDrawdown). */
  readonly maxDd30dBps: Float64Array;
  /** Strategy class id per agent (index into the run's strategies); -1 = unclassified. */
  readonly strategyId: Int32Array;
  /** 1 = may receive capital; 0 = disabled in the schedule, retired or killed. */
  readonly eligible: Uint8Array;
}

/** What an allocator sees at a tick: plain arrays by agent id, never mutated. */
export interface AllocatorInput {
  readonly stats: AgentStatsTable;
  /** Confidence multiplier per agent (decay step); 1 where decay is off. */
  readonly confidenceMult: Float64Array;
  /** The bounds every multiplier lies in (decay.floor, decay.ceil; 1 and 1 where decay is off). */
  readonly confidenceBounds: { readonly floor: number; readonly ceil: number };
  /** CVaR of pnl_error_bps per strategy class id; NaN = not enough outcomes. */
  readonly strategyCvarBps: Float64Array;
  /** CVaR of agents without a class (the seeds' 'unclassified'); NaN = none. */
  readonly unclassifiedCvarBps: number;
  /** Schedule weight per agent (agents file; 1 when absent). */
  readonly scheduleWeight: Float64Array;
  /** The previous tick's agent weights, or null at the first tick. */
  readonly prevWeights: Float64Array | null;
}

/**
 * Which of the supervisor's inputs an allocator reads, beyond pnl_sum_bps, hit_rate, error_rate
 * and eligibility: the settings that shape an input it does not read change no weight, and bt run
 * says so (engine/run/unread-settings.ts) instead of letting a sweep over them look flat for no
 * reason.
 */
export interface AllocatorReads {
  /** confidenceMult: the decay step's multipliers (decay.*). */
  readonly confidence: boolean;
  /** strategyCvarBps / unclassifiedCvarBps: the class CVaR (cvar.*). */
  readonly strategyCvar: boolean;
  /** pnl7dBps, sharpe30d, winrate30d, maxDd30dBps: the time-window statistics (stats.window_days, stats.pnl_window_days). */
  readonly windowStats: boolean;
}

/** Which behaviour a module follows: the seeds' Python exactly, or bt's corrections. */
export type Mode = 'seed' | 'default';

/**
 * An allocator variant: turns agent statistics into agent weights (>= 0; fractions of capital
 * summing to at most 1, except static-schedule's schedule weights, which the targets step
 * normalizes). Registered by name in strategies/index.ts.
 */
export interface AllocatorPlugin<P = Readonly<Record<string, unknown>>> {
  /** The value a scenario's allocator.variant names, e.g. 'pnl-weighted'. */
  readonly name: string;
  /** One line for `bt run --help` and the docs. */
  readonly description: string;
  /** Parameter specs: defaults, ranges and docs; drive validation and the README. */
  readonly params: ObjectSpec;
  /** True when allocate reads stats.maxDd30dBps (costs a window scan per tick). */
  readonly needsWindowDrawdown?: boolean;
  /**
   * Which inputs allocate reads with these params (validated, defaults filled). Absent: every
   * input may be read, so bt notes nothing as unread (a plug-in written outside bt need not say).
   */
  reads?(params: Readonly<Record<string, unknown>>): AllocatorReads;
  /** Pure: returns weights by agent id (0 for ineligible agents). */
  allocate(input: AllocatorInput, params: P, mode: Mode): Float64Array;
}

/**
 * In-memory columnar form of each dataset kind: the contract between the readers, the
 * importers, the generator and the engine. Plain typed arrays, no row objects.
 *
 * Timestamps are epoch milliseconds UTC held in Float64Array (exact for |t| < 2^53; Arrow
 * stores them as Timestamp(MILLISECOND, "UTC") = int64). Strings that repeat (agent,
 * symbol, severity, strategy) are dictionary columns: `codes[i]` indexes `dictionary`;
 * -1 marks a null.
 */

/** A dictionary-encoded string column; codes[i] = -1 means null. */
export interface DictColumn {
  readonly dictionary: readonly string[];
  readonly codes: Int32Array;
}

/** Severities the seeds know (seed 000 `_severity_multiplier`), in code order. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Seed 000 multipliers by severity: low 0.5, medium 1.0, high 1.5, critical 2.0. */
export const SEVERITY_MULTIPLIER: Readonly<Record<Severity, number>> = {
  low: 0.5,
  medium: 1.0,
  high: 1.5,
  critical: 2.0,
};

/** findings.arrow: one row per finding, sorted by ts, agent, symbol and the other fields a replay reads (datasets/read/finding-order.ts). */
export interface FindingsColumns {
  readonly length: number;
  readonly tsMs: Float64Array;
  readonly agent: DictColumn;
  readonly symbol: DictColumn;
  /** Dictionary values are members of SEVERITIES (checked on read). */
  readonly severity: DictColumn;
  /** In [0, 1]. */
  readonly confidence: Float64Array;
  /** +1 (long) or -1 (short); +1 where the file has no direction column or a null. */
  readonly direction: Int8Array;
  /** Hours until the finding is reconciled; NaN where null (the scenario's horizon applies). */
  readonly horizonHours: Float64Array;
  /** Strategy class; null codes where absent (the agents file then decides). */
  readonly strategy: DictColumn;
  /** An outside model's expected PnL in bps; NaN where null; absent when the file has no such column. */
  readonly expectedPnlBps?: Float64Array;
}

/** prices.arrow: one row per (ts, symbol) bar, sorted by ts then symbol, no duplicates. */
export interface PricesColumns {
  readonly length: number;
  readonly tsMs: Float64Array;
  readonly symbol: DictColumn;
  /** > 0, finite. */
  readonly close: Float64Array;
  /** Optional bars; NaN where null. Absent arrays mean the column is absent. */
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly volume?: Float64Array;
  /** Quoted spread in bps (file column spread_bps); NaN where null. */
  readonly spreadBps?: Float64Array;
}

/** reconciled.arrow: recorded outcomes (the seeds' alpha/reconciled.jsonl), file order. */
export interface ReconciledColumns {
  readonly length: number;
  /** Time the outcome became known (finding ts + horizon); NaN where the source has none. */
  readonly tsMs: Float64Array;
  readonly agent: DictColumn;
  readonly symbol: DictColumn;
  readonly horizonHours: Float64Array;
  readonly expectedPnlBps: Float64Array;
  readonly realizedPnlBps: Float64Array;
  readonly absErrorBps: Float64Array;
  readonly pnlErrorBps: Float64Array;
  readonly simVersion: DictColumn;
  readonly strategy: DictColumn;
}

/** agents.arrow: the seeds' agent_schedule.json, one row per agent, sorted by agent. */
export interface AgentsColumns {
  readonly length: number;
  readonly agent: readonly string[];
  readonly strategy: readonly string[];
  readonly enabled: Uint8Array;
  /** Schedule weight (seed 000), >= 0. */
  readonly weight: Float64Array;
  /** Seed schedule field; NaN where absent. */
  readonly intervalMinutes: Float64Array;
  /** When each agent joins the roster (epoch ms; NaN = at its first finding); absent column = all NaN. */
  readonly sinceMs?: Float64Array;
}

/** One class entry of the strategy kill list (seed 004 strategy_kill_list.yaml). */
export interface KillListEntry {
  readonly status?: string;
  readonly maxDrawdownBps?: number;
  readonly minHitRate?: number;
  readonly reason?: string;
}

/** The strategy kill list: class name -> entry. */
export type KillList = Readonly<Record<string, KillListEntry>>;

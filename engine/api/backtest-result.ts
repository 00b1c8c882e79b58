import { tableFromIPC, type Table } from 'apache-arrow';
import type { RunConfig } from '../run/config.js';
import type { DataSpan } from '../run/config-from-scenario.js';
import type { FillLag } from '../run/fill-lag.js';
import type { RunCounters } from '../run/run.js';
import type { RunMetrics } from '../run/run-metrics.js';
import type { Scenario } from '../scenario/scenario.js';
import type { StalePosition } from '../portfolio/stale-positions.js';
import type { RunOutputFiles } from '../io/write-run-outputs.js';

/** The Arrow tables of a run, one per output file (columns: docs/outputs.md). */
export interface RunTables {
  readonly events: Table;
  readonly targets: Table;
  readonly agent_weights: Table;
  readonly kills: Table;
  readonly equity: Table;
}

/** A finished run in memory: what `bt run` writes, as typed values (docs/library.md). */
export interface BacktestResult {
  readonly scenario: Scenario;
  readonly config: RunConfig;
  /** metrics.json as an object (docs/metrics.md). */
  readonly metrics: RunMetrics;
  readonly counters: RunCounters;
  /** The equity curve: time (epoch ms UTC) and equity per point. */
  readonly equity: { readonly tsMs: Float64Array; readonly equity: Float64Array };
  readonly tables: RunTables;
  /** The output files' bytes by name, exactly as `bt run` writes them (manifest and report aside). */
  readonly files: RunOutputFiles;
  /** Rows of events.arrow (the state changes the run logged). */
  readonly loggedEvents: number;
  /** Replay time in seconds by the injected wall clock (0 without one); never in a hashed output. */
  readonly replaySeconds: number;
  /** The wall-clock start (epoch ms) by the injected clock (0 without one), for run_info.json. */
  readonly wallStartMs: number;
  /** The input files' time spans, which an absent time.start / time.end is taken from. */
  readonly dataSpan: DataSpan;
  /** Positions held at the end in symbols whose closes stopped before the run's last price, marked at their last close (stale-positions.ts). */
  readonly stalePositions: readonly StalePosition[];
  /** Outcomes whose realized pnl was exactly 0 (of counters.reconciliations): their due-time close was their entry close. */
  readonly flatOutcomes: number;
  /** How many of the findings a tick saw were reconciled before the book could hold them (engine/run/fill-lag.ts; bt run's note). */
  readonly fillLag: FillLag;
}

/** Returns the Arrow tables decoded from a run's output files (events.arrow, targets.arrow and agent_weights.arrow on first use). */
export function runTables(files: RunOutputFiles): RunTables {
  const t = (name: string): Table => tableFromIPC(files[name] as Uint8Array);
  // Decoded when first read: after `bt run --out` the log, the target rows and the weight rows are on disk only (each may be large).
  const lazily = (name: string): PropertyDescriptor => {
    let table: Table | null = null;
    return { enumerable: true, get: () => (table ??= t(name)) };
  };
  const now = (name: string): PropertyDescriptor => ({ enumerable: true, value: t(name) });
  return Object.defineProperties({}, { targets: lazily('targets.arrow'), agent_weights: lazily('agent_weights.arrow'), kills: now('kills.arrow'), equity: now('equity.arrow'), events: lazily('events.arrow') }) as RunTables;
}

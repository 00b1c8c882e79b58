import { growableF64, pushF64, toF64, toI32, type GrowableF64 } from '../core/growable.js';
import { KIND_CODE } from './event.js';
import type { KeyedSeries } from './keyed-series.js';
import type { EventLog } from './log.js';

/**
 * Collects the multiplier_updated rows of a log's batches as they are handed on (a spilling
 * log's sink sees every row once): the series a run's report would otherwise read back from
 * events.arrow, a whole gigabyte-sized file for a few hundred thousand rows.
 */
export interface MultiplierCollector {
  /** Takes the batch's rows [0, log.length). */
  readonly add: (log: EventLog) => void;
  /** The confidence multiplier changes so far, by agent id (keys: the agent names), in log order. */
  readonly series: () => KeyedSeries;
}

/** Returns a collector for a log whose agent ids index `agents`. */
export function collectMultipliers(agents: readonly string[]): MultiplierCollector {
  const code = KIND_CODE['multiplier_updated'];
  const tsMs: GrowableF64 = growableF64();
  const keyId: GrowableF64 = growableF64();
  const value: GrowableF64 = growableF64();
  return {
    add: (log) => {
      const { kind, tsMs: ts, agent, v1 } = log;
      for (let i = 0; i < log.length; i++) {
        if (kind[i] !== code) continue;
        pushF64(tsMs, ts[i] as number);
        pushF64(keyId, agent[i] as number);
        pushF64(value, v1[i] as number);
      }
    },
    series: () => ({ keys: agents, tsMs: toF64(tsMs), keyId: toI32(keyId), value: toF64(value) }),
  };
}

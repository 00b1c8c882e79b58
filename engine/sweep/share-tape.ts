import type { UpstreamTape } from '../run/upstream-tape.js';
import { toShared } from './shared-data.js';

/**
 * Returns the tape with every typed array in a SharedArrayBuffer, copied once in the worker that
 * recorded it: posting it to the main thread and on to the replaying workers shares one copy.
 */
export function shareTape(t: UpstreamTape): UpstreamTape {
  const r = t.rows;
  return {
    ...t,
    tickWeights: toShared(t.tickWeights),
    weights: toShared(t.weights),
    multipliers: toShared(t.multipliers),
    agentStatus: toShared(t.agentStatus),
    classStatus: toShared(t.classStatus),
    kills: toShared(t.kills),
    rows:
      r === null
        ? null
        : {
            n: r.n,
            kind: toShared(r.kind),
            tsMs: toShared(r.tsMs),
            agent: toShared(r.agent),
            symbol: toShared(r.symbol),
            strategy: toShared(r.strategy),
            v1: toShared(r.v1),
            v2: toShared(r.v2),
            v3: toShared(r.v3),
            textId: toShared(r.textId),
            texts: { bytes: toShared(r.texts.bytes), offsets: toShared(r.texts.offsets) },
            weightRows: { tsMs: toShared(r.weightRows.tsMs), agent: toShared(r.weightRows.agent), value: toShared(r.weightRows.value), multiplier: toShared(r.weightRows.multiplier) },
          },
  };
}

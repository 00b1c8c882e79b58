import type { TapeRows, TapeRunEnd, UpstreamTape } from '../run/staged/upstream-tape.js';
import type { SupervisorTape } from '../run/staged/supervisor-tape.js';
import type { PairsTape } from '../run/staged/pairs-tape.js';
import type { VectorTape } from '../run/staged/vector-tape.js';
import { sharedOrCopy } from './shared-data.js';

function shareVectors(v: VectorTape): VectorTape {
  return { width: v.width, tickRow: sharedOrCopy(v.tickRow), values: sharedOrCopy(v.values) };
}

function sharePairs(p: PairsTape): PairsTape {
  return {
    tickRow: sharedOrCopy(p.tickRow),
    rowChunk: sharedOrCopy(p.rowChunk),
    rowStart: sharedOrCopy(p.rowStart),
    rowEnd: sharedOrCopy(p.rowEnd),
    chunks: p.chunks.map((c) => ({ agent: sharedOrCopy(c.agent), symbol: sharedOrCopy(c.symbol), raw: sharedOrCopy(c.raw) })),
  };
}

/**
 * Returns the tape with every typed array in a SharedArrayBuffer, copied once in the worker that
 * recorded it: posting it to the main thread and on to the replaying workers shares one copy.
 * The per-tick columns (weights, proposals, pairs, a supervisor tape's inputs) are recorded in
 * shared memory already (vector-tape.ts, pairs-tape.ts) and kept as they are; the rest (the
 * run's end, a supervisor tape's due flags, rows when recorded) is copied.
 */
export function shareTape(t: UpstreamTape): UpstreamTape {
  return {
    ...t,
    weights: shareVectors(t.weights),
    proposals: t.proposals === null ? null : shareVectors(t.proposals),
    pairs: t.pairs === null ? null : sharePairs(t.pairs),
    ...shareRunEnd(t),
    rows: t.rows === null ? null : shareRows(t.rows),
  };
}

/** Returns the supervisor tape (engine/run/staged/supervisor-tape.ts) with every typed array shared, as shareTape. */
export function shareSupervisorTape(t: SupervisorTape): SupervisorTape {
  return {
    ...t,
    due: sharedOrCopy(t.due),
    inputs: shareVectors(t.inputs),
    ...shareRunEnd(t),
    rows: t.rows === null ? null : shareRows(t.rows),
  };
}

function shareRunEnd(t: TapeRunEnd): Pick<TapeRunEnd, 'multipliers' | 'agentStatus' | 'classStatus' | 'kills'> {
  return { multipliers: sharedOrCopy(t.multipliers), agentStatus: sharedOrCopy(t.agentStatus), classStatus: sharedOrCopy(t.classStatus), kills: sharedOrCopy(t.kills) };
}

function shareRows(r: TapeRows): TapeRows {
  return {
    n: r.n,
    kind: sharedOrCopy(r.kind),
    tsMs: sharedOrCopy(r.tsMs),
    agent: sharedOrCopy(r.agent),
    symbol: sharedOrCopy(r.symbol),
    strategy: sharedOrCopy(r.strategy),
    v1: sharedOrCopy(r.v1),
    v2: sharedOrCopy(r.v2),
    v3: sharedOrCopy(r.v3),
    textId: sharedOrCopy(r.textId),
    texts: { bytes: sharedOrCopy(r.texts.bytes), offsets: sharedOrCopy(r.texts.offsets) },
    weightRows: { tsMs: sharedOrCopy(r.weightRows.tsMs), agent: sharedOrCopy(r.weightRows.agent), value: sharedOrCopy(r.weightRows.value), multiplier: sharedOrCopy(r.weightRows.multiplier) },
  };
}

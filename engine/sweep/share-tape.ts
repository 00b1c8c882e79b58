import type { TapeRows, TapeRunEnd, UpstreamTape } from '../run/staged/upstream-tape.js';
import type { SupervisorTape } from '../run/staged/supervisor-tape.js';
import type { PairsTape } from '../run/staged/pairs-tape.js';
import type { VectorTape } from '../run/staged/vector-tape.js';
import { toShared as copyToShared } from './shared-data.js';

type Typed = Float64Array | Int32Array | Uint8Array;

/** Returns `a` itself when it is already shared (a tape extended with proposals keeps the rest), else a shared copy. */
function toShared<T extends Typed>(a: T): T {
  return a.buffer instanceof SharedArrayBuffer ? a : copyToShared(a);
}

function shareVectors(v: VectorTape): VectorTape {
  return { width: v.width, tickRow: toShared(v.tickRow), values: toShared(v.values) };
}

function sharePairs(p: PairsTape): PairsTape {
  return {
    tickRow: toShared(p.tickRow),
    rowChunk: toShared(p.rowChunk),
    rowStart: toShared(p.rowStart),
    rowEnd: toShared(p.rowEnd),
    chunks: p.chunks.map((c) => ({ agent: toShared(c.agent), symbol: toShared(c.symbol), raw: toShared(c.raw) })),
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
    due: toShared(t.due),
    inputs: shareVectors(t.inputs),
    ...shareRunEnd(t),
    rows: t.rows === null ? null : shareRows(t.rows),
  };
}

function shareRunEnd(t: TapeRunEnd): Pick<TapeRunEnd, 'multipliers' | 'agentStatus' | 'classStatus' | 'kills'> {
  return { multipliers: toShared(t.multipliers), agentStatus: toShared(t.agentStatus), classStatus: toShared(t.classStatus), kills: toShared(t.kills) };
}

function shareRows(r: TapeRows): TapeRows {
  return {
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
  };
}

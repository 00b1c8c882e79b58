import { assert } from '../../core/errors.js';
import { newSharedArray, withSharedRoomFor } from './shared-growable.js';

/**
 * One vector per tick (agent weights, symbol proposals), stored once per run of equal
 * consecutive vectors: `tickRow[i]` is the row of `values` (width numbers) tick i left.
 */
export interface VectorTape {
  readonly width: number;
  readonly tickRow: Int32Array;
  readonly values: Float64Array;
}

/** A vector tape being recorded, straight into shared memory (shared-growable.ts). */
export interface VectorTapeRecorder {
  readonly width: number;
  /** Ticks recorded so far. */
  ticks: number;
  tickRow: Int32Array;
  values: Float64Array;
  /** The last row (-1 before the first tick). */
  last: number;
}

/** Returns an empty recorder of vectors of `width` numbers. */
export function newVectorTapeRecorder(width: number): VectorTapeRecorder {
  return { width, ticks: 0, tickRow: newSharedArray(Int32Array, 1024), values: newSharedArray(Float64Array, Math.max(1, width) * 16), last: -1 };
}

/** Records the vector of the next tick (a new row only when it differs from the last, bit for bit). */
export function pushTickVector(r: VectorTapeRecorder, v: ArrayLike<number>): void {
  const w = r.width;
  let same = r.last >= 0;
  const at = r.last * w;
  for (let k = 0; same && k < w; k++) same = Object.is(r.values[at + k], v[k]);
  if (!same) {
    const to = (r.last + 1) * w;
    r.values = withSharedRoomFor(r.values, to + w);
    const values = r.values;
    for (let k = 0; k < w; k++) values[to + k] = v[k] as number;
    r.last += 1;
  }
  appendTickRow(r);
}

/**
 * Records the next tick as leaving the last recorded vector, without comparing it: for a tick
 * that changed nothing the vector reads (a skipped tick, engine/run/tick.ts), where pushTickVector
 * would compare every number only to find them equal (a supervisor tape's ~200 per tick).
 */
export function repeatTickVector(r: VectorTapeRecorder): void {
  assert(r.last >= 0, 'a tick repeats a recorded vector');
  appendTickRow(r);
}

/** Records the next tick as leaving the last row. */
function appendTickRow(r: VectorTapeRecorder): void {
  r.tickRow = withSharedRoomFor(r.tickRow, r.ticks + 1);
  r.tickRow[r.ticks++] = r.last;
}

/** Returns the recorded tape: trimmed views of the recorder's shared columns (the recorder is done with them). */
export function finishVectorTape(r: VectorTapeRecorder): VectorTape {
  return { width: r.width, tickRow: r.tickRow.subarray(0, r.ticks), values: r.values.subarray(0, (r.last + 1) * r.width) };
}

/** Returns the vector tick i left (a view; valid while the tape lives). */
export function tickVector(t: VectorTape, i: number): Float64Array {
  const row = t.tickRow[i] as number;
  return t.values.subarray(row * t.width, row * t.width + t.width);
}

/** Copies the vector tick i left into `out` (scratch of `width` slots: no allocation per tick). */
export function copyTickVector(t: VectorTape, i: number, out: Float64Array): void {
  const at = (t.tickRow[i] as number) * t.width;
  for (let k = 0; k < t.width; k++) out[k] = t.values[at + k] as number;
}

import { growableF64, pushF64, type GrowableF64 } from '../../core/growable.js';

/**
 * One vector per tick (agent weights, symbol proposals), stored once per run of equal
 * consecutive vectors: `tickRow[i]` is the row of `values` (width numbers) tick i left.
 */
export interface VectorTape {
  readonly width: number;
  readonly tickRow: Int32Array;
  readonly values: Float64Array;
}

/** A vector tape being recorded. */
export interface VectorTapeRecorder {
  readonly width: number;
  readonly rows: GrowableF64;
  readonly values: GrowableF64;
  last: number;
}

/** Returns an empty recorder of vectors of `width` numbers. */
export function newVectorTapeRecorder(width: number): VectorTapeRecorder {
  return { width, rows: growableF64(1024), values: growableF64(Math.max(1, width) * 16), last: -1 };
}

/** Records the vector of the next tick (a new row only when it differs from the last, bit for bit). */
export function pushTickVector(r: VectorTapeRecorder, v: ArrayLike<number>): void {
  const w = r.width;
  let same = r.last >= 0;
  for (let k = 0; same && k < w; k++) same = Object.is(r.values.data[r.last * w + k], v[k]);
  if (!same) {
    for (let k = 0; k < w; k++) pushF64(r.values, v[k] as number);
    r.last += 1;
  }
  pushF64(r.rows, r.last);
}

/** Returns the recorded tape (trimmed copies). */
export function finishVectorTape(r: VectorTapeRecorder): VectorTape {
  return { width: r.width, tickRow: Int32Array.from(r.rows.data.subarray(0, r.rows.length)), values: r.values.data.slice(0, r.values.length) };
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

/** An append-only Float64 column that grows by doubling (kernel scratch and outputs). */
export interface GrowableF64 {
  data: Float64Array;
  length: number;
}

/** Returns an empty growable column. */
export function growableF64(capacity = 256): GrowableF64 {
  return { data: new Float64Array(capacity), length: 0 };
}

/** Appends v. */
export function pushF64(g: GrowableF64, v: number): void {
  if (g.length === g.data.length) {
    const next = new Float64Array(g.data.length * 2);
    next.set(g.data);
    g.data = next;
  }
  g.data[g.length] = v;
  g.length += 1;
}

/** Returns a trimmed copy of the values. */
export function toF64(g: GrowableF64): Float64Array {
  return g.data.slice(0, g.length);
}

/** Returns a trimmed Int32 copy of the values (for id columns). */
export function toI32(g: GrowableF64): Int32Array {
  return Int32Array.from(g.data.subarray(0, g.length));
}

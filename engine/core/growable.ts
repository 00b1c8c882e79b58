/** An append-only Float64 column that grows by doubling (kernel scratch and outputs). A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class GrowableF64 {
  data: Float64Array;
  length: number;

  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
    this.length = 0;
  }
}

/** Returns an empty growable column. */
export function growableF64(capacity = 256): GrowableF64 {
  return new GrowableF64(capacity);
}

/** Appends v. */
export function pushF64(g: GrowableF64, v: number): void {
  if (g.length === g.data.length) g.data = doubledF64(g.data);
  g.data[g.length] = v;
  g.length += 1;
}

/** A copy of a full column's values in one twice as long: what pushF64 grows to (for loops that append through locals and store g.data and g.length after). */
export function doubledF64(data: Float64Array): Float64Array {
  const next = new Float64Array(data.length * 2);
  next.set(data);
  return next;
}

/** Appends src[from], ..., src[to - 1]: what pushF64 of each does (the same capacity after), in one copy. */
export function pushF64Range(g: GrowableF64, src: Float64Array, from: number, to: number): void {
  const end = g.length + (to - from);
  const data = withRoomFor(g.data, end);
  let at = g.length;
  for (let i = from; i < to; i++) data[at++] = src[i] as number;
  g.data = data;
  g.length = end;
}

/** Appends v until g holds `length` values (nothing when it already does): one fill for a run of equal values. */
export function padF64To(g: GrowableF64, v: number, length: number): void {
  if (length <= g.length) return;
  g.data = withRoomFor(g.data, length);
  g.data.fill(v, g.length, length);
  g.length = length;
}

/** Returns a trimmed copy of the values. */
export function toF64(g: GrowableF64): Float64Array {
  return g.data.slice(0, g.length);
}

/** Returns a trimmed Int32 copy of the values (for id columns). */
export function toI32(g: GrowableF64): Int32Array {
  return Int32Array.from(g.data.subarray(0, g.length));
}

/** A copy of `a` in a new array of its own class, `n` long (truncated, or padded with zeros). */
export function resizedTo<T extends Uint8Array | Int32Array | Float64Array>(a: T, n: number): T {
  const ctor = a.constructor as new (n: number) => T;
  const b = new ctor(n);
  b.set(a.subarray(0, Math.min(a.length, n)) as never); // same element type by construction
  return b;
}

/** `a` when it holds `need` values, else a copy doubled until it does (appends stay amortized O(1)). */
export function withRoomFor<T extends Uint8Array | Int32Array | Float64Array>(a: T, need: number): T {
  if (a.length >= need) return a;
  let cap = Math.max(1, a.length);
  while (cap < need) cap *= 2;
  return resizedTo(a, cap);
}

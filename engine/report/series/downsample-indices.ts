/**
 * Returns the row indices a chart keeps of a series of `n` points: all of them when
 * n <= maxPoints, else an even stride over [0, n - 1] that always keeps the first and last
 * point (index i * (n - 1) / (maxPoints - 1), rounded down). Deterministic: depends on n only.
 */
export function downsampleIndices(n: number, maxPoints: number): Int32Array {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new RangeError(`downsampleIndices: maxPoints must be an integer >= 2, found ${maxPoints}`);
  if (n <= maxPoints) return Int32Array.from({ length: Math.max(0, n) }, (_, i) => i);
  const out = new Int32Array(maxPoints);
  for (let i = 0; i < maxPoints; i++) out[i] = Math.floor((i * (n - 1)) / (maxPoints - 1));
  return out;
}

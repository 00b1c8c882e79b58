/**
 * Returns the sum of `xs[from..to)` with Neumaier's compensated summation (error about one
 * ulp of the result, independent of length), so 10-million-period sums stay within 1e-9
 * of R's long-double `sum`/`mean`.
 */
export function neumaierSum(xs: Float64Array, from = 0, to = xs.length): number {
  let sum = 0;
  let comp = 0;
  for (let i = from; i < to; i++) {
    const x = xs[i] as number;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

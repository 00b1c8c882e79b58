/**
 * Returns x to the power y with the same bits on every machine and Node version, which `**` and
 * Math.pow do not give: Node 24's V8 calls the C library's pow (V8 flag --use-std-math-pow,
 * on by default), Node 20's computes its own, and glibc, macOS and Windows round differently.
 * For 4% of annualization-like arguments Node 20 and Node 24 on Linux differ in the last bit
 * (metrics.json, results.csv, the findings of `bt data generate`). This uses only IEEE
 * arithmetic, Math.sqrt (exact) and V8's own Math.exp and Math.log (the same fdlibm ports in
 * every Node version and on every platform):
 * - an integer y (|y| <= 2^31) multiplies by squaring (a negative one divides 1 by that);
 * - y = 0.5 is Math.sqrt(x) (correctly rounded);
 * - else exp(y log x) for x > 0 (a few ulp of the true power for |y log x| <= 1);
 * and `**`'s values at zero, infinities and NaN, NaN for a negative x and a non-integer y.
 */
export function portablePow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (Number.isInteger(y) && Math.abs(y) <= 2 ** 31) {
    let k = Math.abs(y);
    let base = x;
    let result = 1;
    while (k > 0) {
      if (k % 2 === 1) result *= base;
      k = Math.floor(k / 2);
      if (k > 0) base *= base;
    }
    return y < 0 ? 1 / result : result;
  }
  if (x > 0) return y === 0.5 ? Math.sqrt(x) : Math.exp(y * Math.log(x));
  // y is not an integer here, so neither the sign of a zero nor that of -Infinity carries over
  if (x === 0 || x === -Infinity) return (x === 0) === y > 0 ? 0 : Infinity;
  return NaN; // a negative base and a non-integer y
}

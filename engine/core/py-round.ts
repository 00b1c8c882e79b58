/**
 * Returns Python's `round(x, n)`: correctly rounded on the exact binary value of `x`,
 * ties to even (parity note 1 of shared/parity/CONTRACT.md; quirk Q004-4).
 * `Math.round(x * 10**n) / 10**n` rounds exact ties up and can be off by one ulp-step.
 */
export function pyRound(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return x;
  // toFixed(100) prints the exact decimal expansion of the double for |x| < 1e21.
  const abs = Math.abs(x);
  if (abs >= 1e21) return x;
  // A double is dyadic, so abs has a tie at n places (abs * 10^n = k + 1/2 exactly) only when
  // abs * 2^(n+1) is an odd integer (that product is exact). Anywhere else toFixed(n), correctly
  // rounded, is Python's round, without the exact 100-digit expansion (seed-mode runs round per agent per tick).
  const y = abs * 2 ** (n + 1);
  if (y !== Math.floor(y) || y % 2 === 0) {
    const r = Number(abs.toFixed(n));
    return x < 0 ? -r : r;
  }
  const exact = abs.toFixed(100);
  const dot = exact.indexOf('.');
  const frac = exact.slice(dot + 1);
  const tail = frac.slice(n);
  const isTie = tail[0] === '5' && /^0*$/.test(tail.slice(1));
  let r: number;
  if (isTie) {
    // Truncate to n digits, then round half to even on the last kept digit.
    const kept = exact.slice(0, dot + 1 + n);
    const lastDigit = n === 0 ? Number(exact[dot - 1]) : Number(kept[kept.length - 1]);
    const truncated = Number(kept);
    r = lastDigit % 2 === 0 ? truncated : Number((truncated + Number(`1e-${n}`)).toFixed(n));
  } else {
    r = Number(abs.toFixed(n));
  }
  return x < 0 ? -r : r;
}

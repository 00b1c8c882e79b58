/**
 * Returns, per point, whether it is on the Pareto frontier of maximizing `reward` (Sharpe)
 * while minimizing `risk` (max drawdown): no other point has risk <= and reward >= with one
 * strictly better. Points with a NaN coordinate are never on the frontier. O(n log n).
 */
export function paretoFrontier(risk: Float64Array, reward: Float64Array): Uint8Array {
  const n = risk.length;
  const on = new Uint8Array(n);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(risk[i] as number) && !Number.isNaN(reward[i] as number)) idx.push(i);
  // Lowest risk first; equal risk: highest reward first; then index (a total order).
  idx.sort((a, b) => (risk[a] as number) - (risk[b] as number) || (reward[b] as number) - (reward[a] as number) || a - b);
  let best = -Infinity;
  let bestRisk = Number.NaN;
  for (const i of idx) {
    const r = reward[i] as number;
    if (r > best) {
      on[i] = 1;
      best = r;
      bestRisk = risk[i] as number;
    } else if (r === best && risk[i] === bestRisk) {
      on[i] = 1; // an exact duplicate of a frontier point is on it too
    }
  }
  return on;
}

/**
 * The fill-lag count by brute force, straight from its definition (README "How a run works"),
 * for tests of engine/run/fill-lag.ts: for each finding, the first tick at or after it; live
 * when that tick is before its due time and both are in the run; before the fill when no close
 * of its symbol lies strictly between that tick and its due time. Medians by sorting.
 */
export interface BruteFindings {
  readonly tsMs: ArrayLike<number>;
  /** Symbol names or ids, compared with the prices' by equality. */
  readonly symbol: ArrayLike<string | number>;
  /** NaN: `defaultHours`. */
  readonly horizonHours: ArrayLike<number>;
}

export interface BrutePrices {
  readonly tsMs: ArrayLike<number>;
  readonly symbol: ArrayLike<string | number>;
}

export interface BruteFillLag {
  readonly live: number;
  readonly beforeFill: number;
  readonly medianHorizonHours: number;
  readonly medianLagHours: number;
}

const HOUR = 3_600_000;

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.floor(s.length / 2)] as number)) / 2;
}

/** Returns the count over every finding and price, with ticks at each multiple of cadenceMs in [startMs, endMs]. */
export function bruteFillLag(f: BruteFindings, p: BrutePrices, startMs: number, endMs: number, cadenceMs: number, defaultHours: number): BruteFillLag {
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / cadenceMs) * cadenceMs; t <= endMs; t += cadenceMs) ticks.push(t);
  let live = 0;
  let beforeFill = 0;
  const horizons: number[] = [];
  const lags: number[] = [];
  for (let i = 0; i < f.tsMs.length; i++) {
    const tf = f.tsMs[i] as number;
    const h = Number.isNaN(f.horizonHours[i] as number) ? defaultHours : (f.horizonHours[i] as number);
    const due = tf + h * HOUR;
    const tick = ticks.find((t) => t >= tf);
    if (tick === undefined || !(tick < due) || due > endMs) continue;
    live++;
    horizons.push(h);
    let next = Number.POSITIVE_INFINITY;
    for (let j = 0; j < p.tsMs.length; j++) {
      const pt = p.tsMs[j] as number;
      if (p.symbol[j] === f.symbol[i] && pt > tick && pt < next) next = pt;
    }
    if (Number.isFinite(next)) lags.push((next - tick) / HOUR);
    if (due <= next) beforeFill++;
  }
  return { live, beforeFill, medianHorizonHours: median(horizons), medianLagHours: median(lags) };
}

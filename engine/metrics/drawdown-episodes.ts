/** One drawdown episode, as PerformanceAnalytics `findDrawdowns` / `table.Drawdowns` count it (0-based period indices). */
export interface DrawdownEpisode {
  /** First period under water. */
  readonly fromIndex: number;
  /** Period of the deepest point (the first one on ties). */
  readonly troughIndex: number;
  /** First period back at the peak; null while the episode is open at the end of the series. */
  readonly toIndex: number | null;
  /** Deepest drawdown, a fraction < 0 (PA's `Depth`). */
  readonly depth: number;
  /** Periods from the peak to the recovery: under-water periods + 1 (PA's `Length`, counted the same for an open episode). */
  readonly length: number;
  /** Periods from the peak to the trough (PA's `To Trough`). */
  readonly toTrough: number;
  /** Periods from the trough to the recovery; null while open (PA's `Recovery`). */
  readonly recovery: number | null;
}

const SCALE_EXP = 900;
const BIG = 2 ** SCALE_EXP;
const SMALL = 2 ** -SCALE_EXP;

/**
 * Returns every drawdown episode in series order: runs of periods with W_t / max(1, W_1..W_t)
 * - 1 < 0, W_t = prod(1 + r_1..r_t) (PerformanceAnalytics `findDrawdowns(geometric = TRUE)`).
 */
export function drawdownEpisodes(returns: Float64Array): DrawdownEpisode[] {
  const n = returns.length;
  const out: DrawdownEpisode[] = [];
  let w = 1;
  let peak = 1;
  let from = -1;
  let trough = -1;
  let depth = 0;
  const close = (to: number): void => {
    out.push({
      fromIndex: from,
      troughIndex: trough,
      toIndex: to < n ? to : null,
      depth,
      length: to - from + 1,
      toTrough: trough - from + 1,
      recovery: to < n ? to - trough : null,
    });
    from = -1;
  };
  for (let i = 0; i < n; i++) {
    w *= 1 + (returns[i] as number);
    if (w > peak) peak = w;
    const dd = w / peak - 1;
    if (dd < 0) {
      if (from < 0) {
        from = i;
        trough = i;
        depth = dd;
      } else if (dd < depth) {
        depth = dd;
        trough = i;
      }
    } else if (from >= 0) close(i);
    // Exact power-of-two rescaling keeps W / peak bit-identical on very long series.
    if (peak > BIG) {
      w *= SMALL;
      peak *= SMALL;
    }
  }
  if (from >= 0) close(n);
  return out;
}

/**
 * Returns the `top` deepest episodes, deepest first, equal depths in series order
 * (PerformanceAnalytics `sortDrawdowns`, a stable sort, then `table.Drawdowns(top)`).
 */
export function worstDrawdowns(episodes: readonly DrawdownEpisode[], top: number): DrawdownEpisode[] {
  return episodes
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.depth - b.e.depth || a.i - b.i)
    .slice(0, top)
    .map(({ e }) => e);
}

/** Returns the longest episode's `length` (peak to recovery, in periods), 0 when wealth never fell. */
export function longestDrawdownPeriods(episodes: readonly DrawdownEpisode[]): number {
  let longest = 0;
  for (const e of episodes) if (e.length > longest) longest = e.length;
  return longest;
}

import type { Comparison } from './build-comparison.js';
import type { PairedSharpeDiff } from './sharpe-diff-interval.js';

/**
 * Returns the line under a comparison's table: the bootstrap's level, method, resamples and seed,
 * and what the intervals were computed on (mean block, aligned periods, periods per year): once
 * when every pair shares them, else per pair (runs on other calendars or spans).
 */
export function bootstrapNote(c: Comparison): string {
  const b = c.bootstrap;
  const pairs = c.runs.flatMap((r) => (r.sharpe_diff_vs_first === null ? [] : [{ run: r.run, d: r.sharpe_diff_vs_first }]));
  const phrase = (d: PairedSharpeDiff): string => `mean block ${d.mean_block}, ${d.aligned_periods} aligned periods, ${d.periods_per_year} a year`;
  const texts = pairs.map((p) => phrase(p.d));
  const none = pairs.some((p) => p.d.aligned_periods < 2) ? ' (n/a where a pair shares fewer than 2 periods: no interval)' : '';
  const periods = new Set(texts).size <= 1 ? (texts[0] ?? `${b.aligned_periods} aligned periods`) : `per pair: ${pairs.map((p, k) => `${p.run}: ${texts[k] ?? ''}`).join('; ')}`;
  return `Sharpe differences vs ${c.first}: ${Math.round(b.level * 100)}% ${b.method}, ${b.resamples} resamples, seed ${b.seed}, ${periods}${none}`;
}

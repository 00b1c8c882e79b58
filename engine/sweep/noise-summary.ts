import type { NoiseReport } from './noise-vs-best.js';

/** Returns sorted ranks as ranges: [1, 2, 3, 5, 7, 8] -> '1-3, 5, 7-8'. */
export function rankRanges(ranks: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ranks.length) {
    let j = i;
    while (j + 1 < ranks.length && (ranks[j + 1] as number) === (ranks[j] as number) + 1) j += 1;
    parts.push(i === j ? String(ranks[i]) : `${ranks[i]}-${ranks[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Returns the noise line of `bt sweep`'s summary: which ranks are within noise of the best and
 * which are distinct, at the bootstrap's level, how it was drawn, and what was not tested
 * (ranked below the tested ones, or with no interval); for an objective without a paired
 * bootstrap, n/a and why.
 */
export function noiseSummaryLine(n: NoiseReport): string {
  if (n.not_applicable !== null) return `  noise vs the best: n/a for ${n.objective}: ${n.not_applicable}`;
  const level = `${Math.round(n.level * 100)} %`;
  if (n.tested === 0) return `  noise vs the best: only the best is ranked, nothing to test`;
  const distinct = n.distinct.length === 0 ? 'none distinct' : `ranks ${rankRanges(n.distinct)} distinct`;
  const how = `paired bootstrap of the Sharpe difference, bt compare's: ${n.resamples} resamples, seed ${n.seed}${n.mean_block === null ? '' : `, mean block ${n.mean_block}`}`;
  const gaps = n.no_interval.length === 0 ? '' : `; no interval for rank${n.no_interval.length === 1 ? '' : 's'} ${rankRanges(n.no_interval.map((e) => e.rank))} (summary.json noise.no_interval says why)`;
  const first = 2 + n.tested;
  const untested = n.untested === 0 ? '' : `; rank${n.untested === 1 ? ` ${first}` : `s ${first}-${first + n.untested - 1}`} not tested (only the ${n.tested} ranked after the best are)`;
  return `  ranks ${rankRanges(n.within_noise)} within noise of the best at ${level}, ${distinct} (${how})${gaps}${untested}`;
}

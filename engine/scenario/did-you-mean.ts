import { compareCodeUnits } from '../core/stable-json.js';

/** Returns the Levenshtein edit distance (insertions, deletions, substitutions) between two strings. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * Returns the closest candidate to `word`, or undefined when none is close.
 * Close means: Levenshtein distance <= 2, or one is a prefix of the other, or they share a
 * prefix of at least half of `word` (and at least 4 characters), as in `half_life_hour` ->
 * `half_life_signals`. Ties break by smaller distance, longer shared prefix, then code units.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; dist: number; prefix: number } | undefined;
  for (const name of candidates) {
    const dist = levenshtein(word, name);
    const prefix = commonPrefixLength(word, name);
    const isPrefix = prefix === Math.min(word.length, name.length) && prefix > 0;
    const sharesHalf = prefix >= 4 && prefix * 2 >= word.length;
    if (dist > 2 && !isPrefix && !sharesHalf) continue;
    const better =
      best === undefined ||
      dist < best.dist ||
      (dist === best.dist && prefix > best.prefix) ||
      (dist === best.dist && prefix === best.prefix && compareCodeUnits(name, best.name) < 0);
    if (better) best = { name, dist, prefix };
  }
  return best?.name;
}

import type { JournalHeader } from './journal.js';

/** Data roles in the order a scenario's data section lists them (data-hashes.ts), with their names in messages. */
const ROLE_NAMES: readonly (readonly [string, string])[] = [
  ['findings', 'the findings file'],
  ['prices', 'the prices file'],
  ['agents', 'the agents file'],
  ['killList', 'the kill list'],
  ['regime', 'the regime file'],
];

const short = (sha: string | undefined): string => (sha === undefined ? 'none' : `sha256 ${sha.slice(0, 12)}`);

/**
 * Returns what makes two journal headers of differing sweep ids two sweeps, in words: each data
 * file whose sha256 changed (by role, `was` then `now`, the latter introduced by `nowWord`), else
 * the configurations (the sweep id hashes the configuration ids and the data hashes, nothing
 * else). A user told "the space, base scenario or data changed" had to find which by hand.
 */
export function sweepIdDifference(was: JournalHeader, now: JournalHeader, nowWord = 'now'): string {
  const known = new Set(ROLE_NAMES.map(([role]) => role));
  const others = [...new Set([...Object.keys(was.data_sha256), ...Object.keys(now.data_sha256)])].filter((r) => !known.has(r)).sort();
  const roles: (readonly [string, string])[] = [...ROLE_NAMES, ...others.map((r) => [r, `the ${r} file`] as const)];
  const changed: string[] = [];
  for (const [role, name] of roles) {
    const a = was.data_sha256[role];
    const b = now.data_sha256[role];
    if (a === b) continue;
    changed.push(a === undefined ? `${name} (none, ${nowWord} ${short(b)})` : `${name} (${short(a)}, ${nowWord} ${b === undefined ? 'none' : short(b).slice('sha256 '.length)})`);
  }
  if (changed.length > 0) return `${changed.length === 1 ? changed[0] : `${changed.slice(0, -1).join(', ')} and ${changed[changed.length - 1]}`} changed`;
  return `the configurations changed (the sweep file's space or the base scenario: ${was.n_total} configurations, ${nowWord} ${now.n_total})`;
}

/**
 * The input column a missing field most likely is, for a `--map` suggestion. A desk's export
 * names columns its own way: a typo ('clsoe'), a longer name ('Close Price', 'horizon'), or an
 * abbreviation ('conf', 'sev'), which edit distance alone misses.
 */
import { closestName } from '../schemas/closest-name.js';

/** Lowercase words of a column or field name: 'Close Price' -> close, price; 'horizon_hours' -> horizon, hours. */
function words(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/**
 * Returns the first column of `unused` that is close to `field` by edit distance, else the first
 * that has `field` or one of its `aliases` as a word, else the first whose name (3 letters or
 * more) begins `field` or an alias, or begins with one; undefined when none does.
 */
export function suggestColumn(field: string, aliases: readonly string[], unused: readonly string[]): string | undefined {
  const near = closestName(field, unused);
  if (near !== undefined) return near;
  const names = [field, ...aliases].map((n) => words(n).join(''));
  const byWord = unused.find((c) => words(c).some((w) => names.includes(w)));
  if (byWord !== undefined) return byWord;
  return unused.find((c) => {
    const compact = words(c).join('');
    return compact.length >= 3 && names.some((n) => n.startsWith(compact) || compact.startsWith(n));
  });
}

/** Returns `--map COLUMN=FIELD` as a shell reads it: quoted when the column holds anything but letters, digits and _.- */
export function mapOption(column: string, field: string): string {
  const arg = `${column}=${field}`;
  return /^[A-Za-z0-9_.-]+=[a-z_]+$/.test(arg) ? `--map ${arg}` : `--map '${arg.replace(/'/g, `'\\''`)}'`;
}

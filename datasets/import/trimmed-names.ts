import type { FieldSpec } from '../schemas/field-spec.js';

/**
 * The name cells (agent, symbol, strategy: the kind's text columns) an import read with spaces
 * around them, which it trims, as every text cell, quoted or not: 'SYMA ' and 'SYMA' are one
 * name to bt (a name differing only by spaces would be a symbol with no prices, an agent of
 * its own). The import says so, with the first such cell, rather than change a name silently.
 */
export interface TrimmedNames {
  count: number;
  first: { readonly where: string; readonly field: string; readonly found: string } | null;
}

/** Returns an empty tally. */
export function newTrimmedNames(): TrimmedNames {
  return { count: 0, first: null };
}

/** Returns true for the fields that hold names (text columns), not codes, times or numbers. */
export function isNameField(f: FieldSpec): boolean {
  return f.type === 'dict32' || f.type === 'utf8';
}

/** Counts the cells of `names` (field indices into `cells`, in field order) with spaces around a non-blank name. */
export function tallyTrimmedNames(t: TrimmedNames, specs: readonly FieldSpec[], names: readonly number[], cells: readonly unknown[], where: string): void {
  for (const k of names) {
    const x = cells[k];
    if (typeof x !== 'string' || x.length === 0) continue;
    const c0 = x.charCodeAt(0);
    const cN = x.charCodeAt(x.length - 1);
    // fast test first: most names start and end with a letter or digit
    if (c0 > 32 && cN > 32 && c0 !== 160 && cN !== 160) continue;
    const trimmed = x.trim();
    if (trimmed === x || trimmed === '') continue;
    t.count++;
    if (t.first === null) t.first = { where, field: (specs[k] as FieldSpec).name, found: x };
  }
}

/** Returns the note bt data import prints for trimmed names, or null when none was trimmed. */
export function trimmedNamesNote(t: TrimmedNames): string | null {
  if (t.first === null) return null;
  const { where, field, found } = t.first;
  const cells = t.count === 1 ? '1 name cell' : `${t.count} name cells`;
  return `${cells} had spaces around the name, trimmed (first: ${where}, ${field} ${JSON.stringify(found)} -> ${JSON.stringify(found.trim())}); bt compares names without them`;
}

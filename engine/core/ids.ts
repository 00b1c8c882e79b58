import { compareCodeUnits } from './stable-json.js';
import type { DictColumn } from '../../datasets/schemas/columns.js';

/** A name <-> integer id dictionary; ids follow the SORTED names, never first-seen order. */
export interface IdMap {
  readonly names: readonly string[];
  readonly idOf: ReadonlyMap<string, number>;
}

/** Returns the id map of the distinct names, sorted by code unit. */
export function buildIdMap(names: Iterable<string>): IdMap {
  const sorted = [...new Set(names)].sort(compareCodeUnits);
  return { names: sorted, idOf: new Map(sorted.map((n, i) => [n, i])) };
}

/**
 * Returns the column's codes translated to run ids (-1 stays -1). `onMissing(row, value)`
 * is called for a value absent from the map (and its code becomes -1).
 */
export function remapCodes(col: DictColumn, map: IdMap, onMissing?: (row: number, value: string) => void): Int32Array {
  const lut = new Int32Array(col.dictionary.length);
  for (let k = 0; k < col.dictionary.length; k++) {
    const id = map.idOf.get(col.dictionary[k] as string);
    lut[k] = id ?? -1;
  }
  const codes = col.codes;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < 0) {
      out[i] = -1;
      continue;
    }
    const id = lut[c] as number;
    out[i] = id;
    if (id < 0 && onMissing) onMissing(i, col.dictionary[c] as string);
  }
  return out;
}

/** Returns the distinct non-null values a dictionary column actually uses. */
export function usedValues(col: DictColumn): string[] {
  const used = new Uint8Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i] as number;
    if (c >= 0) used[c] = 1;
  }
  const out: string[] = [];
  for (let k = 0; k < used.length; k++) if (used[k]) out.push(col.dictionary[k] as string);
  return out;
}

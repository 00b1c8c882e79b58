/** A change log: at tsMs[i], key keyId[i] takes value[i] (rows in time order). */
export interface ChangeLog {
  readonly tsMs: Float64Array;
  readonly keyId: Int32Array;
  readonly value: Float64Array;
}

/**
 * Returns, for each key, its value as of each grid time (the last change at or before it;
 * `initial` before the first): a forward fill of a change log onto a time grid, both sorted
 * by time. Result: one Float64Array per key id in [0, nKeys).
 */
export function stepValuesAt(log: ChangeLog, nKeys: number, gridTsMs: Float64Array, initial: number): Float64Array[] {
  const current = new Float64Array(nKeys).fill(initial);
  const out = Array.from({ length: nKeys }, () => new Float64Array(gridTsMs.length));
  let j = 0;
  for (let g = 0; g < gridTsMs.length; g++) {
    const t = gridTsMs[g] as number;
    while (j < log.tsMs.length && (log.tsMs[j] as number) <= t) {
      const k = log.keyId[j] as number;
      if (k >= 0 && k < nKeys) current[k] = log.value[j] as number;
      j += 1;
    }
    for (let k = 0; k < nKeys; k++) (out[k] as Float64Array)[g] = current[k] as number;
  }
  return out;
}

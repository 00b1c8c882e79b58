/** Mean, min and max of the finite values in a group, and how many rows (finite or not) it has. */
export interface GroupStats {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** Returns the stats of `values` at `rows` (NaN values are skipped; mean/min/max are NaN when none is finite). Sums in row order. */
export function groupStats(values: Float64Array, rows: readonly number[]): GroupStats {
  let sum = 0;
  let k = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const i of rows) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) continue;
    sum += x;
    k += 1;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return k === 0 ? { mean: NaN, min: NaN, max: NaN, n: rows.length } : { mean: sum / k, min, max, n: rows.length };
}

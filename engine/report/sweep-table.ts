/** One swept parameter column: its dotted path and per-configuration value (null = absent). */
export interface SweepParamColumn {
  readonly path: string;
  readonly values: readonly (number | string | null)[];
}

/** A sweep's results as a report reads them: rows sorted by config id. */
export interface SweepTable {
  readonly configIds: readonly string[];
  readonly params: readonly SweepParamColumn[];
  /** Numeric metric columns by name (NaN = undefined metric). */
  readonly metrics: ReadonlyMap<string, Float64Array>;
  /** The vs_best column (each configuration against the best: within noise, distinct, ...); absent in tables written before it. */
  readonly vsBest?: readonly (string | null)[];
  /** The status column (`ok` or `failed`); absent in tables written before it. */
  readonly status?: readonly (string | null)[];
}

/** Equity curves of a sweep (curves.arrow): one per config id, in time order. */
export interface SweepCurves {
  readonly configIds: readonly string[];
  readonly tsMs: readonly Float64Array[];
  readonly equity: readonly Float64Array[];
}

/** Returns the distinct values of a parameter column in axis order: numbers ascending, then text by code units, then null. */
export function distinctParamValues(values: readonly (number | string | null)[]): (number | string | null)[] {
  const nums = new Set<number>();
  const texts = new Set<string>();
  let hasNull = false;
  for (const v of values) {
    if (v === null) hasNull = true;
    else if (typeof v === 'number') nums.add(v);
    else texts.add(v);
  }
  const out: (number | string | null)[] = [...nums].sort((a, b) => a - b);
  out.push(...[...texts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  if (hasNull) out.push(null);
  return out;
}

/** Returns a parameter value as a label ('(none)' for null). */
export function paramLabel(v: number | string | null): string {
  return v === null ? '(none)' : String(v);
}

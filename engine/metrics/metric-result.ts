/**
 * The value of one metric, or null with the reason it is undefined (zero variance, no
 * drawdown, too few periods). Metrics never return NaN or Infinity.
 */
export type MetricResult =
  | { readonly value: number; readonly note?: string }
  | { readonly value: null; readonly note: string };

/** Returns a defined metric value (must be finite). */
export function defined(value: number, note?: string): MetricResult {
  if (!Number.isFinite(value)) return { value: null, note: note ?? `not finite (${String(value)})` };
  return note === undefined ? { value } : { value, note };
}

/** Returns an undefined metric with its reason. */
export function undefinedMetric(note: string): MetricResult {
  return { value: null, note };
}

/**
 * Returns the supervisor tick times: every multiple of `cadenceMs` since the epoch that
 * lies in [startMs, endMs]. Aligning to the epoch (not to the first event) makes ticks
 * independent of which data arrive first, so two datasets over one period tick alike.
 */
export function tickTimes(startMs: number, endMs: number, cadenceMs: number): Float64Array {
  if (!(cadenceMs > 0)) throw new RangeError(`cadence must be > 0 ms, found ${cadenceMs}`);
  const first = Math.ceil(startMs / cadenceMs) * cadenceMs;
  if (first > endMs) return new Float64Array(0);
  const n = Math.floor((endMs - first) / cadenceMs) + 1;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = first + k * cadenceMs;
  return out;
}

/**
 * Returns the order in which findings fall due for reconciliation: indices sorted by
 * (due time = ts + horizon, finding index). With one horizon this is the identity.
 */
export function reconciliationOrder(tsMs: Float64Array, horizonMs: Float64Array): { order: Uint32Array; dueMs: Float64Array } {
  const n = tsMs.length;
  const dueMs = new Float64Array(n);
  let monotone = true;
  for (let i = 0; i < n; i++) {
    dueMs[i] = (tsMs[i] as number) + (horizonMs[i] as number);
    if (i > 0 && (dueMs[i] as number) < (dueMs[i - 1] as number)) monotone = false;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!monotone) {
    // Total comparator: due time, then finding index (never relies on sort stability).
    order.sort((a, b) => (dueMs[a] as number) - (dueMs[b] as number) || a - b);
  }
  return { order, dueMs };
}

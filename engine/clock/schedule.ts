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

/**
 * Returns the supervisor tick times: every time offsetMs + k x cadenceMs (k an integer, times
 * since the epoch) that lies in [startMs, endMs]. Aligning to the epoch (not to the first event)
 * makes ticks independent of which data arrive first, so two datasets over one period tick
 * alike; the offset (clock.offset, 0 <= offset < cadence) moves the grid, e.g. weekly ticks from
 * the epoch's Thursdays to Mondays.
 */
export function tickTimes(startMs: number, endMs: number, cadenceMs: number, offsetMs = 0): Float64Array {
  const n = tickCount(startMs, endMs, cadenceMs, offsetMs);
  const first = firstTickMs(startMs, cadenceMs, offsetMs);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = first + k * cadenceMs;
  return out;
}

/** Returns how many ticks tickTimes gives, without making them. */
export function tickCount(startMs: number, endMs: number, cadenceMs: number, offsetMs = 0): number {
  if (!(cadenceMs > 0)) throw new RangeError(`cadence must be > 0 ms, found ${cadenceMs}`);
  if (!(offsetMs >= 0 && offsetMs < cadenceMs)) throw new RangeError(`tick offset must be in [0, cadence ${cadenceMs}) ms, found ${offsetMs}`);
  const first = firstTickMs(startMs, cadenceMs, offsetMs);
  return first > endMs ? 0 : Math.floor((endMs - first) / cadenceMs) + 1;
}

/** The first grid time at or after startMs. */
function firstTickMs(startMs: number, cadenceMs: number, offsetMs: number): number {
  return offsetMs + Math.ceil((startMs - offsetMs) / cadenceMs) * cadenceMs;
}

import { calendarSegments, type CalendarSegments } from './calendar-segments.js';

/**
 * What the metrics read of an equity curve's times alone: its monthly and yearly calendar
 * segments (the period tables'). Every curve over the same times has the same, so a sweep's
 * worker computes them once for all its configurations (engine/run/run-metrics.ts, MetricsReuse).
 */
export interface CurveTimes {
  readonly tsMs: Float64Array;
  readonly month: CalendarSegments;
  readonly year: CalendarSegments;
}

/** Returns the curve times of `tsMs` (epoch ms, one per point of the curve). */
export function curveTimes(tsMs: Float64Array): CurveTimes {
  return { tsMs, month: calendarSegments(tsMs, 'month'), year: calendarSegments(tsMs, 'year') };
}

/** Returns true when `times` were computed from times equal to `tsMs`, point for point. */
export function isCurveTimesOf(times: CurveTimes, tsMs: Float64Array): boolean {
  const a = times.tsMs;
  if (a.length !== tsMs.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], tsMs[i])) return false;
  return true;
}

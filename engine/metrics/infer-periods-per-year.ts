/** Periods per year inferred from timestamps, with the reasoning to show the user. */
export type PeriodsInference =
  | { readonly periodsPerYear: number; readonly reason: string }
  | { readonly periodsPerYear: null; readonly reason: string };

const DAY_MS = 86_400_000;

/**
 * Returns periods per year from the median spacing of increasing UTC timestamps (ms):
 * under 0.75 day → 365 × 24 h / spacing (8760 hourly), or, when the dates span a week and none
 * falls on a weekend (trading sessions: nights and weekends have no bars), 252 × the median
 * number of dates on a (UTC) day that has any; 0.75–4 days → 252, or 365 when any
 * date falls on a weekend; 4–10 → 52; 10–20 → 24; 20–45 → 12; 45–135 → 4; 135–250 → 2;
 * 250–500 → 1; otherwise null (the caller asks for an explicit value).
 */
export function inferPeriodsPerYear(tsMs: Float64Array): PeriodsInference {
  const n = tsMs.length;
  if (n < 2) return { periodsPerYear: null, reason: `needs at least 2 dates, found ${n}` };
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = (tsMs[i] as number) - (tsMs[i - 1] as number);
  // Numeric order without a comparator (V8's native typed-array sort; a comparator costs a JS
  // call per comparison). Gaps of finite dates are never NaN or -0, so the order is the same.
  gaps.sort();
  const mid = (n - 1) >> 1;
  const medianMs = (n - 1) % 2 === 1 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
  const days = medianMs / DAY_MS;
  const said = `median date spacing ${formatDays(days)}`;
  if (!(days > 0)) return { periodsPerYear: null, reason: `${said}: dates must increase` };
  if (days < 0.75) {
    const spanDays = ((tsMs[n - 1] as number) - (tsMs[0] as number)) / DAY_MS;
    if (spanDays < 7 || hasWeekend(tsMs)) return { periodsPerYear: Math.round((365 * DAY_MS) / medianMs), reason: `${said} (intraday, 365 × 24 h a year)` };
    // 365 × 24 h would count closed nights and weekends as periods: 8760 / 1764 = 5x them for 7 hourly bars a day, a Sharpe 2.2x too high
    const perDay = medianDatesPerDay(tsMs);
    return { periodsPerYear: 252 * perDay, reason: `${said}, no weekend dates over ${formatDays(spanDays)} (intraday sessions: 252 trading days × ${perDay} dates a day, the median over days with dates)` };
  }
  if (days < 4) {
    const weekend = hasWeekend(tsMs);
    return weekend
      ? { periodsPerYear: 365, reason: `${said}, weekend dates present (calendar days)` }
      : { periodsPerYear: 252, reason: `${said}, no weekend dates (trading days)` };
  }
  const buckets: readonly (readonly [number, number, string])[] = [
    [10, 52, 'weekly'],
    [20, 24, 'semi-monthly'],
    [45, 12, 'monthly'],
    [135, 4, 'quarterly'],
    [250, 2, 'semi-annual'],
    [500, 1, 'annual'],
  ];
  for (const [maxDays, periods, label] of buckets) {
    if (days < maxDays) return { periodsPerYear: periods, reason: `${said} (${label})` };
  }
  return { periodsPerYear: null, reason: `${said} is longer than a year` };
}

/** Median count of dates per UTC calendar day, over the days that have any (increasing dates). */
function medianDatesPerDay(tsMs: Float64Array): number {
  const counts: number[] = [];
  let day = Math.floor((tsMs[0] as number) / DAY_MS);
  let count = 0;
  for (let i = 0; i < tsMs.length; i++) {
    const d = Math.floor((tsMs[i] as number) / DAY_MS);
    if (d !== day) {
      counts.push(count);
      day = d;
      count = 0;
    }
    count++;
  }
  counts.push(count);
  counts.sort((a, b) => a - b);
  const mid = counts.length >> 1;
  return counts.length % 2 === 1 ? (counts[mid] as number) : ((counts[mid - 1] as number) + (counts[mid] as number)) / 2;
}

function hasWeekend(tsMs: Float64Array): boolean {
  for (let i = 0; i < tsMs.length; i++) {
    // 1970-01-01 was a Thursday: day index 2 = Saturday, 3 = Sunday (mod 7).
    const dow = (((Math.floor((tsMs[i] as number) / DAY_MS) % 7) + 7) % 7);
    if (dow === 2 || dow === 3) return true;
  }
  return false;
}

function formatDays(days: number): string {
  if (days >= 1) return `${Number(days.toFixed(2))} day${days === 1 ? '' : 's'}`;
  return `${Number((days * 24).toFixed(2))} h`;
}

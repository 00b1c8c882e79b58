import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { killCountsByPeriod } from '../../../engine/report/series/kill-periods.js';
import { killEventsSpec, MAX_KILL_PERIODS, MAX_KILL_RULES, type EquityPointRow, type KillEventRow } from '../../../engine/report/specs/kill-events.js';
import { renderSvg } from '../../../engine/report/svg.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// a Monday, 00:00 UTC
const t0 = Date.UTC(2024, 0, 1);
const KINDS = ['agent_killed', 'agent_retired', 'class_killed', 'class_retired'];

/** `n` kills spread over `hours` hourly times (i * 7919 mod hours: every hour hit when n >= hours), kinds in turn. */
function kills(n: number, hours: number): KillEventRow[] {
  return Array.from({ length: n }, (_, i) => ({ ts: t0 + ((i * 7919) % hours) * HOUR, date: '', kind: KINDS[i % 4] as string, who: `a${i}`, reason: 'r' }));
}
const equity: EquityPointRow[] = Array.from({ length: 181 }, (_, d) => ({ ts: t0 + d * DAY, equity: 1e6 + d }));

type CountsSpec = { title: { subtitle: string }; layer?: unknown; vconcat: { data: { values: { ts: number; ts_end: number; kind: string; count: number; y0: number; y1: number }[] } }[] };

describe('kill-events chart past MAX_KILL_RULES events', () => {
  it('draws one rule per kill up to MAX_KILL_RULES events and counts them per period past it', () => {
    const at = (n: number): CountsSpec => killEventsSpec(equity, kills(n, 180 * 24), 't', 'minute') as unknown as CountsSpec;
    expect(MAX_KILL_RULES).toBe(360);
    expect(at(360).layer).toBeDefined();
    expect(at(360).vconcat).toBeUndefined();
    expect(at(361).layer).toBeUndefined();
    expect(at(361).vconcat).toHaveLength(2);
  });

  it('counts 10,000 kills over 180 days per week by kind, says so, and the counts are a brute-force count', () => {
    const ks = kills(10_000, 180 * 24);
    const spec = killEventsSpec(equity, ks, 't', 'minute') as unknown as CountsSpec;
    // 181 days from t0 to t0 + 180 days: over MAX_KILL_PERIODS (180) days, so weeks (Mondays, from t0): 26 weeks
    const rows = spec.vconcat[1]?.data.values ?? [];
    expect(spec.title.subtitle).toBe(`10,000 events at 4,320 times, counted per week by kind (past 360 rules merge); kills.arrow lists each`);
    expect(rows.length).toBeLessThanOrEqual(MAX_KILL_PERIODS * KINDS.length);
    // brute force: week w holds the kills with floor((ts - t0) / 7 days) = w
    const want = new Map<string, number>();
    for (const k of ks) {
      const w = Math.floor((k.ts - t0) / (7 * DAY));
      const key = `${t0 + w * 7 * DAY}|${k.kind}`;
      want.set(key, (want.get(key) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [`${r.ts}|${r.kind}`, r.count]))).toEqual(want);
    expect(rows.every((r) => r.ts_end - r.ts === 7 * DAY && new Date(r.ts).getUTCDay() === 1)).toBe(true);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(10_000);
    // stacked: within a week the bars follow each other from zero
    for (const r of rows) expect(r.y1 - r.y0).toBe(r.count);
  });

  it('does not grow with the number of kills: 100,000 kills make the same rows as 10,000 over the same times', () => {
    const size = (n: number): { rows: number; bytes: number } => {
      const spec = killEventsSpec(equity, kills(n, 180 * 24), 't', 'minute') as unknown as CountsSpec;
      return { rows: spec.vconcat[1]?.data.values.length ?? 0, bytes: stableStringify(spec).length };
    };
    const small = size(10_000);
    const big = size(100_000);
    expect(big.rows).toBe(small.rows);
    // only digits differ: count, y0 and y1 one more each per row at most, the subtitle's count two ('100,000')
    expect(big.bytes).toBeLessThanOrEqual(small.bytes + 3 * small.rows + 2);
  });

  it('takes the shortest period that spans at most MAX_KILL_PERIODS: hours over 5 days, days over 100, weeks over 3 years, months over 5', () => {
    const unitOver = (fromMs: number, toMs: number): string => killCountsByPeriod([fromMs], ['agent_killed'], KINDS, fromMs, toMs, MAX_KILL_PERIODS).unit;
    // 5 days: 121 hours (<= 180); 100 days: 2,401 hours, 101 days; 3 years: 157 weeks, 36 months (<= 180 either: weeks first)
    expect(unitOver(t0, t0 + 5 * DAY)).toBe('hour');
    expect(unitOver(t0, t0 + 100 * DAY)).toBe('day');
    expect(unitOver(t0, t0 + 3 * 365 * DAY)).toBe('week');
    // 5 years: 261 weeks, 60 months
    expect(unitOver(t0, t0 + 5 * 365 * DAY)).toBe('month');
    const months = killCountsByPeriod([Date.UTC(2024, 1, 29, 12), Date.UTC(2024, 2, 1)], ['agent_killed', 'agent_killed'], KINDS, t0, t0 + 5 * 365 * DAY, MAX_KILL_PERIODS).counts;
    expect(months.map((c) => [c.fromMs, c.toMs, c.count])).toEqual([
      [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1), 1],
      [Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1), 1],
    ]);
  });

  it('compiles and renders the counted chart', async () => {
    const spec = killEventsSpec(equity, kills(1000, 180 * 24), 't', 'minute');
    expect(() => compile(spec)).not.toThrow();
    const { svg } = await renderSvg(spec);
    expect(svg).toContain('events per week');
  });
});

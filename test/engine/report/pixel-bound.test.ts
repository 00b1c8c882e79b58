import { describe, expect, it } from 'vitest';
import { pixelBoundedIndices } from '../../../engine/report/series/pixel-column-extremes.js';
import { rollingSharpeAll, rollingSharpeAt } from '../../../engine/report/series/rolling-sharpe-series.js';
import { runReportCharts } from '../../../engine/report/run-report-charts.js';
import { equityOnlyRun } from '../../helpers/equity-only-run.js';

const HOUR = 3_600_000;
const t0 = Date.UTC(2022, 0, 3);
const W = 720;

/** A fixed pseudo-random stream in [0, 1) (an LCG): the same numbers on every machine. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** n closes of a random walk from 100 at irregular times (1 to 3 hours apart), a -30% spike at `spikeAt` (one point: a stride steps over it). */
function walk(n: number, seed: number, spikeAt: number): { ts: Float64Array; equity: Float64Array } {
  const r = lcg(seed);
  const ts = new Float64Array(n);
  const equity = new Float64Array(n);
  let t = t0;
  let e = 100;
  for (let i = 0; i < n; i++) {
    t += HOUR * (1 + Math.floor(r() * 3));
    e *= 1 + (r() - 0.5) * 0.01;
    ts[i] = t;
    equity[i] = i === spikeAt ? e * 0.7 : e;
  }
  return { ts, equity };
}

/** The brute force: per pixel column (by time, as the chart's scale), the first and last index and the first index of the lowest and highest finite value. */
function columnExtremes(ts: Float64Array, v: Float64Array, width: number): number[] {
  const n = ts.length;
  const span = (ts[n - 1] as number) - (ts[0] as number);
  const byCol = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = Math.min(width - 1, Math.floor((((ts[i] as number) - (ts[0] as number)) / span) * width));
    byCol.set(c, [...(byCol.get(c) ?? []), i]);
  }
  const out: number[] = [];
  for (const idx of byCol.values()) {
    const finite = idx.filter((i) => Number.isFinite(v[i] as number));
    out.push(idx[0] as number, idx[idx.length - 1] as number);
    if (finite.length === 0) continue;
    const lo = Math.min(...finite.map((i) => v[i] as number));
    const hi = Math.max(...finite.map((i) => v[i] as number));
    out.push(finite.find((i) => v[i] === lo) as number, finite.find((i) => v[i] === hi) as number);
  }
  return out;
}

describe('single-series charts bounded by pixels', () => {
  it('keeps every point of a series of at most 4 per pixel column on average (2,880 at 720 px)', () => {
    const { ts, equity } = walk(2880, 1, 100);
    expect([...pixelBoundedIndices(ts, [equity], W)]).toEqual(Array.from({ length: 2880 }, (_, i) => i));
  });

  it("keeps each pixel column's first, last, lowest and highest point, as a brute force finds them, and no more", () => {
    const { ts, equity } = walk(20_000, 2, 12_345);
    const got = pixelBoundedIndices(ts, [equity], W);
    const want = [...new Set(columnExtremes(ts, equity, W))].sort((a, b) => a - b);
    expect([...got]).toEqual(want);
    expect(got.length).toBeLessThanOrEqual(4 * W);
  });

  it('keeps the extremes of every series given, and the indices asked for', () => {
    const { ts, equity } = walk(9000, 3, 4000);
    const other = equity.map((e, i) => Math.sin(i / 7) * e);
    const got = new Set(pixelBoundedIndices(ts, [equity, other], W, [5, 6]));
    for (const i of [...columnExtremes(ts, equity, W), ...columnExtremes(ts, other, W), 5, 6]) expect(got.has(i)).toBe(true);
  });

  it("draws the run's exact max drawdown and its date on the equity, underwater charts past the bound, and says so under the title", () => {
    const { ts, equity } = walk(20_000, 4, 15_001);
    const run = equityOnlyRun('long', ts, equity, 8760);
    // brute force: the deepest drawdown from the running peak (seeded with 100) and its time
    let peak = 100;
    let worst = 0;
    let worstTs = 0;
    for (let i = 0; i < equity.length; i++) {
      peak = Math.max(peak, equity[i] as number);
      const d = (equity[i] as number) / peak - 1;
      if (d < worst) {
        worst = d;
        worstTs = ts[i] as number;
      }
    }
    const charts = runReportCharts(run);
    type Spec = { title: { subtitle: string | string[] }; data?: { values: { ts: number; drawdown: number }[] }; layer?: { data: { values: { ts: number; drawdown?: number }[] }; mark: { type: string } }[] };
    const eq = charts.find((c) => c.name === 'equity-drawdown')?.spec as unknown as Spec;
    const uw = charts.find((c) => c.name === 'underwater')?.spec as unknown as Spec;
    const uwRows = uw.layer?.find((l) => l.mark.type === 'area')?.data.values as { ts: number; drawdown: number }[];
    for (const rows of [eq.data?.values ?? [], uwRows]) {
      const low = rows.reduce((a, r) => (r.drawdown < a.drawdown ? r : a));
      expect(low.drawdown).toBeCloseTo(worst, 5);
      expect(low.ts).toBe(worstTs);
    }
    expect(eq.data?.values.length).toBeLessThanOrEqual(6 * W + 2);
    expect(uwRows.length).toBeLessThanOrEqual(4 * W + 2);
    expect(eq.title.subtitle).toEqual([`20,000 equity points, ${eq.data?.values.length.toLocaleString('en-US')} drawn: each pixel column's first, last, lowest and highest,`, 'so the extremes and their dates are exact; equity.arrow has every point']);
    expect([uw.title.subtitle].flat()[0]).toBe(`20,000 drawdown points, ${uwRows.length.toLocaleString('en-US')} drawn: each pixel column's first, last, lowest and highest,`);
  });

  it("draws the rolling Sharpe's exact highest and lowest values past the bound", () => {
    const { ts, equity } = walk(12_000, 5, 6000);
    const curve = new Float64Array(equity.length + 1);
    curve[0] = 100;
    curve.set(equity, 1);
    const returns = Float64Array.from(equity, (e, i) => e / (curve[i] as number) - 1);
    const window = 3000; // a quarter of the run: defaultRollingWindow with a year of 8,760 periods
    // brute force: every window's Sharpe by two passes (rollingSharpeAt at every index)
    const all = rollingSharpeAt(returns, window, 8760, Int32Array.from({ length: returns.length }, (_, i) => i));
    const finite = [...all].filter(Number.isFinite);
    const run = equityOnlyRun('r', ts, equity, 8760);
    const spec = runReportCharts(run).find((c) => c.name === 'rolling-sharpe')?.spec as unknown as { title: { text: string; subtitle: string[] }; layer: { data: { values: { sharpe: number }[] } }[] };
    expect(spec.title.text).toBe('Rolling Sharpe (trailing 3000 periods, annualized)');
    const drawn = spec.layer[0]?.data.values.map((r) => r.sharpe) as number[];
    expect(drawn.length).toBeLessThanOrEqual(4 * W);
    expect(Math.max(...drawn)).toBeCloseTo(Math.max(...finite), 5);
    expect(Math.min(...drawn)).toBeCloseTo(Math.min(...finite), 5);
    // the values there are (12,000 - 3,000 + 1, none before a full window) and those drawn
    expect(finite).toHaveLength(9001);
    expect(spec.title.subtitle[0]).toBe(`9,001 rolling Sharpe values, ${drawn.length.toLocaleString('en-US')} drawn: each pixel column's first, last, lowest and highest,`);
  });

  it('computes the rolling Sharpe at every index in one pass as the two-pass one does, NaN where a window is flat', () => {
    const r = lcg(6);
    const returns = Float64Array.from({ length: 3000 }, (_, i) => (i >= 1000 && i < 1400 ? 0.001 : (r() - 0.49) * 0.02));
    const exact = rollingSharpeAt(returns, 250, 252, Int32Array.from({ length: 3000 }, (_, i) => i));
    const fast = rollingSharpeAll(returns, 250, 252);
    for (let i = 0; i < 3000; i++) {
      if (Number.isNaN(exact[i] as number)) expect(fast[i]).toBeNaN();
      else expect(Math.abs((fast[i] as number) - (exact[i] as number))).toBeLessThan(1e-9 * Math.max(1, Math.abs(exact[i] as number)));
    }
    // windows wholly inside the flat stretch (ending at 1249 .. 1399) have no Sharpe
    expect(exact[1300]).toBeNaN();
    expect(fast[1300]).toBeNaN();
  });
});

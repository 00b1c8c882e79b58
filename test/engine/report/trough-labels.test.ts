import { describe, expect, it } from 'vitest';
import { runReportCharts } from '../../../engine/report/run-report-charts.js';
import { renderSvg } from '../../../engine/report/svg.js';
import { placeTroughLabels, underwaterAxisMin } from '../../../engine/report/series/trough-labels.js';
import { equityOnlyRun } from '../../helpers/equity-only-run.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2021, 0, 1);
const W = 720;
const H = 260;

/**
 * 40 daily closes from 100 shaped for the cases that overlapped: two troughs 2 days (37 px) apart
 * at nearly one depth (-3.0% at day 2, -2.9% at day 4), the deepest at exactly -6% (a value the
 * axis ticks at: its label went under the axis), and one at the last point (its label ran past
 * the plot's right edge).
 */
const closes = [99, 97, 100.5, 97.6, 101, 100, 99, 98, 97, 96, 95.5, 95, 94.94, 96, 98, 100, 102, 102.5, 103, 103.5, 104, 104.5, 105, 105.5, 106, 106.5, 107, 107.5, 108, 108.5, 109, 110, 109, 108, 107.5, 107, 106.5, 106, 105.8, 105.6];
const run = equityOnlyRun('shapes', Float64Array.from(closes, (_, i) => t0 + i * DAY), Float64Array.from(closes), 252);

interface UnderwaterSpec {
  title: unknown;
  layer: { data: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: { y?: { scale?: { domain?: number[] } } } }[];
}

describe('single-run underwater trough labels', () => {
  const spec = runReportCharts(run).find((c) => c.name === 'underwater')?.spec as unknown as UnderwaterSpec;
  const episodes = spec.layer[0]?.data.values as { trough: number; depth: number; label: string }[];
  const labels = spec.layer.find((l) => l.mark.type === 'text')?.data.values as { label: string; xPx: number; yPx: number }[];
  // a box as wide as its text at 6.5 px a character (10 px sans-serif is ~6; '%' ~8) and 12 px high
  const boxOf = (l: { label: string; xPx: number; yPx: number }): { x0: number; x1: number; y0: number; y1: number } => ({ x0: l.xPx, x1: l.xPx + 6.5 * l.label.length, y0: l.yPx, y1: l.yPx + 12 });

  it('ends the drawdown axis below the deepest trough with room for its label, on a step of the axis', () => {
    // by hand: -6% with 18 px of 260 for the label needs 6% * 260 / 242 = 6.45%; in steps of 1% (~10 steps): -7%
    expect(underwaterAxisMin(-0.06, H)).toBeCloseTo(-0.07, 12);
    expect(underwaterAxisMin(-0.057, H)).toBeCloseTo(-0.07, 12);
    // 47.7% needs 51.3%: steps of 10% (5.13% rounds up to the step 10%): -60%
    expect(underwaterAxisMin(-0.477, H)).toBeCloseTo(-0.6, 12);
    expect(underwaterAxisMin(0, H)).toBe(0);
    const domain = spec.layer.find((l) => l.mark.type === 'area')?.encoding.y?.scale?.domain;
    expect(domain?.[0]).toBeCloseTo(-0.07, 12);
  });

  it('places every label inside the plot (not over the axes or the title) and clear of every other label', () => {
    // the fixture's shapes are the ones it means: the deepest at -6.0%, one at the last point, two 2 days apart
    expect(episodes[0]?.label).toBe('#1 -6.0%');
    expect(episodes.some((e) => e.trough === t0 + 39 * DAY)).toBe(true);
    expect(episodes.filter((e) => e.trough === t0 + DAY || e.trough === t0 + 3 * DAY)).toHaveLength(2);
    expect(labels.map((l) => l.label).sort()).toEqual(episodes.map((e) => e.label).sort());
    const boxes = labels.map(boxOf);
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(W);
      expect(b.y0).toBeGreaterThanOrEqual(0);
      expect(b.y1).toBeLessThanOrEqual(H);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as { x0: number; x1: number; y0: number; y1: number };
        const b = boxes[j] as { x0: number; x1: number; y0: number; y1: number };
        expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0).toBe(true);
      }
  });

  it('puts each label beside its own trough: a corner within 3 px of it', () => {
    // the x scale spans day 0 .. day 39, the y scale 0 .. -7%
    for (const l of labels) {
      const e = episodes.find((x) => x.label === l.label) as { trough: number; depth: number };
      const px = ((e.trough - t0) / (39 * DAY)) * W;
      const py = (e.depth / -0.07) * H;
      const b = boxOf(l);
      const nearX = Math.min(Math.abs(b.x0 - px), Math.abs(b.x1 - px));
      const nearY = Math.min(Math.abs(b.y0 - py), Math.abs(b.y1 - py));
      expect(nearX).toBeCloseTo(3, 9);
      expect(nearY).toBeCloseTo(3, 9);
    }
  });

  it('draws the labels where it placed them: the SVG text starts at those pixels', async () => {
    const svg = (await renderSvg(spec as never)).svg;
    for (const l of labels) {
      const at = new RegExp(`transform="translate\\(([-\\d.]+),([-\\d.]+)\\)"[^>]*>${l.label.replace(/[#%.-]/g, (c) => `\\${c}`)}<`).exec(svg);
      expect(Number(at?.[1])).toBeCloseTo(l.xPx, 6);
      // vega puts a 'top' baseline's text down by part of its size: within the box
      expect(Number(at?.[2])).toBeGreaterThan(l.yPx);
      expect(Number(at?.[2])).toBeLessThanOrEqual(l.yPx + 12);
    }
  });

  it('tries below right, below left, above right, above left of a trough, and drops a label that fits nowhere', () => {
    // five labels of 8 characters (52 x 12 px) at one trough mid-plot: (360, 130) on a [0, 10] x [-0.1, 0] plot of 720 x 260
    const t = (k: number): { trough: number; depth: number; label: string } => ({ trough: 5, depth: -0.05, label: `#${k} -5.0%` });
    const got = placeTroughLabels([t(1), t(2), t(3), t(4), t(5)], [], [], 0, 10, -0.1, W, H);
    expect(got.placed.map((p) => [p.xPx, p.yPx])).toEqual([
      [363, 133],
      [360 - 3 - 52, 133],
      [363, 130 - 3 - 12],
      [360 - 3 - 52, 130 - 3 - 12],
    ]);
    expect(got.dropped).toEqual(['#5 -5.0%']);
  });
});

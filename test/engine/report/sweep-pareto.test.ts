import { describe, expect, it } from 'vitest';
import { sweepReportCharts } from '../../../engine/report/sweep-report-charts.js';
import { renderSvg } from '../../../engine/report/svg.js';
import type { SweepTable } from '../../../engine/report/sweep-table.js';

interface ParetoSpec {
  title: string | { text: string; subtitle: string };
  data: { values: { config_id: string; frontier: string; configs_here: number }[] };
  layer: { mark: { type: string; interpolate?: string }; transform?: { filter: string }[]; encoding: { order?: { field: string } } }[];
}

/** A sweep table of one swept parameter and the given Sharpe and max drawdown per configuration. */
function table(sharpe: number[], mdd: number[]): SweepTable {
  const ids = sharpe.map((_, i) => `c${i + 1}`);
  return {
    configIds: ids,
    params: [{ path: 'targets.cash_buffer', values: ids.map((_, i) => 0.05 * (i + 1)) }],
    metrics: new Map([
      ['sharpe', Float64Array.from(sharpe)],
      ['max_drawdown', Float64Array.from(mdd)],
    ]),
  };
}

const paretoOf = (t: SweepTable): ParetoSpec => sweepReportCharts(t, null).find((c) => c.name === 'sweep-pareto')?.spec as unknown as ParetoSpec;

describe('sweep Pareto chart', () => {
  it('puts two configurations that differ only past the drawn digits both on the frontier, each saying two configurations share its point', () => {
    // c1 and c2 as bench S's sweep gave them (a threshold that changes nothing): c2's Sharpe is 8e-14 higher, its drawdown 2e-16 lower
    const spec = paretoOf(table([2.4282731320412227, 2.4282731320413053, 2.0], [0.022345634897595223, 0.022345634897595, 0.03]));
    expect(spec.data.values.map((r) => [r.config_id, r.frontier, r.configs_here])).toEqual([
      ['c1', 'Pareto frontier', 2],
      ['c2', 'Pareto frontier', 2],
      ['c3', 'dominated', 1],
    ]);
  });

  it('draws the frontier as steps ordered by drawdown, and its points after the dominated ones', () => {
    const spec = paretoOf(table([1, 2, 1.5], [0.1, 0.3, 0.2]));
    const [line, first, last] = spec.layer;
    expect(line?.mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    expect(line?.encoding.order?.field).toBe('max_drawdown');
    expect(first?.transform?.[0]?.filter).toBe("datum.frontier !== 'Pareto frontier'");
    expect(last?.transform?.[0]?.filter).toBe("datum.frontier === 'Pareto frontier'");
  });

  it('counts the configurations without a Sharpe under the title, as they have no point', () => {
    const spec = paretoOf(table([1, Number.NaN, 2, Number.NaN], [0.1, 0, 0.2, 0]));
    expect(spec.title).toEqual({ text: 'Sharpe vs max drawdown (Pareto frontier: highest Sharpe for its drawdown)', subtitle: '2 of 4 configurations not drawn: no Sharpe or drawdown (failed, or flat: no trades)' });
    expect(paretoOf(table([1, 2], [0.1, 0.2])).title).toBe('Sharpe vs max drawdown (Pareto frontier: highest Sharpe for its drawdown)');
  });

  it('prints distinct drawdown tick labels over a narrow range (2.2% to 2.7%)', async () => {
    const svg = (await renderSvg(paretoOf(table([2.43, 2.41, 2.42], [0.0223, 0.0264, 0.0245])) as never)).svg;
    const labels = [...svg.matchAll(/>(\d+(?:\.\d+)?%)</g)].map((m) => m[1] as string);
    expect(labels.length).toBeGreaterThan(3);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

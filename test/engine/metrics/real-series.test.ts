import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMetrics, METRIC_FIELDS } from '../../../engine/metrics/compute-metrics.js';
import { drawdownDetail } from '../../../engine/metrics/max-drawdown.js';
import { tailRisk } from '../../../engine/metrics/var-cvar.js';
import { readReturnTable } from '../../../engine/cli/metrics-input.js';
import { close, loadReference, type ReferenceDrawdown, type ReferenceEmpyrical, type ReferenceMetrics } from './reference-fixture.js';

const ref = loadReference();

function compare(returns: Float64Array, N: number, expected: ReferenceMetrics): string[] {
  const rec = computeMetrics(returns, { periodsPerYear: N });
  const out: string[] = [];
  for (const f of METRIC_FIELDS) {
    if (!close(rec[f], expected[f] as number | null)) out.push(`${f}: bt ${String(rec[f])} vs numpy ${String(expected[f])}`);
  }
  const d = drawdownDetail(returns);
  const e = expected['drawdown'] as ReferenceDrawdown;
  const got = { peak_index: d.peakIndex, start_index: d.startIndex, trough_index: d.troughIndex, recovery_index: d.recoveryIndex, longest_duration: d.longestDurationPeriods };
  if (JSON.stringify(got) !== JSON.stringify(e)) out.push(`drawdown: bt ${JSON.stringify(got)} vs numpy ${JSON.stringify(e)}`);
  const emp = expected['empyrical'] as ReferenceEmpyrical;
  const t = tailRisk(returns, 0.95, 'empyrical');
  if (!close(t.valueAtRisk.value, emp.var)) out.push(`empyrical var: ${String(t.valueAtRisk.value)} vs ${emp.var}`);
  if (!close(t.conditionalValueAtRisk.value, emp.cvar)) out.push(`empyrical cvar: ${String(t.conditionalValueAtRisk.value)} vs ${emp.cvar}`);
  return out;
}

describe('computeMetrics on real series', () => {
  it('matches numpy on S&P 500 daily closes 2000-2020 (returns from close, 2008 and 2020 drawdowns)', () => {
    const file = join(process.cwd(), 'node_modules/vega-datasets/data/sp500-2000.csv');
    const t = readReturnTable(file, { prices: true, columns: ['close'] });
    const s = t.series[0];
    expect(s?.returns.length).toBe(ref.sp500_close.expected.n);
    expect(compare(s?.returns ?? new Float64Array(0), 252, ref.sp500_close.expected)).toEqual([]);
  });

  for (const [name, data] of [['edhec', ref.edhec], ['managers', ref.managers]] as const) {
    it(`matches numpy on every column of ${name}.csv (missing values dropped per column)`, () => {
      const t = readReturnTable(join(process.cwd(), `test/fixtures/data/${name}.csv`), { prices: false });
      expect(t.series.map((s) => s.name)).toEqual(Object.keys(data));
      const problems = t.series.flatMap((s) => compare(s.returns, 12, data[s.name] as ReferenceMetrics).map((p) => `${s.name}: ${p}`));
      expect(problems).toEqual([]);
    });
  }
});

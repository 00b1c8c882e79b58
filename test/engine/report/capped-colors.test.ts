import { describe, expect, it } from 'vitest';
import { OTHER_SERIES_COLOR, stackedWeightsSpec, type WeightRow } from '../../../engine/report/specs/stacked-weights.js';

type Spec = { encoding: { color: { scale: { domain?: string[]; range?: string[]; scheme?: string } } } };

describe('capped allocation chart colours', () => {
  // 'other (..)' sorts between 'arb' and 'zeta' by name; it is stacked last, on top
  const rows: WeightRow[] = ['arb', 'zeta', 'other (3 agents)'].map((series, stack) => ({ ts: 0, date: '1970-01-01', series, weight: 0.1, stack }));

  it('lists the summed series last in the legend, as it is stacked, and greys it; no drawn series is grey', () => {
    const spec = stackedWeightsSpec(rows, 't', 'agent', 'w', 'day', { capped: 'note' }) as unknown as Spec;
    expect(spec.encoding.color.scale.domain).toEqual(['arb', 'zeta', 'other (3 agents)']);
    expect(spec.encoding.color.scale.range).toEqual(['#4c78a8', '#9ecae9', OTHER_SERIES_COLOR]);
  });

  it("gives 19 drawn series 19 distinct colours, none the summed one's", () => {
    const many: WeightRow[] = Array.from({ length: 20 }, (_, k) => ({ ts: 0, date: '', series: k === 19 ? 'other (5 agents)' : `a${k}`, weight: 0.05, stack: k }));
    const range = (stackedWeightsSpec(many, 't', 'agent', 'w', 'day', { capped: 'note' }) as unknown as Spec).encoding.color.scale.range ?? [];
    expect(new Set(range).size).toBe(20);
    expect(range.indexOf(OTHER_SERIES_COLOR)).toBe(19);
  });

  it('keeps the tableau20 scheme by name when nothing is summed', () => {
    expect((stackedWeightsSpec(rows.slice(0, 2), 't', 'agent', 'w', 'day') as unknown as Spec).encoding.color.scale).toEqual({ scheme: 'tableau20' });
  });
});

import { describe, expect, it } from 'vitest';
import { computeMetrics, METRIC_FIELDS } from '../../../engine/index.js';

describe('computeMetrics (the library export)', () => {
  it('returns the METRIC_FIELDS keys and notes, the VaR at another level under var_95 (docs/library.md)', () => {
    // sorted -0.05, -0.02, 0.01, 0.01, 0.02, 0.03; type-7 quantile at 1 - 0.9: h = 5 x 0.1 = 0.5,
    // -0.05 + 0.5 x (-0.02 - -0.05) = -0.035; CVaR = mean of the returns strictly below it: -0.05
    const m = computeMetrics([0.01, -0.02, 0.03, 0.01, -0.05, 0.02], { periodsPerYear: 12, level: 0.9 });
    expect(Object.keys(m)).toEqual([...METRIC_FIELDS, 'notes']);
    expect(m.var_95).toBeCloseTo(-0.035, 15);
    expect(m.cvar_95).toBeCloseTo(-0.05, 15);
  });
});

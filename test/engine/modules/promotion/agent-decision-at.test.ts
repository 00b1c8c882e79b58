import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agentDecision, agentDecisionAt, DEFAULT_AGENT_RULES } from '../../../../engine/modules/promotion/promotion-decision.js';

/** A stat near the rules' edges (equal to a threshold, either side of it) or missing. */
const stat = (edges: number[]) => fc.oneof(fc.constant(Number.NaN), fc.constantFrom(...edges), fc.double({ min: -1e4, max: 1e4, noNaN: true }));

describe('agentDecisionAt', () => {
  it('decides as agentDecision on every row, thresholds and missing values included', () => {
    const arbRules = fc.record({
      killErrorRate: fc.constantFrom(0.15, 0.3, Number.POSITIVE_INFINITY),
      retirePnlBps: fc.constantFrom(0, -5000, Number.NEGATIVE_INFINITY),
      retireDrawdownBps: fc.constantFrom(-500, -20000, Number.NEGATIVE_INFINITY),
      retireMinOutcomes: fc.constantFrom(0, 30),
    });
    const arbRow = fc.record({
      nOutcomes: stat([0, 29, 30, 31]),
      pnlSumBps: stat([150, 0, -5000, 151]),
      hitRate: stat([0.55, 0.5, 0.6]),
      errorRate: stat([0, 0.15, 0.3, 0.16]),
      avgAbsErrorBps: stat([60, 59, 61]),
      avgPnlErrorBps: stat([-20, -21, -19]),
      maxDrawdownBps: stat([-500, -501, -20000, 0]),
    });
    fc.assert(
      fc.property(arbRules, fc.array(arbRow, { minLength: 1, maxLength: 8 }), (r, rows) => {
        const rules = { ...DEFAULT_AGENT_RULES, ...r };
        const col = (k: keyof (typeof rows)[number]): Float64Array => Float64Array.from(rows, (x) => x[k]);
        const table = {
          nOutcomes: col('nOutcomes'),
          pnlSumBps: col('pnlSumBps'),
          hitRate: col('hitRate'),
          errorRate: col('errorRate'),
          avgAbsErrorBps: col('avgAbsErrorBps'),
          avgPnlErrorBps: col('avgPnlErrorBps'),
          maxDrawdownBps: col('maxDrawdownBps'),
        };
        rows.forEach((row, a) => expect(agentDecisionAt(table, a, rules)).toBe(agentDecision(row, rules).decision));
      }),
      { numRuns: 2000 },
    );
  });
});

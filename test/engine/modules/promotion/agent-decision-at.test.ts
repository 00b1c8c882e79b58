import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agentDecision, agentDecisionAt, DEFAULT_AGENT_RULES } from '../../../../engine/modules/promotion/promotion-decision.js';

/** A stat near the rules' edges (equal to a threshold, either side of it) or missing. */
const stat = (edges: number[]) => fc.oneof(fc.constant(Number.NaN), fc.constantFrom(...edges), fc.double({ min: -1e4, max: 1e4, noNaN: true }));

/** The stats of the promotion gates, in agentDecision's reason order, and their thresholds under the default rules. */
const GATES = [
  ['pnlSumBps', 'pnl_sum_bps', 150, 'pass above'],
  ['hitRate', 'hit_rate', 0.55, 'pass at'],
  ['errorRate', 'error_rate', 0, 'pass at'],
  ['avgAbsErrorBps', 'avg_abs_error_bps', 60, 'pass at'],
  ['avgPnlErrorBps', 'avg_pnl_error_bps', -20, 'pass at'],
] as const;

describe('agentDecisionAt', () => {
  it('decides as agentDecision on every row, thresholds and missing values included', () => {
    const arbRules = fc.record({
      killErrorRate: fc.constantFrom(0.15, 0.3, Number.POSITIVE_INFINITY),
      retirePnlBps: fc.constantFrom(0, -5000, Number.NEGATIVE_INFINITY),
      retireDrawdownBps: fc.constantFrom(-500, -20000, Number.NEGATIVE_INFINITY),
      retireMinOutcomes: fc.constantFrom(0, 30),
    });
    const wideRow = fc.record({
      nOutcomes: stat([0, 29, 30, 31]),
      pnlSumBps: stat([150, 0, -5000, 151]),
      hitRate: stat([0.55, 0.5, 0.6]),
      errorRate: stat([0, 0.15, 0.3, 0.16]),
      avgAbsErrorBps: stat([60, 59, 61]),
      avgPnlErrorBps: stat([-20, -21, -19]),
      maxDrawdownBps: stat([-500, -501, -20000, 0]),
    });
    // Wide rows promote about once in 2000 (every gate must pass at once): rows of edge values
    // only promote one time in 25, at each threshold exactly, or hold on a single gate just past it.
    const edgeRow = fc.record({
      nOutcomes: fc.constantFrom(0, 29, 30, 31),
      pnlSumBps: fc.constantFrom(150, 151, 0),
      hitRate: fc.constantFrom(0.55, 0.6, 0.5),
      errorRate: fc.constantFrom(0, 0.15, 0.16),
      avgAbsErrorBps: fc.constantFrom(60, 59, 61),
      avgPnlErrorBps: fc.constantFrom(-20, -19, -21),
      maxDrawdownBps: fc.constantFrom(-500, 0, -501),
    });
    const seen = new Map<string, number>();
    const count = (k: string): void => void seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(arbRules, fc.array(fc.oneof(wideRow, edgeRow), { minLength: 1, maxLength: 8 }), (r, rows) => {
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
        rows.forEach((row, a) => {
          const want = agentDecision(row, rules);
          expect(agentDecisionAt(table, a, rules)).toBe(want.decision);
          count(want.decision);
          if (row.errorRate === rules.killErrorRate) count(`error_rate at the kill rate: ${want.decision}`);
          if (row.maxDrawdownBps === rules.retireDrawdownBps) count(`drawdown at the retire limit: ${want.decision}`);
          if (row.pnlSumBps === rules.retirePnlBps && row.nOutcomes === rules.retireMinOutcomes) count(`pnl at the retire limit with the minimum outcomes: ${want.decision}`);
          if (row.pnlSumBps <= rules.retirePnlBps && row.nOutcomes === rules.retireMinOutcomes - 1 && want.decision !== 'KILL') count(`pnl retire one outcome short: ${want.decision}`);
          for (const [k, name, edge] of GATES) {
            if (want.decision === 'PROMOTE' && row[k] === edge) count(`promoted with ${name} at ${edge}`);
            if (want.decision === 'HOLD' && want.reasons.length === 1 && want.reasons[0]?.startsWith(name)) count(`held by ${name} alone${row[k] === edge ? ` at ${edge}` : ''}`);
          }
        });
      }),
      { numRuns: 2000, seed: 20261205 },
    );
    // The cases a one-character slip (< for <=, a gate or rule left out) changes: each is met.
    const cases = [
      'PROMOTE', 'HOLD', 'RETIRE', 'KILL',
      'error_rate at the kill rate: RETIRE', 'error_rate at the kill rate: HOLD',
      'drawdown at the retire limit: PROMOTE', 'drawdown at the retire limit: HOLD',
      'pnl at the retire limit with the minimum outcomes: RETIRE', 'pnl retire one outcome short: HOLD',
      ...GATES.flatMap(([, name, edge, how]) => [how === 'pass at' ? `promoted with ${name} at ${edge}` : `held by ${name} alone at ${edge}`, `held by ${name} alone`]),
    ];
    for (const k of cases) expect(seen.get(k) ?? 0, k).toBeGreaterThanOrEqual(5);
  });
});

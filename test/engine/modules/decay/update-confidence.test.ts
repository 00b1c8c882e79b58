import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from '../../../../engine/core/stable-json.js';
import {
  confidenceMultipliers,
  SEED_DECAY_PARAMS,
  updateConfidenceSeed,
  updateConfidenceSeedArrays,
  type AgentOutcomes,
  type DecayParams,
  type OutcomeRows,
} from '../../../../engine/modules/decay/update-confidence.js';
import { decayParamsFromSeedArgs } from '../../../../engine/modules/decay/update-confidence.js';
import { loadCases, scoreCases, type ParityCase } from '../../parity/load-cases.js';

const TOL = 1e-9;
const P = SEED_DECAY_PARAMS;

function row(abs: unknown, pnl: unknown, agent: unknown = 'A'): Record<string, unknown> {
  return { agent, horizon_hours: 24, abs_error_bps: abs, realized_pnl_bps: pnl };
}

function oneAgent(abs: readonly number[], pnl: readonly number[]): AgentOutcomes {
  return {
    nAgents: 1,
    offsets: Int32Array.from([0, abs.length]),
    absErrorBps: Float64Array.from(abs),
    realizedPnlBps: Float64Array.from(pnl),
  };
}

describe('updateConfidenceSeed', () => {
  it('matches all 50 seed cases bit for bit', () => {
    const r = scoreCases(updateConfidenceSeed, loadCases('cases_update_confidence.jsonl'));
    expect(r.failures).toEqual([]);
    expect(r.bitwise).toBe(50);
  });

  it('reproduces quirks Q003-1..8 bit for bit', () => {
    const r = scoreCases(updateConfidenceSeed, loadCases('quirks.jsonl', 'update_confidence'));
    expect(r.failures).toEqual([]);
    expect(r.bitwise).toBe(8);
  });

  it('raises where int(horizon_hours) raises', () => {
    expect(() => updateConfidenceSeed({ rows: [{ agent: 'A', horizon_hours: null }] })).toThrow(/^TypeError: int\(\)/);
    expect(() => updateConfidenceSeed({ rows: [{ agent: 'A', horizon_hours: '24.0' }] })).toThrow(
      "ValueError: invalid literal for int() with base 10: '24.0'",
    );
    // '24' parses: 1 - (50 / 100) * 0.08 = 0.96
    expect(updateConfidenceSeed({ rows: [{ ...row(50, 10), horizon_hours: '24' }] })).toEqual({ A: 0.96 });
  });

  it('keeps the previous map when no row matches the horizon, unclamped', () => {
    expect(updateConfidenceSeed({ rows: [{ ...row(50, 10), horizon_hours: 4 }], prev_multipliers: { B: 7 } })).toEqual({ B: 7 });
  });

  it('reads a negative limit_rows as Python slicing does (rows[3:])', () => {
    // 4 rows, limit_rows -3 keeps only the last: abs 50 -> 0.96
    const rows = [row(500, -5), row(500, -5), row(500, -5), row(50, 10)];
    expect(updateConfidenceSeed({ rows, limit_rows: -3 })).toEqual({ A: 0.96 });
  });

  it('raises TypeError on a non-integer limit_rows', () => {
    expect(() => updateConfidenceSeed({ rows: [row(1, 1)], limit_rows: 2.5 })).toThrow(/^TypeError/);
  });
});

/** Converts a JSON case (numeric rows only) to the array form; null when a row holds a string. */
function toArrays(c: ParityCase): { rows: OutcomeRows; prev: Float64Array; names: string[] } | null {
  const rows = c.args['rows'] as Record<string, unknown>[];
  const prevMap = c.args['prev_multipliers'] as Record<string, number>;
  const agentOf = (r: Record<string, unknown>): string => (typeof r['agent'] === 'string' && r['agent'] !== '' ? r['agent'] : 'unknown');
  if (rows.some((r) => typeof r['abs_error_bps'] === 'string' || typeof r['realized_pnl_bps'] === 'string')) return null;
  const names = [...new Set([...rows.map(agentOf), ...Object.keys(prevMap)])].sort(compareCodeUnits);
  const id = new Map(names.map((n, i) => [n, i]));
  const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
  return {
    names,
    prev: Float64Array.from(names, (n) => prevMap[n] ?? Number.NaN),
    rows: {
      n: rows.length,
      agentId: Int32Array.from(rows, (r) => id.get(agentOf(r)) as number),
      horizonHours: Float64Array.from(rows, (r) => num(r['horizon_hours'])),
      absErrorBps: Float64Array.from(rows, (r) => num(r['abs_error_bps'])),
      realizedPnlBps: Float64Array.from(rows, (r) => num(r['realized_pnl_bps'])),
    },
  };
}

describe('updateConfidenceSeedArrays', () => {
  it('matches the seed cases and quirks that hold no unparsable value, bit for bit', () => {
    let tested = 0;
    const cases = [...loadCases('cases_update_confidence.jsonl'), ...loadCases('quirks.jsonl', 'update_confidence')];
    for (const c of cases) {
      const a = toArrays(c);
      if (a === null) continue;
      tested += 1;
      const out = updateConfidenceSeedArrays(a.rows, a.prev, decayParamsFromSeedArgs(c.args));
      const expected = c.expected as Record<string, number>;
      const got: Record<string, number> = {};
      a.names.forEach((n, i) => {
        if (!Number.isNaN(out[i])) got[n] = out[i] as number;
      });
      expect(got, c.id).toEqual(expected);
    }
    expect(tested).toBe(16); // 9 cases + 7 quirks (Q003-7's 'n/a' has no array form)
  });

  it('compounds on prev and leaves unseen agents untouched (Q003-1, Q003-6)', () => {
    const rows: OutcomeRows = {
      n: 1,
      agentId: Int32Array.from([0]),
      horizonHours: Float64Array.from([24]),
      absErrorBps: Float64Array.from([50]),
      realizedPnlBps: Float64Array.from([10]),
    };
    // 0.96 * (1 - 0.04) = 0.9216; agent 1 keeps 1.3 (> CEIL); agent 2 stays absent
    const out = updateConfidenceSeedArrays(rows, Float64Array.from([0.96, 1.3, Number.NaN]), P);
    expect(out[0]).toBe(0.9216);
    expect(out[1]).toBe(1.3);
    expect(Number.isNaN(out[2])).toBe(true);
  });

  it('reads a NaN error as 0 and a NaN horizon as 0 (dropped at horizon 24)', () => {
    const rows: OutcomeRows = {
      n: 2,
      agentId: Int32Array.from([0, 0]),
      horizonHours: Float64Array.from([24, Number.NaN]),
      absErrorBps: Float64Array.from([Number.NaN, 500]),
      realizedPnlBps: Float64Array.from([5, -5]),
    };
    // only row 0 counts: abs 0 -> no penalty -> 1.0
    expect(Array.from(updateConfidenceSeedArrays(rows, Float64Array.from([Number.NaN]), P))).toEqual([1]);
  });
});

describe('confidenceMultipliers', () => {
  it('recomputes from 1.0 each call, so re-running is idempotent (fixes Q003-1)', () => {
    // 1 - (50 / (50 + 50)) * 0.08 = 0.96, whatever ran before
    const o = oneAgent([50], [10]);
    expect(Array.from(confidenceMultipliers(o, P))).toEqual([0.96]);
    expect(Array.from(confidenceMultipliers(o, P))).toEqual([0.96]);
  });

  it('weights older rows by 2^(-age / half-life)', () => {
    // older row: age 1, pen = 0.04 * 2^(-1/80); newer row abs 0: no penalty
    const m = confidenceMultipliers(oneAgent([50, 0], [10, 1]), P)[0] as number;
    expect(Math.abs(m - (1 - 0.04 * Math.pow(2, -1 / 80)))).toBeLessThanOrEqual(TOL);
  });

  it('amplifies the penalty of a losing row', () => {
    // pen = 0.04 * 1.3 = 0.052 -> 0.948
    expect(Math.abs((confidenceMultipliers(oneAgent([50], [-1]), P)[0] as number) - 0.948)).toBeLessThanOrEqual(TOL);
  });

  it('boosts a stable agent and clamps to ceil', () => {
    const abs = new Array<number>(10).fill(0);
    const pnl = new Array<number>(10).fill(5);
    // 10 good rows, no penalty: 1 * 1.02
    expect(confidenceMultipliers(oneAgent(abs, pnl), P)[0]).toBe(1.02);
    expect(confidenceMultipliers(oneAgent(abs, pnl), { ...P, ceil: 1.01 })[0]).toBe(1.01);
  });

  it('reads only each agent\'s last limitRows outcomes', () => {
    // limitRows 1 keeps the abs-50 row only -> 0.96
    expect(confidenceMultipliers(oneAgent([500, 500, 50], [-5, -5, 10]), { ...P, limitRows: 1 })[0]).toBe(0.96);
  });

  it('gives 1.0 to agents without outcomes', () => {
    const o: AgentOutcomes = {
      nAgents: 3,
      offsets: Int32Array.from([0, 0, 1, 1]),
      absErrorBps: Float64Array.from([50]),
      realizedPnlBps: Float64Array.from([10]),
    };
    expect(Array.from(confidenceMultipliers(o, P))).toEqual([1, 0.96, 1]);
  });

  it('clamps the 1.0 of an agent without outcomes to [floor, ceil] like every other multiplier (fixes Q003-6)', () => {
    const o: AgentOutcomes = { nAgents: 2, offsets: Int32Array.from([0, 0, 1]), absErrorBps: Float64Array.from([50]), realizedPnlBps: Float64Array.from([10]) };
    expect(Array.from(confidenceMultipliers(o, { ...P, ceil: 0.9 }))).toEqual([0.9, 0.9]);
    expect(Array.from(confidenceMultipliers(o, { ...P, floor: 0.97 }))).toEqual([1, 0.97]);
  });

  it('stays within [floor, ceil], reaching both bounds, and leaves its inputs untouched', () => {
    const params: DecayParams = { ...P, floor: 0.3, limitRows: 40 };
    const row = (abs: [number, number], pnl: [number, number]) => fc.tuple(fc.double({ min: abs[0], max: abs[1], noNaN: true }), fc.double({ min: pnl[0], max: pnl[1], noNaN: true }));
    // Three regimes: calm (every error small: the stability boost compounds up to ceil), storm
    // (large losing errors: the penalty drives the multiplier to floor) and anything in between.
    const outcomes = fc.oneof(
      fc.array(row([0, 5], [0, 50]), { minLength: 10, maxLength: 300 }),
      fc.array(row([2_000, 100_000], [-5_000, -100]), { minLength: 30, maxLength: 300 }),
      fc.array(row([0, 1000], [-500, 500]), { maxLength: 300 }),
    );
    let atFloor = 0;
    let atCeil = 0;
    fc.assert(
      fc.property(outcomes, fc.constantFrom(1.2, 1.01), (pairs, ceil) => {
        const o = oneAgent(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        const before = [Array.from(o.absErrorBps), Array.from(o.realizedPnlBps)];
        const m = confidenceMultipliers(o, { ...params, ceil })[0] as number;
        expect(m).toBeGreaterThanOrEqual(0.3);
        expect(m).toBeLessThanOrEqual(ceil);
        if (m === 0.3) atFloor++;
        if (m === ceil) atCeil++;
        expect([Array.from(o.absErrorBps), Array.from(o.realizedPnlBps)]).toEqual(before);
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(atFloor).toBeGreaterThan(10);
    expect(atCeil).toBeGreaterThan(10);
  });
});

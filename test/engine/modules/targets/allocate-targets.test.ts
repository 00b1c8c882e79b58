import { describe, expect, it } from 'vitest';
import { allocateTargets, capitalAllocateSeed, type TargetFindings, type TargetParams } from '../../../../engine/modules/targets/capital-allocate.js';
import { targetInputViolations } from '../../../../engine/modules/targets/target-input-violations.js';
import { severityMultiplier } from '../../../../engine/modules/targets/severity-multiplier.js';
import { isPyTruthy } from '../../../../engine/core/python/py-dict.js';
import { pyFloat } from '../../../../engine/core/python/py-builtins.js';
import { readParityCases, TOL } from '../allocator/parity-fixtures.js';

const P: TargetParams = { maxAgentWeight: 0.25, maxSymbolWeight: 0.2, cashBuffer: 0.1 };

/** Builds TargetFindings from [agentId, symbolId, confidence, severityMult] rows. */
function findingsOf(rows: ReadonlyArray<readonly [number, number, number, number]>): TargetFindings {
  return {
    n: rows.length,
    agentId: Int32Array.from(rows, (r) => r[0]),
    symbolId: Int32Array.from(rows, (r) => r[1]),
    confidence: Float64Array.from(rows, (r) => r[2]),
    severityMult: Float64Array.from(rows, (r) => r[3]),
  };
}

const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);

// Q000-2: one agent (weight 0.2), BTC conf 1.0 and five symbols at conf 0.2, all 'medium'.
const q2 = findingsOf([[0, 0, 1.0, 1], [0, 1, 0.2, 1], [0, 2, 0.2, 1], [0, 3, 0.2, 1], [0, 4, 0.2, 1], [0, 5, 0.2, 1]]);

describe('allocateTargets', () => {
  it('reproduces seed 000 on arrays: the capped-off part becomes cash (Q000-2 seed)', () => {
    const r = allocateTargets(q2, Float64Array.of(0.2), 6, P, 'seed');
    // raw 0.2 | 0.04 x5, total 0.4 -> 0.5 | 0.1 x5; BTC capped to 0.2; used 0.7, cash 0.3
    expect(r.symbolWeight[0]).toBeCloseTo(0.2, 12);
    for (let s = 1; s < 6; s++) expect(Math.abs((r.symbolWeight[s] ?? 0) - 0.1)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(r.cash - 0.3)).toBeLessThanOrEqual(TOL);
    expect(r.capped).toBe(true);
  });

  it('water-fills the investable 1 - cash_buffer when only the symbol cap binds (Q000-2 default)', () => {
    const r = allocateTargets(q2, Float64Array.of(0.2), 6, { ...P, maxAgentWeight: 1 }, 'default');
    // BTC freezes at 0.2; the other five share 0.9 - 0.2 = 0.7 equally: 0.14 each; cash 0.1
    expect(Math.abs((r.symbolWeight[0] ?? 0) - 0.2)).toBeLessThanOrEqual(TOL);
    for (let s = 1; s < 6; s++) expect(Math.abs((r.symbolWeight[s] ?? 0) - 0.14)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(r.cash - 0.1)).toBeLessThanOrEqual(TOL);
  });

  it('holds a lone agent to max_agent_weight of final capital, the rest in cash (Q000-2 args)', () => {
    const r = allocateTargets(q2, Float64Array.of(0.2), 6, P, 'default');
    // the agent cap binds first at level t = 0.25 / 0.4: BTC 0.2 t = 0.125, others 0.04 t = 0.025
    expect(Math.abs((r.symbolWeight[0] ?? 0) - 0.125)).toBeLessThanOrEqual(TOL);
    for (let s = 1; s < 6; s++) expect(Math.abs((r.symbolWeight[s] ?? 0) - 0.025)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((r.agentShare[0] ?? 0) - 0.25)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(r.cash - 0.75)).toBeLessThanOrEqual(TOL);
  });

  it('caps the agent share of final capital, not the weight per finding (Q000-7)', () => {
    // a (id 0, weight 0.9) on P,Q,R,S; b (id 1, weight 0.9) on T; all conf 1, 'medium'
    const f = findingsOf([[0, 0, 1, 1], [0, 1, 1, 1], [0, 2, 1, 1], [0, 3, 1, 1], [1, 4, 1, 1]]);
    const seed = allocateTargets(f, Float64Array.of(0.9, 0.9), 5, P, 'seed');
    expect(Math.abs((seed.agentShare[0] ?? 0) - 0.72)).toBeLessThanOrEqual(TOL); // 4 x 0.18
    const r = allocateTargets(f, Float64Array.of(0.9, 0.9), 5, P, 'default');
    // a caps at 0.25 (4 x 0.0625) at t = 0.25/3.6; b goes on to T's symbol cap 0.2; cash 0.55
    for (let s = 0; s < 4; s++) expect(Math.abs((r.symbolWeight[s] ?? 0) - 0.0625)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((r.symbolWeight[4] ?? 0) - 0.2)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((r.agentShare[0] ?? 0) - 0.25)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((r.agentShare[1] ?? 0) - 0.2)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(r.cash - 0.55)).toBeLessThanOrEqual(TOL);
    expect(r.agentRawContribution[0]).toBeCloseTo(3.6, 12); // 4 x 0.9 x 1 x 1, pre-cap units
  });

  it('returns all cash as a fraction, so cash = portfolio_value in money (Q000-1)', () => {
    const r = allocateTargets(findingsOf([[0, 0, 0, 0.5]]), Float64Array.of(0.2), 1, P, 'default');
    expect(Array.from(r.symbolWeight)).toEqual([0]);
    expect(r.cash).toBe(1);
    expect(r.capped).toBe(false);
  });

  it('keeps dense zero targets for zero-capital findings (Q000-6)', () => {
    const f = findingsOf([[0, 0, 0.9, 1.5], [1, 1, 1, 1]]);
    const r = allocateTargets(f, Float64Array.of(0, 0.2), 2, P, 'default');
    expect(r.symbolWeight[0]).toBe(0);
    expect(r.agentShare[0]).toBe(0);
    // b alone: symbol cap 0.2 binds before its agent cap 0.25
    expect(Math.abs((r.symbolWeight[1] ?? 0) - 0.2)).toBeLessThanOrEqual(TOL);
  });

  it('rejects negative weights and a missing confidence in default mode (Q000-3, Q000-5)', () => {
    const f = findingsOf([[0, 0, 1, 1], [1, 1, Number.NaN, 1]]);
    const v = targetInputViolations(f, Float64Array.of(0.2, -0.1), 2, P);
    expect(v.map((d) => d.field)).toEqual(['agent_weight[1]', 'confidence']);
    expect(v[1]?.row).toBe(1);
    expect(() => allocateTargets(f, Float64Array.of(0.2, -0.1), 2, P, 'default')).toThrow(/agent_weight\[1\]/);
  });

  it('agrees with capitalAllocateSeed on every parity case in seed mode', () => {
    let compared = 0;
    for (const c of readParityCases('capital_allocate').cases) {
      const a = c.args;
      const schedule = a['schedule'] as Record<string, Record<string, unknown>>;
      const agents = Object.keys(schedule).sort();
      const agentWeight = Float64Array.from(agents, (n) => {
        const cfg = schedule[n] ?? {};
        return isPyTruthy(cfg['enabled']) ? Number(cfg['weight'] ?? 0) : 0;
      });
      const rows: [number, number, number, number][] = [];
      const symbols: string[] = [];
      for (const f of a['findings'] as Record<string, unknown>[]) {
        const agent = f['agent'];
        const symbol = f['symbol'];
        if (typeof agent !== 'string' || typeof symbol !== 'string' || agent === '' || symbol === '') continue;
        if (!agents.includes(agent)) continue;
        if (!symbols.includes(symbol)) symbols.push(symbol);
        const sev = 'severity' in f ? (f['severity'] as string | null) : undefined;
        rows.push([agents.indexOf(agent), symbols.indexOf(symbol), pyFloat(f['confidence'] ?? 0.5), severityMultiplier(sev, 'seed') ?? 1]);
      }
      const params = { maxAgentWeight: Number(a['max_agent_weight']), maxSymbolWeight: Number(a['max_symbol_weight']), cashBuffer: Number(a['cash_buffer']) };
      const r = allocateTargets(findingsOf(rows), agentWeight, symbols.length, params, 'seed');
      const e = c.expected as { cash: number; portfolio_value: number; targets: Record<string, number> };
      const pv = e.portfolio_value;
      expect(Math.abs(r.cash * pv - e.cash)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(e.cash)));
      symbols.forEach((s, i) => {
        const want = e.targets[s] ?? 0;
        expect(Math.abs((r.symbolWeight[i] ?? 0) * pv - want)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(want)));
      });
      expect(Math.abs(sum(r.agentShare) - sum(r.symbolWeight))).toBeLessThanOrEqual(1e-12);
      compared += 1;
    }
    expect(compared).toBe(50);
  });
});

describe('severityMultiplier', () => {
  it('reads a missing severity as low but null and HIGH as 1.0 in seed mode (Q000-4)', () => {
    expect([undefined, null, 'HIGH', 'high', 'crit'].map((s) => severityMultiplier(s, 'seed'))).toEqual([0.5, 1, 1, 1.5, 1]);
  });

  it('matches case-insensitively, reads null as low and rejects unknown names in default mode', () => {
    expect([undefined, null, 'HIGH', ' Critical ', 'crit'].map((s) => severityMultiplier(s, 'default'))).toEqual([0.5, 0.5, 1.5, 2, null]);
  });

  it('agrees with the parity case Q000-4 through capitalAllocateSeed', () => {
    const q = readParityCases('capital_allocate').quirks.find((c) => c.id === 'quirk/Q000-4');
    expect(q).toBeDefined();
    const out = capitalAllocateSeed(q?.args ?? {}) as { targets: Record<string, number> };
    // MISSING 0.5 : NULL 1 : UPPER 1 : LOWERCASE 1.5, invested 0.9 -> 0.1125 / 0.225 / 0.225 / 0.3375
    expect(out.targets['MISSING']).toBeCloseTo(0.1125, 12);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateTargetsSeedInto, newSeedTargetsScratch, type TargetFindings } from '../../../../engine/modules/targets/allocate-targets.js';

const bits = (x: Float64Array): string[] => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('allocateTargetsSeedInto', () => {
  it('gives, call after call on one reused scratch, what a fresh scratch gives', () => {
    const arbCall = (nA: number, nS: number) =>
      fc.record({
        agentWeight: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: nA, maxLength: nA }),
        rows: fc.array(fc.tuple(fc.nat({ max: nA - 1 }), fc.nat({ max: nS - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.5, 1, 1.5, 2)), { maxLength: 80 }),
        maxAgentWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
        maxSymbolWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
        cashBuffer: fc.double({ min: 0, max: 0.5, noNaN: true }),
      });
    const arb = fc
      .record({ nA: fc.integer({ min: 1, max: 6 }), nS: fc.integer({ min: 1, max: 8 }) })
      .chain(({ nA, nS }) => fc.record({ nA: fc.constant(nA), nS: fc.constant(nS), calls: fc.array(arbCall(nA, nS), { minLength: 1, maxLength: 6 }) }));
    fc.assert(
      fc.property(arb, ({ nA, nS, calls }) => {
        const reused = newSeedTargetsScratch(nA, nS);
        for (const c of calls) {
          const f: TargetFindings = { n: c.rows.length, agentId: Int32Array.from(c.rows, (r) => r[0]), symbolId: Int32Array.from(c.rows, (r) => r[1]), confidence: Float64Array.from(c.rows, (r) => r[2]), severityMult: Float64Array.from(c.rows, (r) => r[3]) };
          const params = { maxAgentWeight: c.maxAgentWeight, maxSymbolWeight: c.maxSymbolWeight, cashBuffer: c.cashBuffer };
          const w = Float64Array.from(c.agentWeight);
          const fresh = newSeedTargetsScratch(nA, nS);
          allocateTargetsSeedInto(f, w, nS, params, fresh);
          allocateTargetsSeedInto(f, w, nS, params, reused);
          expect(bits(reused.symbolWeight)).toEqual(bits(fresh.symbolWeight));
          expect(bits(reused.agentShare)).toEqual(bits(fresh.agentShare));
          expect(bits(reused.rawAgent)).toEqual(bits(fresh.rawAgent));
          expect([reused.cash, reused.capped]).toEqual([fresh.cash, fresh.capped]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

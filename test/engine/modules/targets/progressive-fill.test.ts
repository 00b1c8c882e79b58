import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newProgressiveFillScratch, progressiveFill, progressiveFillInto } from '../../../../engine/modules/targets/progressive-fill.js';
import type { TargetFindings } from '../../../../engine/modules/targets/allocate-targets.js';
import { progressiveFillReference } from '../../../reference/progressive-fill-6ce20a9.js';

const arbCall = (nA: number, nS: number) =>
  fc.record({
    agentWeight: fc.array(fc.oneof(fc.constant(0), fc.constant(1e-250), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: nA, maxLength: nA }),
    rows: fc.array(fc.tuple(fc.nat({ max: nA - 1 }), fc.nat({ max: nS - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.5, 1, 1.5, 2)), { maxLength: 60 }),
    maxAgentWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    maxSymbolWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    cashBuffer: fc.double({ min: 0, max: 0.5, noNaN: true }),
  });

function findingsOf(rows: ReadonlyArray<readonly [number, number, number, number]>): TargetFindings {
  return {
    n: rows.length,
    agentId: Int32Array.from(rows, (r) => r[0]),
    symbolId: Int32Array.from(rows, (r) => r[1]),
    confidence: Float64Array.from(rows, (r) => r[2]),
    severityMult: Float64Array.from(rows, (r) => r[3]),
  };
}

const bits = (x: Float64Array): string[] => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('progressiveFillInto', () => {
  it('gives the 6ce20a9 filling bit for bit, call after call on one reused scratch (zero-weight agents left out exactly)', () => {
    const arb = fc
      .record({ nA: fc.integer({ min: 1, max: 7 }), nS: fc.integer({ min: 1, max: 9 }) })
      .chain(({ nA, nS }) => fc.record({ nA: fc.constant(nA), nS: fc.constant(nS), calls: fc.array(arbCall(nA, nS), { minLength: 1, maxLength: 6 }) }));
    fc.assert(
      fc.property(arb, ({ nA, nS, calls }) => {
        const scratch = newProgressiveFillScratch(nA, nS);
        for (const c of calls) {
          const f = findingsOf(c.rows);
          const w = Float64Array.from(c.agentWeight);
          const params = { maxAgentWeight: c.maxAgentWeight, maxSymbolWeight: c.maxSymbolWeight, cashBuffer: c.cashBuffer };
          const want = progressiveFillReference(f, w, nS, params);
          const got = progressiveFillInto(f, w, nS, params, scratch);
          expect(bits(got.symbolWeight)).toEqual(bits(want.symbolWeight));
          expect(bits(got.agentShare)).toEqual(bits(want.agentShare));
          expect(got.capped).toBe(want.capped);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the 6ce20a9 filling bit for bit on signed, zero, NaN and infinite capital (terms of 0 left out, NaN kept)', () => {
    const arb = fc
      .record({ nA: fc.integer({ min: 1, max: 5 }), nS: fc.integer({ min: 1, max: 5 }) })
      .chain(({ nA, nS }) =>
        fc.record({
          nS: fc.constant(nS),
          agentWeight: fc.array(fc.oneof(fc.constantFrom(0, -0, 1e-250, -1, Number.NaN, Number.POSITIVE_INFINITY), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: nA, maxLength: nA }),
          rows: fc.array(fc.tuple(fc.nat({ max: nA - 1 }), fc.nat({ max: nS - 1 }), fc.oneof(fc.constantFrom(0, -0, 1, -1), fc.double({ min: -1, max: 1, noNaN: true })), fc.constantFrom(0.5, 1, 2)), { maxLength: 30 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ nS, agentWeight, rows }) => {
        const f = findingsOf(rows);
        const w = Float64Array.from(agentWeight);
        const params = { maxAgentWeight: 0.3, maxSymbolWeight: 0.4, cashBuffer: 0.1 };
        const want = progressiveFillReference(f, w, nS, params);
        const got = progressiveFill(f, w, nS, params);
        expect(bits(got.symbolWeight)).toEqual(bits(want.symbolWeight));
        expect(bits(got.agentShare)).toEqual(bits(want.agentShare));
        expect(got.capped).toBe(want.capped);
      }),
      { numRuns: 500 },
    );
  });

  it('orders the pairs by (symbol, agent) and sums each in finding order, whatever order the findings come in', () => {
    // 3 agents x 2 symbols, all 6 pairs touched, findings out of key order.
    const f = findingsOf([
      [2, 1, 0.5, 1],
      [0, 1, 0.9, 2],
      [1, 0, 0.3, 1],
      [0, 0, 0.7, 1.5],
      [2, 0, 0.2, 0.5],
      [1, 1, 0.6, 1],
    ]);
    const w = Float64Array.of(0.2, 0.3, 0.5);
    const params = { maxAgentWeight: 0.3, maxSymbolWeight: 0.5, cashBuffer: 0.1 };
    const want = progressiveFillReference(f, w, 2, params);
    const got = progressiveFill(f, w, 2, params);
    expect(bits(got.symbolWeight)).toEqual(bits(want.symbolWeight));
    expect(bits(got.agentShare)).toEqual(bits(want.agentShare));
  });
});

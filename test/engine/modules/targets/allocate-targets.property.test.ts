import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateTargets, type TargetFindings } from '../../../../engine/modules/targets/capital-allocate.js';
import { RAW_NEGLIGIBLE } from '../../../../engine/modules/targets/progressive-fill.js';

const EPS = 1e-12;

const arbCase = fc
  .record({
    nAgents: fc.integer({ min: 1, max: 6 }),
    nSymbols: fc.integer({ min: 1, max: 8 }),
    maxAgentWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    maxSymbolWeight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    cashBuffer: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      agentWeight: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: p.nAgents, maxLength: p.nAgents }),
      rows: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: p.nAgents - 1 }),
          fc.integer({ min: 0, max: p.nSymbols - 1 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.constantFrom(0.5, 1, 1.5, 2),
        ),
        { maxLength: 25 },
      ),
    }),
  );

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

describe('allocateTargets', () => {
  it('never exceeds a cap, not even by one rounding step (default mode)', () => {
    fc.assert(
      fc.property(arbCase, ({ p, agentWeight, rows }) => {
        const params = { maxAgentWeight: p.maxAgentWeight, maxSymbolWeight: p.maxSymbolWeight, cashBuffer: p.cashBuffer };
        const r = allocateTargets(findingsOf(rows), Float64Array.from(agentWeight), p.nSymbols, params, 'default');
        for (const x of r.symbolWeight) expect(x).toBeLessThanOrEqual(p.maxSymbolWeight);
        for (const x of r.agentShare) expect(x).toBeLessThanOrEqual(p.maxAgentWeight);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('gives finite, non-negative, capped weights that sum with cash to 1 (default mode)', () => {
    fc.assert(
      fc.property(arbCase, ({ p, agentWeight, rows }) => {
        const params = { maxAgentWeight: p.maxAgentWeight, maxSymbolWeight: p.maxSymbolWeight, cashBuffer: p.cashBuffer };
        const r = allocateTargets(findingsOf(rows), Float64Array.from(agentWeight), p.nSymbols, params, 'default');
        for (const x of r.symbolWeight) expect(Number.isFinite(x) && x >= 0 && x <= p.maxSymbolWeight + EPS).toBe(true);
        for (const x of r.agentShare) expect(Number.isFinite(x) && x >= 0 && x <= p.maxAgentWeight + EPS).toBe(true);
        expect(Math.abs(sum(r.symbolWeight) + r.cash - 1)).toBeLessThanOrEqual(EPS);
        expect(sum(r.symbolWeight)).toBeLessThanOrEqual(1 - p.cashBuffer + EPS);
        expect(Math.abs(sum(r.agentShare) - sum(r.symbolWeight))).toBeLessThanOrEqual(EPS);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('holds extra cash only when every live agent-symbol pair sits under a binding cap', () => {
    fc.assert(
      fc.property(arbCase, ({ p, agentWeight, rows }) => {
        const params = { maxAgentWeight: p.maxAgentWeight, maxSymbolWeight: p.maxSymbolWeight, cashBuffer: p.cashBuffer };
        const r = allocateTargets(findingsOf(rows), Float64Array.from(agentWeight), p.nSymbols, params, 'default');
        if (r.cash <= p.cashBuffer + 1e-9) return;
        const raw = rows.map(([a, , c, m]) => (agentWeight[a] ?? 0) * c * m);
        const top = Math.max(0, ...raw);
        for (const [k, [a, s]] of rows.entries()) {
          if (!((raw[k] ?? 0) / top > RAW_NEGLIGIBLE)) continue; // dropped as zero by design
          const symFull = (r.symbolWeight[s] ?? 0) >= p.maxSymbolWeight - 1e-9;
          const agFull = (r.agentShare[a] ?? 0) >= p.maxAgentWeight - 1e-9;
          expect(symFull || agFull).toBe(true);
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('does not depend on agent ids or finding order', () => {
    fc.assert(
      fc.property(arbCase, ({ p, agentWeight, rows }) => {
        const params = { maxAgentWeight: p.maxAgentWeight, maxSymbolWeight: p.maxSymbolWeight, cashBuffer: p.cashBuffer };
        const base = allocateTargets(findingsOf(rows), Float64Array.from(agentWeight), p.nSymbols, params, 'default');
        // relabel agents a -> n-1-a and reverse the finding order
        const n = p.nAgents;
        const relabeled = rows.map(([a, s, c, m]) => [n - 1 - a, s, c, m] as const).reverse();
        const w2 = Float64Array.from(agentWeight).reverse();
        const r = allocateTargets(findingsOf(relabeled), w2, p.nSymbols, params, 'default');
        r.symbolWeight.forEach((x, s) => expect(Math.abs(x - (base.symbolWeight[s] ?? 0))).toBeLessThanOrEqual(1e-12));
        r.agentShare.forEach((x, a) => expect(Math.abs(x - (base.agentShare[n - 1 - a] ?? 0))).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('leaves its input arrays untouched', () => {
    fc.assert(
      fc.property(arbCase, ({ p, agentWeight, rows }) => {
        const f = findingsOf(rows);
        const w = Float64Array.from(agentWeight);
        const copies = [f.agentId, f.symbolId, f.confidence, f.severityMult, w].map((x) => Array.from(x));
        const params = Object.freeze({ maxAgentWeight: p.maxAgentWeight, maxSymbolWeight: p.maxSymbolWeight, cashBuffer: p.cashBuffer });
        allocateTargets(Object.freeze(f), w, p.nSymbols, params, 'default');
        allocateTargets(f, w, p.nSymbols, params, 'seed');
        expect([f.agentId, f.symbolId, f.confidence, f.severityMult, w].map((x) => Array.from(x))).toEqual(copies);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageWeights, confidenceMultipliers, SEED_DECAY_PARAMS, updateConfidenceSeedArrays } from '../../../../engine/modules/decay/update-confidence.js';
import { cacheDecayRows, confidenceMultiplierInRing, lossFactors, newSeedDecayScratch, updateConfidenceSeedInPlace } from '../../../../engine/modules/decay/update-confidence-in-place.js';

/** Outcome values with ties at the stability thresholds (30, 60 bps), zero and losses. */
const arbAbs = fc.oneof(fc.constantFrom(0, 30, 60, 500), fc.double({ min: 0, max: 800, noNaN: true }));
const arbReal = fc.oneof(fc.constantFrom(0, -1, 1), fc.double({ min: -400, max: 400, noNaN: true }));

describe('confidenceMultiplierInRing', () => {
  it('equals confidenceMultipliers over the same rows copied out of the ring, bit for bit, from the rows cacheDecayRows cached', () => {
    const arb = fc.record({
      ringCap: fc.constantFrom(4, 16, 256, 512),
      limitRows: fc.integer({ min: 1, max: 400 }),
      halfLife: fc.constantFrom(1, 20, 80),
      lossAmplifier: fc.oneof(fc.constantFrom(1, 1.3), fc.double({ min: 1, max: 5, noNaN: true })),
      agents: fc.array(fc.record({ count: fc.nat({ max: 1200 }), seed: fc.nat() }), { minLength: 1, maxLength: 5 }),
      rows: fc.array(fc.tuple(arbReal, arbAbs), { minLength: 1, maxLength: 64 }),
    });
    fc.assert(
      fc.property(arb, ({ ringCap, limitRows, halfLife, lossAmplifier, agents, rows }) => {
        const nA = agents.length;
        const lookback = ringCap; // the stats keep `lookback` records in a ring of >= lookback
        const params = { ...SEED_DECAY_PARAMS, halfLifeSignals: halfLife, lossAmplifier, limitRows };
        const ring = new Float64Array(nA * ringCap * 2);
        const offsets = new Int32Array(nA + 1);
        const abs: number[] = [];
        const real: number[] = [];
        agents.forEach((ag, a) => {
          // record c of agent a: rows[(c + seed) % rows.length], written where the stats write it
          for (let c = 0; c < ag.count; c++) {
            const [re, ae] = rows[(c + ag.seed) % rows.length] as [number, number];
            // the ring keeps the pnl error, whose magnitude is the abs error (ae >= 0 here)
            const base = (a * ringCap + (c & (ringCap - 1))) * 2;
            ring[base] = re;
            ring[base + 1] = ae;
          }
          const keep = Math.min(lookback, ag.count);
          for (let c = ag.count - keep; c < ag.count; c++) {
            const [re, ae] = rows[(c + ag.seed) % rows.length] as [number, number];
            real.push(re);
            abs.push(ae);
          }
          offsets[a + 1] = (offsets[a] as number) + keep;
        });
        const want = confidenceMultipliers({ nAgents: nA, offsets, absErrorBps: Float64Array.from(abs), realizedPnlBps: Float64Array.from(real) }, params);
        const w = ageWeights(params);
        const base = new Float64Array(nA * ringCap);
        const flags = new Uint8Array(nA * ringCap);
        agents.forEach((ag, a) => {
          const n = Math.min(lookback, limitRows, ag.count);
          cacheDecayRows(ring, ringCap - 1, a * ringCap, Math.max(0, ag.count - ringCap), ag.count, params, base, flags);
          const got = confidenceMultiplierInRing(base, flags, ringCap - 1, a * ringCap, ag.count, n, params, w, lossFactors(params));
          expect(Object.is(got, want[a]), `agent ${a}: ${got} vs ${want[a]}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('lossFactors', () => {
  it('gives LOSS_AMPLIFIER to every flag combination with a loss and exactly 1 to the others', () => {
    const f = lossFactors({ ...SEED_DECAY_PARAMS, lossAmplifier: 1.7 });
    // cacheDecayRows' flags: LOSS 1, GOOD 2, BAD 4 (BAD implies LOSS; the table covers every byte they can form).
    expect(Array.from(f)).toEqual([1, 1.7, 1, 1.7, 1, 1.7, 1, 1.7]);
  });
});

describe('updateConfidenceSeedInPlace', () => {
  it('equals updateConfidenceSeedArrays on the ring read out in order, and compounds on the previous multipliers', () => {
    const arb = fc.record({
      cap: fc.integer({ min: 1, max: 700 }),
      head: fc.nat({ max: 2000 }),
      nA: fc.integer({ min: 1, max: 6 }),
      prev: fc.array(fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0.5, max: 1.1, noNaN: true })), { minLength: 6, maxLength: 6 }),
      rows: fc.array(fc.tuple(fc.nat({ max: 5 }), fc.constantFrom(24, 24, 24, 48), fc.oneof(arbAbs, fc.constant(Number.NaN)), fc.oneof(arbReal, fc.constant(Number.NaN))), { minLength: 1, maxLength: 50 }),
    });
    fc.assert(
      fc.property(arb, ({ cap, head, nA, prev, rows }) => {
        const params = { ...SEED_DECAY_PARAMS, limitRows: cap };
        const ring = { agentId: new Int32Array(cap), horizonHours: new Float64Array(cap), absErrorBps: new Float64Array(cap), realizedPnlBps: new Float64Array(cap) };
        const n = Math.min(head, cap);
        const inOrder = { n, agentId: new Int32Array(n), horizonHours: new Float64Array(n), absErrorBps: new Float64Array(n), realizedPnlBps: new Float64Array(n) };
        for (let j = head - n; j < head; j++) {
          const [a, h, ae, re] = rows[j % rows.length] as [number, number, number, number];
          const k = j % cap;
          ring.agentId[k] = a % nA;
          ring.horizonHours[k] = h;
          ring.absErrorBps[k] = ae;
          ring.realizedPnlBps[k] = re;
          const i = j - (head - n);
          inOrder.agentId[i] = a % nA;
          inOrder.horizonHours[i] = h;
          inOrder.absErrorBps[i] = ae;
          inOrder.realizedPnlBps[i] = re;
        }
        const m0 = Float64Array.from(prev.slice(0, nA));
        const want = updateConfidenceSeedArrays(inOrder, m0, params);
        const got = Float64Array.from(m0);
        updateConfidenceSeedInPlace({ ...ring, n }, head - n, cap, got, params, ageWeights(params), newSeedDecayScratch(nA));
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { numRuns: 300 },
    );
  });
});

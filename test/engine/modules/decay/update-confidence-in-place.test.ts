import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageWeights, confidenceMultipliers, SEED_DECAY_PARAMS, updateConfidenceSeedArrays, type DecayParams } from '../../../../engine/modules/decay/update-confidence.js';
import { cacheDecayRows, confidenceMultiplierInRing, floorStopHolds, lastInfiniteError, lossFactors, newSeedDecayScratch, unitByErrorHolds, updateConfidenceSeedInPlace } from '../../../../engine/modules/decay/update-confidence-in-place.js';

/** Outcome values with ties at the stability thresholds (30, 60 bps), zero and losses. */
const arbAbs = fc.oneof(fc.constantFrom(0, 30, 60, 500), fc.double({ min: 0, max: 800, noNaN: true }));
const arbReal = fc.oneof(fc.constantFrom(0, -1, 1), fc.double({ min: -400, max: 400, noNaN: true }));

/** One agent's ring of 256 records (pnl, error) for records 0 .. count - 1, cached for decay (no record out of [0, 1]). */
function cachedRing(count: number, record: (c: number) => readonly [number, number], params: DecayParams): { base: Float64Array; flags: Uint8Array; lf: Float64Array; w: Float64Array } {
  const ring = new Float64Array(512);
  for (let c = 0; c < count; c++) [ring[c * 2], ring[c * 2 + 1]] = record(c);
  const base = new Float64Array(256);
  const flags = new Uint8Array(256);
  const lf = lossFactors(params);
  expect(cacheDecayRows(ring, 255, 0, 0, count, params, lf, base, flags)).toBe(-1);
  return { base, flags, lf, w: ageWeights(params) };
}

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
          cacheDecayRows(ring, ringCap - 1, a * ringCap, Math.max(0, ag.count - ringCap), ag.count, params, lossFactors(params), base, flags);
          const got = confidenceMultiplierInRing(base, flags, ringCap - 1, a * ringCap, ag.count, n, params, w, lossFactors(params));
          expect(Object.is(got, want[a]), `agent ${a}: ${got} vs ${want[a]}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('confidenceMultiplierInRing stopping at the floor', () => {
  it('returns the full product\'s value bit for bit, also with factors outside [0, 1], infinite or NaN errors, any floor and boost, and when the newest rows are tried first', () => {
    const arb = fc.record({
      floor: fc.constantFrom(0.5, 0, -0.25, 0.9, 1.2, Number.NaN),
      stabilityBoost: fc.constantFrom(0.02, 0, 0.5, 1, -0.5, -2),
      penaltyCap: fc.constantFrom(0.08, 0.5, 1, 1.5, 1e6),
      lossAmplifier: fc.constantFrom(1.3, 1, 3, 1e6, -1),
      halfLife: fc.constantFrom(1, 20, 80),
      chunks: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
      // Mostly ordinary rows, small errors (stable, boosted agents) among them, and now and then one whose factor leaves [0, 1].
      rows: fc.array(
        fc.tuple(arbReal, fc.oneof({ arbitrary: arbAbs, weight: 80 }, { arbitrary: fc.double({ min: 0, max: 30, noNaN: true }), weight: 40 }, { arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN), weight: 1 })),
        { minLength: 1, maxLength: 300 },
      ),
      seed: fc.nat(),
      newest: fc.oneof(fc.constant(24), fc.integer({ min: 1, max: 260 })),
    });
    fc.assert(
      fc.property(arb, ({ floor, stabilityBoost, penaltyCap, lossAmplifier, halfLife, chunks, rows, seed, newest }) => {
        const ringCap = 256;
        const params = { ...SEED_DECAY_PARAMS, floor, stabilityBoost, penaltyCap, lossAmplifier, halfLifeSignals: halfLife };
        const ring = new Float64Array(ringCap * 2);
        const base = new Float64Array(ringCap);
        const flags = new Uint8Array(ringCap);
        const w = ageWeights(params);
        const lf = lossFactors(params);
        const mayStop = floorStopHolds(params, w);
        let count = 0;
        let inUnitFrom = 0;
        // As the decay stage runs it: records arrive in chunks, each chunk cached once, then the multiplier.
        for (const k of chunks) {
          for (let c = count; c < count + k; c++) {
            const [re, ae] = rows[(c + seed) % rows.length] as [number, number];
            ring[(c & (ringCap - 1)) * 2] = re;
            ring[(c & (ringCap - 1)) * 2 + 1] = ae;
          }
          const from = Math.max(count, count + k - ringCap);
          count += k;
          const out = cacheDecayRows(ring, ringCap - 1, 0, from, count, params, lf, base, flags);
          if (out >= 0) inUnitFrom = out + 1;
          const n = Math.min(250, count);
          const full = confidenceMultiplierInRing(base, flags, ringCap - 1, 0, count, n, params, w, lf);
          const got = confidenceMultiplierInRing(base, flags, ringCap - 1, 0, count, n, params, w, lf, mayStop ? inUnitFrom : Number.POSITIVE_INFINITY);
          expect(Object.is(got, full), `count ${count}: ${got} vs ${full}`).toBe(true);
          const proved = confidenceMultiplierInRing(base, flags, ringCap - 1, 0, count, n, params, w, lf, mayStop ? inUnitFrom : Number.POSITIVE_INFINITY, newest);
          expect(Object.is(proved, full), `count ${count}, newest ${newest}: ${proved} vs ${full}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stops early on an agent whose errors are large (the product falls under the floor within the first rows)', () => {
    const params = SEED_DECAY_PARAMS;
    const { base, flags, lf, w } = cachedRing(256, (c) => [c % 2 === 0 ? 40 : -40, 400], params);
    // A NaN base after the stop point would void the product: it must not be skipped when present.
    expect(confidenceMultiplierInRing(base, flags, 255, 0, 256, 250, params, w, lf, 0)).toBe(params.floor);
    base[255] = Number.NaN;
    expect(confidenceMultiplierInRing(base, flags, 255, 0, 256, 250, params, w, lf, 256)).toBe(params.ceil);
  });

  it('proves the floor from the newest rows alone, the oldest being exact, and returns what the full product does', () => {
    // 226 exact rows (factor 1), then 24 large losses: the oldest-first product reaches the
    // floor only in its last rows, the newest 24 alone prove it.
    const params = SEED_DECAY_PARAMS;
    const { base, flags, lf, w } = cachedRing(250, (c) => (c < 226 ? [1, 0] : [-40, 400]), params);
    const full = confidenceMultiplierInRing(base, flags, 255, 0, 250, 250, params, w, lf);
    expect(full).toBe(params.floor);
    expect(confidenceMultiplierInRing(base, flags, 255, 0, 250, 250, params, w, lf, 0, 24)).toBe(full);
    // Newest rows that do not prove it (too few) fall back to the full product.
    expect(confidenceMultiplierInRing(base, flags, 255, 0, 250, 250, params, w, lf, 0, 3)).toBe(full);
  });

  it('does not stop when the boost can still lift the product over the floor', () => {
    // Weights ~1: nine large errors take the product to ~0.47 < floor 0.5, then 241 exact rows
    // (no error: factor 1, "good") earn the x1.5 boost, so the result is ~0.70, not the floor.
    const params = { ...SEED_DECAY_PARAMS, halfLifeSignals: 1e9, stabilityBoost: 0.5 };
    const { base, flags, lf, w } = cachedRing(250, (c) => [1, c < 9 ? 1e6 : 0], params);
    const full = confidenceMultiplierInRing(base, flags, 255, 0, 250, 250, params, w, lf);
    expect(full).toBeGreaterThan(0.6);
    expect(confidenceMultiplierInRing(base, flags, 255, 0, 250, 250, params, w, lf, 0)).toBe(full);
  });
});

describe('lastInfiniteError', () => {
  it('finds the record cacheDecayRows finds out of [0, 1] whenever unitByErrorHolds, for any errors (NaN, infinite, huge, -0) and parameters', () => {
    const arbErr = fc.oneof(arbAbs, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, -1e308, Number.MAX_VALUE), fc.double({ noNaN: false }));
    const arb = fc.record({
      lossKBps: fc.constantFrom(50, 1e-300, 0, -1, Number.POSITIVE_INFINITY, 1e308),
      penaltyCap: fc.constantFrom(0.08, 0, 0.5, 1, 0.77, 1.5, -0.1, Number.NaN),
      lossAmplifier: fc.constantFrom(1.3, 1, 0, 1.2987012987012987, 2, -1),
      rows: fc.array(fc.tuple(arbReal, arbErr), { minLength: 1, maxLength: 80 }),
    });
    let held = 0;
    fc.assert(
      fc.property(arb, ({ lossKBps, penaltyCap, lossAmplifier, rows }) => {
        const params = { ...SEED_DECAY_PARAMS, lossKBps, penaltyCap, lossAmplifier };
        const lf = lossFactors(params);
        if (!unitByErrorHolds(params, lf)) return;
        held++;
        const ring = new Float64Array(256 * 2);
        rows.forEach(([re, e], c) => {
          ring[c * 2] = re;
          ring[c * 2 + 1] = e;
        });
        const cached = cacheDecayRows(ring, 255, 0, 0, rows.length, params, lf, new Float64Array(256), new Uint8Array(256));
        expect(lastInfiniteError(ring, 255, 0, 0, rows.length)).toBe(cached);
      }),
      { numRuns: 1500 },
    );
    expect(held).toBeGreaterThan(100);
  });

  it('does not hold when a cap times a loss factor can leave [0, 1], or the loss constant is not a positive finite number', () => {
    const lfOf = (p: typeof SEED_DECAY_PARAMS): Float64Array => lossFactors(p);
    expect(unitByErrorHolds(SEED_DECAY_PARAMS, lfOf(SEED_DECAY_PARAMS))).toBe(true);
    for (const change of [{ penaltyCap: 0.8 }, { lossAmplifier: -1 }, { lossKBps: 0 }, { lossKBps: Number.POSITIVE_INFINITY }, { penaltyCap: Number.NaN }, { penaltyCap: -0.01 }]) {
      const p = { ...SEED_DECAY_PARAMS, ...change };
      expect(unitByErrorHolds(p, lfOf(p)), JSON.stringify(change)).toBe(false);
    }
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

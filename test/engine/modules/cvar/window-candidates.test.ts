import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateCvarBps, newWindowCandidates } from '../../../../engine/modules/cvar/window-candidates.js';
import { strategyCvar } from '../../../../engine/modules/cvar/strategy-cvar.js';

/** A seeded stream whose level drifts (so the threshold has to move both ways), with ties and signed zeros. */
function stream(n: number, seed: number, drift: number, ties: boolean): Float64Array {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: n }, (_, i) => {
    const x = (rnd() - 0.5) * 400 + drift * Math.sin(i / 500) * 300;
    if (!ties) return x;
    const r = rnd();
    return r < 0.1 ? 0 : r < 0.2 ? -0 : Math.round(x / 50) * 50;
  });
}

/**
 * CVaR by a full sort in the typed-array order (-0 before +0) with sortedQuantileType7's
 * expressions: the reference with a zero's sign fixed (strategyCvar's selection returns
 * whichever zero it meets), summed in window order.
 */
function sortedCvar(window: Float64Array, p: number): number {
  const sorted = window.slice().sort();
  const n = sorted.length;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const xLo = sorted[lo - 1] as number;
  let q = xLo;
  if (index > lo) {
    const xHi = sorted[lo] as number;
    if (xHi !== xLo) q = (1 - (index - lo)) * xLo + (index - lo) * xHi;
  }
  let sum = 0;
  let m = 0;
  for (const x of window) {
    if (x < q) {
      sum += x;
      m += 1;
    }
  }
  return m === 0 ? q : sum / m;
}

describe('candidateCvarBps', () => {
  it('equals the reference bit for bit on long streams whose windows renew by large steps (threshold kept, tightened, widened, rebuilt)', () => {
    const arb = fc.record({
      seed: fc.nat(),
      drift: fc.constantFrom(0, 1, 5),
      ties: fc.boolean(),
      level: fc.constantFrom(0.5, 0.9, 0.95, 0.99),
      cap: fc.constantFrom(50, 700, 3000),
      steps: fc.array(fc.record({ arrive: fc.integer({ min: 0, max: 1500 }), evict: fc.integer({ min: 0, max: 1500 }), compact: fc.boolean() }), { minLength: 1, maxLength: 25 }),
    });
    fc.assert(
      fc.property(arb, ({ seed, drift, ties, level, cap, steps }) => {
        const all = stream(steps.reduce((t, s) => t + s.arrive, 0), seed, drift, ties);
        const c = newWindowCandidates();
        let end = 0;
        let front = 0;
        let shift = 0; // the buffer holds positions shift .. end - 1, as the CVaR stage's compacted buffer does
        for (const step of steps) {
          end += step.arrive;
          front = Math.min(end, front + step.evict);
          const n = Math.min(cap, end - front);
          if (n === 0) continue;
          if (step.compact) shift = end - n;
          const buf = all.slice(shift, end);
          const got = candidateCvarBps(c, buf, shift, end - n, end, 1 - level);
          const window = all.slice(end - n, end);
          const want = sortedCvar(window, 1 - level);
          expect(Object.is(got, want), `got ${got}, want ${want}`).toBe(true);
          // strategyCvar (the stage's reference) agrees up to a zero's sign
          expect(got).toBe(want === 0 ? got : (strategyCvar(window, Int32Array.of(0, n), level, 1).cvarBps[0] as number));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('takes a window that moved back afresh', () => {
    const v = stream(4000, 7, 1, false);
    const c = newWindowCandidates();
    const at = (lo: number, end: number): number => candidateCvarBps(c, v, 0, lo, end, 0.05);
    const want = (lo: number, end: number): number => strategyCvar(v.slice(lo, end), Int32Array.of(0, end - lo), 0.95, 1).cvarBps[0] as number;
    expect(at(1000, 4000)).toBe(want(1000, 4000));
    expect(at(2000, 4000)).toBe(want(2000, 4000));
    expect(at(0, 3000)).toBe(want(0, 3000));
    expect(at(500, 2500)).toBe(want(500, 2500));
  });
});

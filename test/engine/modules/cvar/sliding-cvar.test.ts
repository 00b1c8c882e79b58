import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slidingCvarBps } from '../../../../engine/modules/cvar/sliding-cvar.js';
import { newSortedWindow, newSortedWindowScratch, slideSortedWindow } from '../../../../engine/modules/cvar/sorted-window.js';
import { newWindowCandidates } from '../../../../engine/modules/cvar/window-candidates.js';
import { strategyCvar } from '../../../../engine/modules/cvar/strategy-cvar.js';

/** One step of a class's outcome stream: values arrive, the time window's front moves on, maybe the buffer compacts. */
const arbValue = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.double({ min: -500, max: 500, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)));
const arbStep = fc.oneof(
  // a few outcomes in and out: the window is kept sorted
  { arbitrary: fc.record({ arrive: fc.array(arbValue, { maxLength: 2 }), evict: fc.nat({ max: 2 }), compact: fc.boolean() }), weight: 4 },
  // a large turnover: selection
  { arbitrary: fc.record({ arrive: fc.array(arbValue, { maxLength: 60 }), evict: fc.nat({ max: 40 }), compact: fc.boolean() }), weight: 1 },
);

const arbCase = fc.record({
  level: fc.oneof(fc.constantFrom(0.5, 0.9, 0.95, 0.99), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
  minN: fc.integer({ min: 0, max: 5 }),
  cap: fc.integer({ min: 1, max: 120 }),
  steps: fc.array(arbStep, { minLength: 1, maxLength: 40 }),
  initial: fc.array(arbValue, { maxLength: 150 }),
});

describe('slidingCvarBps', () => {
  it('equals the sort/selection reference bit for bit over random windows (ties, tiny n, the max_outcomes cap, compaction)', () => {
    let kept = 0;
    let selected = 0;
    fc.assert(
      fc.property(arbCase, ({ level, minN, cap, steps, initial }) => {
        // The sequence as the CVaR stage keeps it: a buffer whose dead prefix is dropped now and then.
        let buf: number[] = [...initial];
        let shift = 0;
        let front = 0; // absolute
        const w = newSortedWindow();
        const c = newWindowCandidates();
        const sc = newSortedWindowScratch();
        for (const step of steps) {
          buf.push(...step.arrive);
          const end = shift + buf.length;
          front = Math.min(end, front + step.evict);
          const n = Math.min(cap, end - front);
          const values = Float64Array.from(buf);
          const got = slidingCvarBps(w, c, values, shift, end - n, end, level, minN, sc);
          const window = values.slice(end - n - shift, end - shift);
          const want = strategyCvar(window, Int32Array.of(0, n), level, minN).cvarBps[0] as number;
          expect(Object.is(got, want), `got ${got}, want ${want}, window ${Array.from(window)}`).toBe(true);
          // Kept sorted (a small move) or left for selection (a large one): both paths run.
          if (w.n > 0) {
            kept++;
            expect(Array.from(w.sorted.subarray(0, w.n))).toEqual(Array.from(window).sort((a, b) => a - b));
          } else if (n > 0 && n >= minN) selected++;
          if (step.compact) {
            const drop = end - n - shift; // everything before the window
            buf = buf.slice(drop);
            shift += drop;
          }
        }
      }),
      { numRuns: 1000 },
    );
    expect(kept).toBeGreaterThan(200);
    expect(selected).toBeGreaterThan(100);
  });

  it('returns VaR when no value lies below it, and NaN under min_n values', () => {
    const w = newSortedWindow();
    const c = newWindowCandidates();
    const sc = newSortedWindowScratch();
    const v = Float64Array.of(5, 5, 5, 5);
    // Type-7 VaR of four equal values is 5; nothing is strictly below it.
    expect(slidingCvarBps(w, c, v, 0, 0, 4, 0.95, 1, sc)).toBe(5);
    expect(Number.isNaN(slidingCvarBps(w, c, v, 0, 1, 4, 0.95, 4, sc))).toBe(true);
    // n = 1: VaR and CVaR are the value itself.
    expect(slidingCvarBps(w, c, v, 0, 3, 4, 0.95, 1, sc)).toBe(5);
  });
});

describe('slideSortedWindow', () => {
  it('removes the copy that left, telling -0 from +0', () => {
    const w = newSortedWindow();
    const sc = newSortedWindowScratch();
    const v = Float64Array.of(-0, 0, 1, -0, 0, -1);
    slideSortedWindow(w, v, 0, 0, 3, sc); // {-0, 0, 1}
    slideSortedWindow(w, v, 0, 1, 5, sc); // -0 left; -0 and 0 arrived: {0, 1, -0, 0}
    const got = Array.from(w.sorted.subarray(0, w.n));
    expect(got.map((x) => Object.is(x, -0))).toEqual([true, false, false, false]);
    expect(got).toEqual([-0, 0, 0, 1]);
    slideSortedWindow(w, v, 0, 3, 6, sc); // {-0, 0, -1}
    expect(Array.from(w.sorted.subarray(0, w.n)).map((x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual(['-1', '-0', '0']);
  });

  it('sorts large batches as the native sort does: sorted, reversed, all equal, organ pipe, few distinct, signed zeros', () => {
    const n = 5000;
    const patterns: Record<string, (i: number) => number> = {
      sorted: (i) => i,
      reversed: (i) => n - i,
      equal: () => 7,
      organ: (i) => Math.min(i, n - i),
      fewDistinct: (i) => (i * 7919) % 5,
      zeros: (i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : ((i * 31) % 17) - 8),
      sawtooth: (i) => (i % 64) * ((i * 13) % 3 === 0 ? -1 : 1),
    };
    for (const [name, f] of Object.entries(patterns)) {
      const v = Float64Array.from({ length: 2 * n }, (_, i) => f(i));
      const w = newSortedWindow();
      const sc = newSortedWindowScratch();
      slideSortedWindow(w, v, 0, 0, n, sc); // a whole batch
      slideSortedWindow(w, v, 0, n / 2, 2 * n, sc); // half left, as many arrived
      const want = v.slice(n / 2, 2 * n).sort();
      const got = w.sorted.subarray(0, w.n);
      expect(Array.from(got, (x) => (Object.is(x, -0) ? '-0' : String(x))), name).toEqual(Array.from(want, (x) => (Object.is(x, -0) ? '-0' : String(x))));
    }
  });
});

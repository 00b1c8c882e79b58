import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addOutcomes, advanceTime, newOutcomeStats } from '../../../../engine/modules/stats/outcome-window.js';
import { windowDrawdowns } from '../../../reference/window-drawdowns-rescan.js';
import { newWindowDrawdowns, updateWindowDrawdowns } from '../../../../engine/modules/stats/window-drawdown.js';
import { createRng } from '../../../../engine/core/rng.js';

const bits = (x: ArrayLike<number>): string[] => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

/** The straightforward reference: each agent's outcomes at times in (now - window, now], in log order, cum from 0. */
function referenceDrawdowns(log: readonly { t: number; a: number; pnl: number }[], nAgents: number, now: number, windowMs: number): number[] {
  return Array.from({ length: nAgents }, (_, a) => {
    let cum = 0;
    let peak = 0;
    let worst = 0;
    let n = 0;
    for (const x of log) {
      if (x.a !== a || x.t <= now - windowMs) continue;
      n++;
      cum += x.pnl;
      if (cum > peak) peak = cum;
      if (cum - peak < worst) worst = cum - peak;
    }
    return n === 0 ? Number.NaN : worst;
  });
}

interface Case {
  readonly seed: number;
  readonly nAgents: number;
  readonly windowMs: number;
  readonly blocks: number;
  /** Largest block (outcomes at one time). */
  readonly maxBlock: number;
  /** Chance that a block comes after a gap longer than the window (every window empties). */
  readonly gapChance: number;
  /** Evaluate every 1..evalEvery blocks (irregular, as skipped ticks). */
  readonly evalEvery: number;
  /** Block at which a second, fresh state starts following the log (its first call mid-run). */
  readonly lateStart: number;
}

/**
 * Feeds generated blocks (sorted by agent: runs of one agent, as findings come) into the outcome
 * statistics and, at irregular times, checks the drawdowns two followers report (one from the
 * start, one started late) against the reference and against the plain log rescan, bit for bit.
 */
function check(c: Case): void {
  const rng = createRng(c.seed, 'window-drawdown');
  const W = { lookback: 3, longWindowMs: c.windowMs, shortWindowMs: Math.max(1, Math.floor(c.windowMs / 4)), errorAbsBps: 50 };
  const s = newOutcomeStats(c.nAgents, W.lookback);
  const early = newWindowDrawdowns(c.nAgents);
  const late = newWindowDrawdowns(c.nAgents);
  const out = new Float64Array(c.nAgents);
  const outLate = new Float64Array(c.nAgents);
  // Each agent is silent in phases (its window empties while the others go on).
  const silentUntil = new Float64Array(c.nAgents);
  const log: { t: number; a: number; pnl: number }[] = [];
  let t = 0;
  let nextEval = 0;
  for (let b = 0; b < c.blocks; b++) {
    t += rng() < c.gapChance ? c.windowMs + 1 + Math.floor(rng() * c.windowMs) : 1 + Math.floor(rng() * 3);
    for (let a = 0; a < c.nAgents; a++) if (rng() < 0.03) silentUntil[a] = t + Math.floor(rng() * 2 * c.windowMs);
    const size = Math.floor(rng() * (c.maxBlock + 1));
    const block: { a: number; pnl: number }[] = [];
    for (let k = 0; k < size; k++) {
      const a = Math.floor(rng() * c.nAgents);
      if ((silentUntil[a] as number) > t) continue;
      // Mixed magnitudes and exact zeros: sums whose roundings depend on where they start.
      const r = rng();
      const pnl = r < 0.1 ? 0 : r < 0.2 ? (rng() - 0.5) * 1e7 : (rng() - 0.47) * 100;
      block.push({ a, pnl });
    }
    block.sort((x, y) => x.a - y.a);
    addOutcomes(s, W, t, { agent: Int32Array.from(block, (d) => d.a), pnlBps: Float64Array.from(block, (d) => d.pnl), pnlErrBps: new Float64Array(block.length) }, block.length);
    for (const d of block) log.push({ t, ...d });
    if (b < nextEval) continue;
    nextEval = b + 1 + Math.floor(rng() * c.evalEvery);
    // Evaluations land between blocks, at the block's time or later (a window can empty without new blocks).
    const now = t + Math.floor(rng() * 2);
    advanceTime(s, W, now);
    const want = bits(referenceDrawdowns(log, c.nAgents, now, c.windowMs));
    expect(bits(updateWindowDrawdowns(early, s, out)), `at block ${b}`).toEqual(want);
    expect(bits(windowDrawdowns(s))).toEqual(want);
    if (b >= c.lateStart) expect(bits(updateWindowDrawdowns(late, s, outLate)), `late at block ${b}`).toEqual(want);
  }
}

describe('updateWindowDrawdowns', () => {
  it('reports, evaluation after evaluation, the drawdowns a rescan of each agent window from 0 gives, bit for bit', () => {
    const arb = fc.record({
      seed: fc.integer({ min: 0, max: 1e6 }),
      nAgents: fc.integer({ min: 1, max: 7 }),
      windowMs: fc.integer({ min: 1, max: 60 }),
      blocks: fc.integer({ min: 1, max: 300 }),
      maxBlock: fc.integer({ min: 0, max: 40 }),
      gapChance: fc.constantFrom(0, 0.01, 0.1),
      evalEvery: fc.integer({ min: 1, max: 6 }),
      lateStart: fc.integer({ min: 0, max: 300 }),
    });
    fc.assert(fc.property(arb, check), { numRuns: 150, seed: 10 });
  });

  it('keeps the window outcomes while rings grow past their first capacity and wrap', () => {
    // Windows of hundreds of outcomes per agent, rising and falling: every ring doubles several times with live entries across its wrap.
    check({ seed: 3, nAgents: 3, windowMs: 200, blocks: 3000, maxBlock: 30, gapChance: 0.002, evalEvery: 3, lateStart: 1700 });
  });

  it('returns the last result again, not a rescan, when no outcome entered or left', () => {
    const W = { lookback: 3, longWindowMs: 10, shortWindowMs: 5, errorAbsBps: 50 };
    const s = newOutcomeStats(2, W.lookback);
    addOutcomes(s, W, 1, { agent: Int32Array.of(0, 0, 1), pnlBps: Float64Array.of(5, -7, -2), pnlErrBps: new Float64Array(3) }, 3);
    advanceTime(s, W, 1);
    const w = newWindowDrawdowns(2);
    expect(Array.from(updateWindowDrawdowns(w, s, new Float64Array(2)))).toEqual([-7, -2]);
    // A ring changed behind its back stays unread while the log's window stands still.
    (w.rings[0] as Float64Array).fill(1e9);
    advanceTime(s, W, 5);
    expect(Array.from(updateWindowDrawdowns(w, s, new Float64Array(2)))).toEqual([-7, -2]);
    advanceTime(s, W, 11);
    expect(Array.from(updateWindowDrawdowns(w, s, new Float64Array(2)))).toEqual([Number.NaN, Number.NaN]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addOutcomes, advanceTime, applyPendingOutcomes, countWindowRows, newOutcomeStats, sumOf, SUM, type OutcomeStats } from '../../../../engine/modules/stats/outcome-window.js';
import { newWindowDrawdowns, updateWindowDrawdowns } from '../../../../engine/modules/stats/window-drawdown.js';
import { createRng } from '../../../../engine/core/rng.js';
import { TwoSum } from '../../../helpers/two-sum.js';

/*
 * addOutcomes leaves each agent's records in a backlog, applied per agent when something reads
 * the statistics. The property: whatever the stream and wherever the reads fall, every double a
 * reader sees is the one of the eager order (each outcome applied as it arrives).
 */


/** The statistics of one agent, each outcome applied as it arrives (no backlog). */
interface EagerAgent {
  seen: [number, number][];
  cSum: TwoSum;
  cAbs: TwoSum;
  cPnlErr: TwoSum;
  cHits: number;
  cErrors: number;
  lSum: TwoSum;
  lSumSq: TwoSum;
  sSum: TwoSum;
  lCount: number;
  lHits: number;
  sCount: number;
  cum: number;
  peak: number;
  maxDd: number;
}

function eagerAgent(): EagerAgent {
  return { seen: [], cSum: new TwoSum(), cAbs: new TwoSum(), cPnlErr: new TwoSum(), cHits: 0, cErrors: 0, lSum: new TwoSum(), lSumSq: new TwoSum(), sSum: new TwoSum(), lCount: 0, lHits: 0, sCount: 0, cum: 0, peak: 0, maxDd: 0 };
}

/** Applies one outcome to the reference the way the statistics define it. */
function applyEager(r: EagerAgent, lookback: number, errorAbsBps: number, pnl: number, err: number): void {
  if (r.seen.length >= lookback) {
    const [op, oe] = r.seen[r.seen.length - lookback] as [number, number];
    r.cSum.add(-op);
    r.cHits -= Number(op > 0);
    r.cErrors -= Number(Math.abs(oe) > errorAbsBps);
    r.cAbs.add(-Math.abs(oe));
    r.cPnlErr.add(-oe);
  }
  r.seen.push([pnl, err]);
  r.cSum.add(pnl);
  r.cHits += Number(pnl > 0);
  r.cErrors += Number(Math.abs(err) > errorAbsBps);
  r.cAbs.add(Math.abs(err));
  r.cPnlErr.add(err);
  r.lCount += 1;
  r.lSum.add(pnl);
  r.lSumSq.add(pnl * pnl);
  r.lHits += Number(pnl > 0);
  r.sCount += 1;
  r.sSum.add(pnl);
  r.cum += pnl;
  if (r.cum > r.peak) r.peak = r.cum;
  if (r.cum - r.peak < r.maxDd) r.maxDd = r.cum - r.peak;
}

/** Expects every sum of agent a, read through sumOf, to be the reference's bits (the time windows' too unless `windows` is false: the reference never expires an outcome). */
function expectAgentSums(s: OutcomeStats, r: EagerAgent, a: number, windows = true): void {
  const pairs: [number, TwoSum][] = [[SUM.cSum, r.cSum], [SUM.cAbs, r.cAbs], [SUM.cPnlErr, r.cPnlErr]];
  if (windows) pairs.push([SUM.lSum, r.lSum], [SUM.lSumSq, r.lSumSq], [SUM.sSum, r.sSum]);
  for (const [field, sum] of pairs) expect(Object.is(sumOf(s, a, field), sum.hi + sum.lo), `agent ${a} field ${field}`).toBe(true);
  const plain: [number, number][] = [[SUM.cHits, r.cHits], [SUM.cErrors, r.cErrors], [SUM.cum, r.cum], [SUM.peak, r.peak], [SUM.maxDd, r.maxDd]];
  if (windows) plain.push([SUM.lCount, r.lCount], [SUM.lHits, r.lHits], [SUM.sCount, r.sCount]);
  for (const [field, v] of plain) expect(Object.is(sumOf(s, a, field), v), `agent ${a} field ${field}`).toBe(true);
}

const FIELDS = Object.values(SUM);

/** Expects agent a's sums read from the lazy statistics to be the eager ones' bits. */
function expectSameSums(lazy: OutcomeStats, eager: OutcomeStats, a: number): void {
  for (const field of FIELDS) expect(Object.is(sumOf(lazy, a, field), sumOf(eager, a, field)), `agent ${a} field ${field}`).toBe(true);
}

/** Expects two statistics to hold the same bits in every sum, ring record and count. */
function expectSameState(lazy: OutcomeStats, eager: OutcomeStats): void {
  applyPendingOutcomes(lazy);
  expect(Array.from(lazy.ringCount)).toEqual(Array.from(eager.ringCount));
  for (let i = 0; i < eager.sums.length; i++) expect(Object.is(lazy.sums[i], eager.sums[i]), `sums[${i}]`).toBe(true);
  for (let i = 0; i < eager.ring.length; i++) expect(Object.is(lazy.ring[i], eager.ring[i]), `ring[${i}]`).toBe(true);
}

// Outcome values: signs that flip hit and error flags, magnitudes far apart (the compensation
// terms carry the rounding), zeros of both signs.
const value = fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.constantFrom(0, -0, 1e-12, -1e-12, 1e15, -1e15, 600, -600));

/** A block: its outcomes (agent, pnl, error), then what is read after it. */
const blockArb = (nAgents: number) =>
  fc.record({
    // skewed to agent 0, so one agent can pass the backlog's and the ring's capacity between two reads
    outcomes: fc.array(fc.tuple(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: nAgents - 1 })), value, value), { maxLength: 200 }),
    sorted: fc.boolean(),
    read: fc.constantFrom('none', 'none', 'none', 'advance', 'sumOf', 'rows', 'drawdown'),
    readAgent: fc.integer({ min: 0, max: nAgents - 1 }),
  });

describe('the count window caught up per agent', () => {
  it('reads the bits of the eager order at every read, for any stream, lookback and read pattern', () => {
    const caseArb = fc.integer({ min: 1, max: 5 }).chain((nAgents) =>
      fc.record({ nAgents: fc.constant(nAgents), lookback: fc.constantFrom(1, 2, 3, 4, 7, 8, 16, 33, 250), blocks: fc.array(blockArb(nAgents), { minLength: 1, maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(caseArb, ({ nAgents, lookback, blocks }) => {
        // Time windows of a few blocks (a block per ms): outcomes leave them between reads.
        const W = { lookback, longWindowMs: 6, shortWindowMs: 2, errorAbsBps: 500 };
        const lazy = newOutcomeStats(nAgents, lookback);
        const eager = newOutcomeStats(nAgents, lookback);
        const ref = Array.from({ length: nAgents }, eagerAgent);
        const dd = newWindowDrawdowns(nAgents);
        const ddEager = newWindowDrawdowns(nAgents);
        blocks.forEach((b, t) => {
          const rows = b.sorted ? [...b.outcomes].sort((x, y) => x[0] - y[0]) : b.outcomes;
          const cols = { agent: Int32Array.from(rows, (r) => r[0]), pnlBps: Float64Array.from(rows, (r) => r[1]), pnlErrBps: Float64Array.from(rows, (r) => r[2]) };
          addOutcomes(lazy, W, t, cols, rows.length);
          addOutcomes(eager, W, t, cols, rows.length);
          applyPendingOutcomes(eager); // after every block: the eager order
          for (const [a, pnl, err] of rows) applyEager(ref[a] as EagerAgent, lookback, W.errorAbsBps, pnl, err);
          if (b.read === 'advance') {
            advanceTime(lazy, W, t);
            advanceTime(eager, W, t);
            for (let a = 0; a < nAgents; a++) {
              expectSameSums(lazy, eager, a);
              expectAgentSums(lazy, ref[a] as EagerAgent, a, false);
            }
          } else if (b.read === 'sumOf') {
            // one agent read alone: caught up alone, the others keep waiting
            expectSameSums(lazy, eager, b.readAgent);
            expectAgentSums(lazy, ref[b.readAgent] as EagerAgent, b.readAgent, false);
          } else if (b.read === 'rows') {
            const got = countWindowRows(lazy);
            const want = countWindowRows(eager);
            expect(Array.from(got.offsets)).toEqual(Array.from(want.offsets));
            expect(Array.from(got.pnlBps).every((x, i) => Object.is(x, want.pnlBps[i]))).toBe(true);
            expect(Array.from(got.absErrBps).every((x, i) => Object.is(x, want.absErrBps[i]))).toBe(true);
            const r = ref[b.readAgent] as EagerAgent;
            const from = got.offsets[b.readAgent] as number;
            expect(Array.from(got.pnlBps.subarray(from, got.offsets[b.readAgent + 1]))).toEqual(r.seen.slice(-lookback).map((x) => x[0]));
          } else if (b.read === 'drawdown') {
            advanceTime(lazy, W, t);
            advanceTime(eager, W, t);
            const got = updateWindowDrawdowns(dd, lazy, new Float64Array(nAgents));
            const want = updateWindowDrawdowns(ddEager, eager, new Float64Array(nAgents));
            for (let a = 0; a < nAgents; a++) expect(Object.is(got[a], want[a]), `window drawdown of agent ${a}`).toBe(true);
          }
        });
        expectSameState(lazy, eager);
        for (let a = 0; a < nAgents; a++) expectAgentSums(lazy, ref[a] as EagerAgent, a, false);
      }),
      { numRuns: 300, seed: 10013 },
    );
  });

  it('applies agents whose backlogs fill between two reads in arrival order (more outcomes than the ring holds)', () => {
    const lookback = 5; // a ring of 8 records
    const nAgents = 3;
    const W = { lookback, longWindowMs: 1e12, shortWindowMs: 1e12, errorAbsBps: 1 };
    const s = newOutcomeStats(nAgents, lookback);
    const ref = Array.from({ length: nAgents }, eagerAgent);
    const rng = createRng(13, 'catch-up');
    const seen: number[][] = Array.from({ length: nAgents }, () => []);
    // ~1000 outcomes per agent, runs of 1 to 5 of one agent interleaved, in blocks of ~60, no read
    // between: every agent passes the backlog's and the ring's capacity many times
    for (let t = 0; t < 50; t++) {
      const agent: number[] = [];
      const pnl: number[] = [];
      while (agent.length < 60) {
        const a = Math.floor(rng() * nAgents);
        for (let r = 1 + Math.floor(rng() * 5); r > 0; r--) {
          agent.push(a);
          pnl.push((rng() - 0.5) * (rng() < 0.1 ? 1e12 : 200));
        }
      }
      addOutcomes(s, W, t, { agent: Int32Array.from(agent), pnlBps: Float64Array.from(pnl), pnlErrBps: Float64Array.from(pnl, (x) => x / 2) }, agent.length);
      agent.forEach((a, i) => {
        applyEager(ref[a] as EagerAgent, lookback, W.errorAbsBps, pnl[i] as number, (pnl[i] as number) / 2);
        (seen[a] as number[]).push(pnl[i] as number);
      });
    }
    const rows = countWindowRows(s);
    for (let a = 0; a < nAgents; a++) {
      expect((seen[a] as number[]).length).toBeGreaterThan(600);
      expectAgentSums(s, ref[a] as EagerAgent, a);
      expect(Array.from(rows.pnlBps.subarray(rows.offsets[a], rows.offsets[a + 1]))).toEqual((seen[a] as number[]).slice(-lookback));
      expect(s.ringCount[a]).toBe((seen[a] as number[]).length);
    }
  });

  it('counts errors against the threshold each outcome came with', () => {
    const s = newOutcomeStats(1, 4);
    const cols = { agent: Int32Array.of(0, 0), pnlBps: Float64Array.of(1, 2), pnlErrBps: Float64Array.of(100, 100) };
    addOutcomes(s, { lookback: 4, longWindowMs: 1e12, shortWindowMs: 1e12, errorAbsBps: 50 }, 0, cols, 2);
    addOutcomes(s, { lookback: 4, longWindowMs: 1e12, shortWindowMs: 1e12, errorAbsBps: 500 }, 1, cols, 2);
    expect(sumOf(s, 0, SUM.cErrors)).toBe(2);
  });
});

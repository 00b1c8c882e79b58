import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../engine/core/rng.js';
import { MS } from '../../../engine/core/time.js';
import { newPendingFindings, nextDueMs, popDue, pushPending, release, type PendingFindings } from '../../../engine/run/pending-findings.js';
import { pushFindingRun } from '../../../engine/run/run.js';
import type { RunData } from '../../../engine/run/run-data.js';

type Findings = RunData['findings'];

/** What a finding block's push did besides the ring: the rows whose agent joined, and where it stopped. */
interface BlockResult {
  joinedAt: number[];
  /** The row of a finding without a price (the run throws there), or -1. */
  noPriceAt: number;
  end: number;
}

const DEFAULT_HOURS = 24;

/** The reference: runBacktest's loop before pushFindingRun, one pushPending per finding (a join inside the loop). */
function referenceBlock(p: PendingFindings, F: Findings, i: number, t: number, lastClose: Float64Array, joined: Uint8Array): BlockResult {
  const r: BlockResult = { joinedAt: [], noPriceAt: -1, end: i };
  let fi = i;
  for (; fi < F.n && F.tsMs[fi] === t; fi++) {
    const s = F.symbolId[fi] as number;
    const entry = lastClose[s] as number;
    if (Number.isNaN(entry)) {
      r.noPriceAt = fi;
      break;
    }
    const a = F.agentId[fi] as number;
    if (joined[a] === 0) {
      joined[a] = 1;
      r.joinedAt.push(fi);
    }
    const h = F.horizonHours[fi] as number;
    const hours = Number.isNaN(h) ? DEFAULT_HOURS : h;
    const dueMs = t + (Number.isNaN(h) ? DEFAULT_HOURS * MS.hour : h * MS.hour);
    pushPending(p, a, s, F.confidence[fi] as number, F.severityMult[fi] as number, F.direction[fi] as number, hours, entry, dueMs, F.expectedPnlBps === undefined ? Number.NaN : (F.expectedPnlBps[fi] as number));
  }
  r.end = fi;
  return r;
}

/** runBacktest's loop now: pushFindingRun, and between its calls the throw or the join. */
function runBlock(p: PendingFindings, F: Findings, i: number, t: number, lastClose: Float64Array, joined: Uint8Array): BlockResult {
  const r: BlockResult = { joinedAt: [], noPriceAt: -1, end: i };
  let fi = pushFindingRun(p, F, i, t, lastClose, joined, DEFAULT_HOURS, DEFAULT_HOURS * MS.hour);
  while (fi < F.n && F.tsMs[fi] === t) {
    if (Number.isNaN(lastClose[F.symbolId[fi] as number] as number)) {
      r.noPriceAt = fi;
      break;
    }
    joined[F.agentId[fi] as number] = 1;
    r.joinedAt.push(fi);
    fi = pushFindingRun(p, F, fi, t, lastClose, joined, DEFAULT_HOURS, DEFAULT_HOURS * MS.hour);
  }
  r.end = fi;
  return r;
}

/** Generated findings: blocks of random length at increasing hours; horizons the default (NaN), one value, or mixed (due times out of order). */
function generatedFindings(rng: Rng, n: number, nAgents: number, nSymbols: number, horizons: 'default' | 'one' | 'mixed', withExpected: boolean): Findings {
  const tsMs = new Float64Array(n);
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; ) {
    const len = 1 + Math.floor(rng() * 40);
    for (let k = 0; k < len && i < n; k++, i++) tsMs[i] = t;
    t += MS.hour;
  }
  const horizonHours = Float64Array.from({ length: n }, () => (horizons === 'default' ? Number.NaN : horizons === 'one' ? 24 : rng() < 0.2 ? Number.NaN : [1, 6, 24, 48][Math.floor(rng() * 4)] as number));
  return {
    n,
    tsMs,
    agentId: Int32Array.from({ length: n }, () => Math.floor(rng() * nAgents)),
    symbolId: Int32Array.from({ length: n }, () => Math.floor(rng() * nSymbols)),
    confidence: Float64Array.from({ length: n }, () => rng()),
    severityMult: Float64Array.from({ length: n }, () => 0.5 + rng()),
    direction: Int8Array.from({ length: n }, () => (rng() < 0.5 ? -1 : 1)),
    horizonHours,
    ...(withExpected ? { expectedPnlBps: Float64Array.from({ length: n }, () => (rng() < 0.3 ? Number.NaN : rng() * 100 - 50)) } : {}),
  };
}

/** Every field of the ring, for Object.is per value (the arrays whole: their capacity and unwritten slots too). */
function ringFields(p: PendingFindings): Record<string, unknown> {
  return {
    capacity: p.capacity,
    head: p.head,
    tail: p.tail,
    dueHead: p.dueHead,
    lastDueMs: p.lastDueMs,
    useHeap: p.useHeap,
    heapLen: p.heapLen,
    heap: Array.from(p.heap.subarray(0, p.heapLen)),
    agent: Array.from(p.agent),
    symbol: Array.from(p.symbol),
    confidence: Array.from(p.confidence),
    severityMult: Array.from(p.severityMult),
    direction: Array.from(p.direction),
    horizonHours: Array.from(p.horizonHours),
    entryClose: Array.from(p.entryClose),
    expectedBps: Array.from(p.expectedBps),
    dueMs: Array.from(p.dueMs),
    live: Array.from(p.live),
  };
}

function expectSameRing(actual: PendingFindings, reference: PendingFindings): void {
  const a = ringFields(actual);
  const r = ringFields(reference);
  for (const key of Object.keys(r)) {
    const av = a[key];
    const rv = r[key];
    if (Array.isArray(rv)) {
      const aa = av as number[];
      expect(aa.length, key).toBe(rv.length);
      for (let i = 0; i < rv.length; i++) if (!Object.is(aa[i], rv[i])) expect.fail(`${key}[${i}]: ${String(aa[i])} where one push per finding leaves ${String(rv[i])}`);
    } else expect(Object.is(av, rv), `${key}: ${String(av)} vs ${String(rv)}`).toBe(true);
  }
}

/**
 * Replays generated findings block by block into two pending sets, one per path, reconciling
 * (popping) what is due before each block as the run would, and compares after every block.
 */
function compareOver(seed: number, opts: { horizons: 'default' | 'one' | 'mixed'; byRow: boolean; capacity: number; noPrice: boolean; withExpected: boolean }): void {
  const rng = createRng(seed, 'push-finding-run');
  const nAgents = 12;
  const nSymbols = 9;
  const F = generatedFindings(rng, 900, nAgents, nSymbols, opts.horizons, opts.withExpected);
  const lastClose = Float64Array.from({ length: nSymbols }, (_, s) => (opts.noPrice && s === 3 ? Number.NaN : 50 + s + rng()));
  const joinedRef = Uint8Array.from({ length: nAgents }, (_, a) => (a % 3 === 0 ? 0 : 1));
  const joinedNew = joinedRef.slice();
  const ref = newPendingFindings(opts.capacity, opts.byRow);
  const cur = newPendingFindings(opts.capacity, opts.byRow);
  let i = 0;
  while (i < F.n) {
    const t = F.tsMs[i] as number;
    for (const p of [ref, cur]) {
      while (nextDueMs(p) < t) release(p, popDue(p));
    }
    // Prices move between blocks (a later symbol's price arrives: the no-price finding goes away).
    lastClose[Math.floor(rng() * nSymbols)] = 50 + rng() * 10;
    const r = referenceBlock(ref, F, i, t, lastClose, joinedRef);
    const c = runBlock(cur, F, i, t, lastClose, joinedNew);
    expect(c).toEqual(r);
    expectSameRing(cur, ref);
    expect(Array.from(joinedNew)).toEqual(Array.from(joinedRef));
    if (r.noPriceAt >= 0) return; // the run throws there
    i = r.end;
  }
}

describe('pushFindingRun', () => {
  it('leaves the pending set as one pushPending per finding does: in-order due times, findings by row, room to spare', () => {
    for (let seed = 1; seed <= 4; seed++) compareOver(seed, { horizons: 'default', byRow: true, capacity: 4096, noPrice: false, withExpected: false });
  });

  it('grows the ring as pushPending does when a block does not fit (a small ring)', () => {
    for (let seed = 5; seed <= 8; seed++) compareOver(seed, { horizons: 'one', byRow: true, capacity: 4, noPrice: false, withExpected: false });
  });

  it('hands the first finding due before the latest to pushPending: the switch to the heap at the same finding, then the heap', () => {
    for (let seed = 9; seed <= 14; seed++) compareOver(seed, { horizons: 'mixed', byRow: true, capacity: 64, noPrice: false, withExpected: seed % 2 === 0 });
  });

  it('copies the findings into the ring as pushPending does when they are not read by row (streamed findings)', () => {
    for (let seed = 15; seed <= 18; seed++) compareOver(seed, { horizons: seed % 2 === 0 ? 'mixed' : 'default', byRow: false, capacity: 16, noPrice: false, withExpected: true });
  });

  it('stops at an agent that has not joined (joined between calls, in row order) and at a finding with no price yet (where the run throws)', () => {
    for (let seed = 19; seed <= 24; seed++) compareOver(seed, { horizons: seed % 3 === 0 ? 'mixed' : 'default', byRow: seed % 2 === 0, capacity: 256, noPrice: true, withExpected: false });
  });
});

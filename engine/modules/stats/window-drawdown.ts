import { applyPendingOutcomes, SUM, SUM_STRIDE, type OutcomeStats } from './outcome-window.js';

/**
 * Per-agent max drawdown (bps, <= 0) of cumulative pnl inside the long time window (max_dd_30d,
 * what capital-governor reads every evaluated tick); NaN for an agent without an outcome in it.
 *
 * An agent's cum restarts from 0 at its window's first outcome, so a front that moves changes
 * every sum's rounding after it: no exact incremental update is known, and each evaluation
 * rescans the window. What makes the rescan cheap is where it reads: the global log
 * interleaves all agents (runs of ~3), so a scan of it went through each agent's cum, peak
 * and drawdown in memory, a store and a reload per outcome (~15 cycles an outcome). Here
 * each agent's outcomes are copied once, as they enter, into a ring of its own, and an agent's
 * window is scanned with cum, peak and drawdown in locals: only the add's latency per outcome.
 * The operations are the reference's (an agent's own outcomes in log order from 0), so the
 * same bits.
 *
 * An agent's window is the last lCount of its outcomes (windows drop their oldest first), so
 * its (first, end) outcome counters identify it: unchanged, the last result stands; with the
 * same first outcome and new ones after it, the scan goes on from the kept cum and peak (the
 * same operations in the same order); otherwise it restarts from the window's first outcome.
 *
 * The copies only follow the log: a fresh one (or one not called for a while) starts from the
 * long window's front, as what left before it is in no window again.
 * A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session).
 */
export class WindowDrawdowns {
  readonly nAgents: number;
  /** Per agent, the pnl of its outcomes, outcome k (its k-th copied) at k & (length - 1); lengths are powers of two. */
  readonly rings: Float64Array[];
  /** Per agent, outcomes copied into its ring. */
  readonly copied: Float64Array;
  /** The log counter after the last outcome copied. */
  logCopied: number;
  /** The long window's front (a log counter) at the last evaluation; -1: never. */
  lastFront: number;
  /** Per agent at its last scan: its window's first and end outcome counters (-1: never), cum, peak and drawdown there. */
  readonly first: Float64Array;
  readonly end: Float64Array;
  readonly cum: Float64Array;
  readonly peak: Float64Array;
  readonly worst: Float64Array;

  constructor(nAgents: number) {
    const f = (): Float64Array => new Float64Array(nAgents);
    this.nAgents = nAgents;
    this.rings = Array.from({ length: nAgents }, () => new Float64Array(1));
    this.copied = f();
    this.logCopied = 0;
    this.lastFront = -1;
    this.first = f().fill(-1);
    this.end = f().fill(-1);
    this.cum = f();
    this.peak = f();
    this.worst = f();
  }
}

/** Returns the window drawdowns' state for nAgents agents (rings grow with the windows). */
export function newWindowDrawdowns(nAgents: number): WindowDrawdowns {
  return new WindowDrawdowns(nAgents);
}

/** Writes each agent's window drawdown over `s` (after advanceTime) into `out` (nAgents long); returns `out`. */
export function updateWindowDrawdowns(w: WindowDrawdowns, s: OutcomeStats, out: Float64Array): Float64Array {
  applyPendingOutcomes(s); // advanceTime did (a no-op then): the window counts read below
  const m = s.sums;
  if (s.logEnd !== w.logCopied || s.longFront !== w.lastFront) {
    growRings(w, m);
    copyNewOutcomes(w, s);
    for (let a = 0; a < w.nAgents; a++) scanAgent(w, a, m[a * SUM_STRIDE + SUM.lCount] as number);
    w.lastFront = s.longFront;
  }
  for (let a = 0; a < w.nAgents; a++) out[a] = (m[a * SUM_STRIDE + SUM.lCount] as number) === 0 ? Number.NaN : (w.worst[a] as number);
  return out;
}

/** Doubles each agent's ring while shorter than its window (cold path): the window's outcomes keep their counters. */
function growRings(w: WindowDrawdowns, m: Float64Array): void {
  for (let a = 0; a < w.nAgents; a++) {
    const n = m[a * SUM_STRIDE + SUM.lCount] as number;
    const old = w.rings[a] as Float64Array;
    if (old.length >= n) continue;
    let cap = old.length;
    while (cap < n) cap *= 2;
    const ring = new Float64Array(cap);
    const copied = w.copied[a] as number;
    for (let k = Math.max(0, copied - old.length); k < copied; k++) ring[k & (cap - 1)] = old[k & (old.length - 1)] as number;
    w.rings[a] = ring;
  }
}

/** Copies the log's outcomes not yet copied (from the long window's front at the earliest) into their agents' rings. */
function copyNewOutcomes(w: WindowDrawdowns, s: OutcomeStats): void {
  const ag = s.logAgent;
  const pnl = s.logPnl;
  const cap = ag.length;
  const rings = w.rings;
  const copied = w.copied;
  const from = Math.max(w.logCopied, s.longFront);
  let slot = from % cap; // outcome i's log slot
  for (let i = from; i < s.logEnd; i++) {
    const a = ag[slot] as number;
    const ring = rings[a] as Float64Array;
    const k = copied[a] as number;
    ring[k & (ring.length - 1)] = pnl[slot] as number;
    copied[a] = k + 1;
    if (++slot === cap) slot = 0;
  }
  w.logCopied = s.logEnd;
}

/** Brings agent a's drawdown to its window, its last n outcomes copied: kept, extended or rescanned. */
function scanAgent(w: WindowDrawdowns, a: number, n: number): void {
  const end = w.copied[a] as number;
  const first = end - n;
  let from = first;
  let cum = 0;
  let peak = 0;
  let worst = 0;
  // The same first outcome: the window only grew at its end (copies only append).
  if (first === w.first[a]) {
    from = w.end[a] as number;
    if (from === end) return;
    cum = w.cum[a] as number;
    peak = w.peak[a] as number;
    worst = w.worst[a] as number;
  }
  const ring = w.rings[a] as Float64Array;
  const mask = ring.length - 1;
  // Small-integer slots (counters are doubles): the loop does integer adds, no double-to-int per outcome.
  const start = from & mask;
  const len = (end - from) | 0;
  for (let j = 0; j < len; j++) {
    cum += ring[(start + j) & mask] as number;
    if (cum > peak) peak = cum;
    const dd = cum - peak;
    if (dd < worst) worst = dd;
  }
  w.first[a] = first;
  w.end[a] = end;
  w.cum[a] = cum;
  w.peak[a] = peak;
  w.worst[a] = worst;
}

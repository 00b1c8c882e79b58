/**
 * Rolling agent statistics over reconciled outcomes, updated incrementally on the virtual
 * clock (O(1) amortized per outcome; never recomputed from scratch per tick).
 *
 * Layout, chosen for the cache: every outcome is appended to one global log in event order
 * (ts, agent, pnl), and the time windows (pnl_7d; sharpe_30d, winrate_30d, max_dd_30d) are
 * two fronts walking that log sequentially, subtracting each evicted outcome from its agent's
 * sums. Per-agent sums live in small typed arrays indexed by agent id. The count window
 * (last `lookback` outcomes per agent: pnl_sum_bps, hit_rate, error_rate, avg_abs_error_bps,
 * avg_pnl_error_bps) is a per-agent ring of `lookback` records. Sums are updated in arrival
 * order (the event order), so they are deterministic. max_drawdown_bps is over the agent's
 * whole history (cumulative pnl from 0, like the kill list's class drawdown).
 */

/** Tunables of the rolling statistics. */
export interface OutcomeWindowParams {
  /** Outcomes per agent in the count window. */
  readonly lookback: number;
  /** Long time window (sharpe_30d, winrate_30d, max_dd_30d), ms. */
  readonly longWindowMs: number;
  /** Short time window (pnl_7d), ms. */
  readonly shortWindowMs: number;
  /** abs_error_bps above this counts as an error (error_rate). */
  readonly errorAbsBps: number;
}

/** Kernel state of the statistics for all agents. */
export interface OutcomeStats {
  readonly nAgents: number;
  readonly lookback: number;
  // global log (time windows)
  logTs: Float64Array;
  logAgent: Int32Array;
  logPnl: Float64Array;
  logLen: number;
  longFront: number;
  shortFront: number;
  // per-agent count-window rings: record r of agent a at (a * lookback + r) * 3
  readonly ring: Float64Array;
  readonly ringCount: Float64Array;
  // per-agent sums
  readonly cSum: Float64Array;
  readonly cHits: Float64Array;
  readonly cErrors: Float64Array;
  readonly cAbs: Float64Array;
  readonly cPnlErr: Float64Array;
  readonly lCount: Float64Array;
  readonly lSum: Float64Array;
  readonly lSumSq: Float64Array;
  readonly lHits: Float64Array;
  readonly sCount: Float64Array;
  readonly sSum: Float64Array;
  readonly cum: Float64Array;
  readonly peak: Float64Array;
  readonly maxDd: Float64Array;
}

/** Returns empty statistics for nAgents agents. */
export function newOutcomeStats(nAgents: number, lookback: number): OutcomeStats {
  const f = (): Float64Array => new Float64Array(nAgents);
  return {
    nAgents,
    lookback,
    logTs: new Float64Array(1024),
    logAgent: new Int32Array(1024),
    logPnl: new Float64Array(1024),
    logLen: 0,
    longFront: 0,
    shortFront: 0,
    ring: new Float64Array(nAgents * lookback * 3),
    ringCount: f(),
    cSum: f(),
    cHits: f(),
    cErrors: f(),
    cAbs: f(),
    cPnlErr: f(),
    lCount: f(),
    lSum: f(),
    lSumSq: f(),
    lHits: f(),
    sCount: f(),
    sSum: f(),
    cum: f(),
    peak: f(),
    maxDd: f(),
  };
}

function appendLog(s: OutcomeStats, tsMs: number, agent: number, pnl: number): void {
  if (s.logLen === s.logTs.length) {
    const front = Math.min(s.longFront, s.shortFront);
    if (front * 2 >= s.logLen) {
      // Compact: drop the prefix both windows have left behind.
      s.logTs.copyWithin(0, front, s.logLen);
      s.logAgent.copyWithin(0, front, s.logLen);
      s.logPnl.copyWithin(0, front, s.logLen);
      s.logLen -= front;
      s.longFront -= front;
      s.shortFront -= front;
    } else {
      const n = s.logTs.length * 2;
      const ts = new Float64Array(n);
      const ag = new Int32Array(n);
      const pn = new Float64Array(n);
      ts.set(s.logTs);
      ag.set(s.logAgent);
      pn.set(s.logPnl);
      s.logTs = ts;
      s.logAgent = ag;
      s.logPnl = pn;
    }
  }
  const i = s.logLen;
  s.logTs[i] = tsMs;
  s.logAgent[i] = agent;
  s.logPnl[i] = pnl;
  s.logLen = i + 1;
}

/** Adds one reconciled outcome of agent `a` at time tsMs (outcomes arrive in event order). */
export function addOutcome(s: OutcomeStats, p: OutcomeWindowParams, a: number, tsMs: number, pnlBps: number, absErrBps: number, pnlErrBps: number): void {
  const hit = pnlBps > 0 ? 1 : 0;
  const err = absErrBps > p.errorAbsBps ? 1 : 0;
  // Count window: overwrite the agent's oldest record once the ring is full.
  const L = s.lookback;
  const count = s.ringCount[a] as number;
  const base = (a * L + (count % L)) * 3;
  if (count >= L) {
    const op = s.ring[base] as number;
    const oa = s.ring[base + 1] as number;
    s.cSum[a] = (s.cSum[a] as number) - op;
    s.cHits[a] = (s.cHits[a] as number) - (op > 0 ? 1 : 0);
    s.cErrors[a] = (s.cErrors[a] as number) - (oa > p.errorAbsBps ? 1 : 0);
    s.cAbs[a] = (s.cAbs[a] as number) - oa;
    s.cPnlErr[a] = (s.cPnlErr[a] as number) - (s.ring[base + 2] as number);
  }
  s.ring[base] = pnlBps;
  s.ring[base + 1] = absErrBps;
  s.ring[base + 2] = pnlErrBps;
  s.ringCount[a] = count + 1;
  s.cSum[a] = (s.cSum[a] as number) + pnlBps;
  s.cHits[a] = (s.cHits[a] as number) + hit;
  s.cErrors[a] = (s.cErrors[a] as number) + err;
  s.cAbs[a] = (s.cAbs[a] as number) + absErrBps;
  s.cPnlErr[a] = (s.cPnlErr[a] as number) + pnlErrBps;
  // Time windows.
  s.lCount[a] = (s.lCount[a] as number) + 1;
  s.lSum[a] = (s.lSum[a] as number) + pnlBps;
  s.lSumSq[a] = (s.lSumSq[a] as number) + pnlBps * pnlBps;
  s.lHits[a] = (s.lHits[a] as number) + hit;
  s.sCount[a] = (s.sCount[a] as number) + 1;
  s.sSum[a] = (s.sSum[a] as number) + pnlBps;
  // All-time drawdown.
  const cum = (s.cum[a] as number) + pnlBps;
  s.cum[a] = cum;
  if (cum > (s.peak[a] as number)) s.peak[a] = cum;
  const dd = cum - (s.peak[a] as number);
  if (dd < (s.maxDd[a] as number)) s.maxDd[a] = dd;
  appendLog(s, tsMs, a, pnlBps);
}

/** Moves the time windows to `nowMs`: outcomes at or before now - window leave it. */
export function advanceTime(s: OutcomeStats, p: OutcomeWindowParams, nowMs: number): void {
  const longStart = nowMs - p.longWindowMs;
  let i = s.longFront;
  while (i < s.logLen && (s.logTs[i] as number) <= longStart) {
    const a = s.logAgent[i] as number;
    const x = s.logPnl[i] as number;
    s.lCount[a] = (s.lCount[a] as number) - 1;
    s.lSum[a] = (s.lSum[a] as number) - x;
    s.lSumSq[a] = (s.lSumSq[a] as number) - x * x;
    s.lHits[a] = (s.lHits[a] as number) - (x > 0 ? 1 : 0);
    i++;
  }
  s.longFront = i;
  const shortStart = nowMs - p.shortWindowMs;
  let j = s.shortFront;
  while (j < s.logLen && (s.logTs[j] as number) <= shortStart) {
    const a = s.logAgent[j] as number;
    s.sCount[a] = (s.sCount[a] as number) - 1;
    s.sSum[a] = (s.sSum[a] as number) - (s.logPnl[j] as number);
    j++;
  }
  s.shortFront = j;
}

/** Returns per-agent max drawdown (bps, <= 0) of cumulative pnl inside the long window; NaN without outcomes. */
export function windowDrawdowns(s: OutcomeStats): Float64Array {
  const cum = new Float64Array(s.nAgents);
  const peak = new Float64Array(s.nAgents);
  const dd = new Float64Array(s.nAgents);
  for (let i = s.longFront; i < s.logLen; i++) {
    const a = s.logAgent[i] as number;
    const c = (cum[a] as number) + (s.logPnl[i] as number);
    cum[a] = c;
    if (c > (peak[a] as number)) peak[a] = c;
    if (c - (peak[a] as number) < (dd[a] as number)) dd[a] = c - (peak[a] as number);
  }
  for (let a = 0; a < s.nAgents; a++) if ((s.lCount[a] as number) === 0) dd[a] = Number.NaN;
  return dd;
}

/**
 * Copies each agent's count-window records, oldest to newest, into CSR arrays (offsets
 * has nAgents + 1 entries): what the default-mode decay reads.
 */
export function countWindowRows(s: OutcomeStats): { offsets: Int32Array; pnlBps: Float64Array; absErrBps: Float64Array } {
  const L = s.lookback;
  const offsets = new Int32Array(s.nAgents + 1);
  for (let a = 0; a < s.nAgents; a++) offsets[a + 1] = (offsets[a] as number) + Math.min(L, s.ringCount[a] as number);
  const total = offsets[s.nAgents] as number;
  const pnlBps = new Float64Array(total);
  const absErrBps = new Float64Array(total);
  for (let a = 0; a < s.nAgents; a++) {
    const count = s.ringCount[a] as number;
    const n = Math.min(L, count);
    let j = offsets[a] as number;
    for (let c = count - n; c < count; c++, j++) {
      const base = (a * L + (c % L)) * 3;
      pnlBps[j] = s.ring[base] as number;
      absErrBps[j] = s.ring[base + 1] as number;
    }
  }
  return { offsets, pnlBps, absErrBps };
}

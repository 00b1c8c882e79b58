/**
 * Per-agent rolling statistics over reconciled outcomes, updated incrementally on the
 * virtual clock (O(1) amortized per outcome; never recomputed from scratch per tick).
 *
 * For each agent the buffer keeps the outcomes still inside either window: the last
 * `lookback` outcomes (pnl_sum_bps, hit_rate, error_rate, avg_abs_error_bps,
 * avg_pnl_error_bps) and the time windows (pnl_7d; sharpe_30d, winrate_30d, max_dd_30d).
 * Running sums are kept per window with their own front index; sums are updated in
 * arrival order, which is the event order, so they are deterministic.
 * max_drawdown_bps is over the agent's whole history (cumulative pnl from 0, like the kill
 * list's class drawdown), so it is exact and O(1).
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

/** Mutable per-agent rolling state (kernel state: typed arrays per agent). */
export interface AgentOutcomeBuffer {
  ts: Float64Array;
  pnl: Float64Array;
  absErr: Float64Array;
  pnlErr: Float64Array;
  /** Ring indices are absolute counters; position = counter & (capacity - 1). */
  head: number; // next write counter
  tail: number; // oldest kept counter
  countFront: number;
  longFront: number;
  shortFront: number;
  // count-window sums
  cSum: number;
  cHits: number;
  cErrors: number;
  cAbs: number;
  cPnlErr: number;
  // long-window sums
  lSum: number;
  lSumSq: number;
  lHits: number;
  // short-window sum
  sSum: number;
  // all-time drawdown
  cum: number;
  peak: number;
  maxDd: number;
  total: number;
}

/** Returns an empty buffer. */
export function newAgentBuffer(capacity = 16): AgentOutcomeBuffer {
  return {
    ts: new Float64Array(capacity),
    pnl: new Float64Array(capacity),
    absErr: new Float64Array(capacity),
    pnlErr: new Float64Array(capacity),
    head: 0,
    tail: 0,
    countFront: 0,
    longFront: 0,
    shortFront: 0,
    cSum: 0,
    cHits: 0,
    cErrors: 0,
    cAbs: 0,
    cPnlErr: 0,
    lSum: 0,
    lSumSq: 0,
    lHits: 0,
    sSum: 0,
    cum: 0,
    peak: 0,
    maxDd: 0,
    total: 0,
  };
}

function grow(b: AgentOutcomeBuffer): void {
  const cap = b.ts.length;
  const mask = cap - 1;
  const next = cap * 2;
  const nmask = next - 1;
  const ts = new Float64Array(next);
  const pnl = new Float64Array(next);
  const absErr = new Float64Array(next);
  const pnlErr = new Float64Array(next);
  for (let c = b.tail; c < b.head; c++) {
    ts[c & nmask] = b.ts[c & mask] as number;
    pnl[c & nmask] = b.pnl[c & mask] as number;
    absErr[c & nmask] = b.absErr[c & mask] as number;
    pnlErr[c & nmask] = b.pnlErr[c & mask] as number;
  }
  b.ts = ts;
  b.pnl = pnl;
  b.absErr = absErr;
  b.pnlErr = pnlErr;
}

/** Appends one reconciled outcome at time tsMs (outcomes arrive in event order). */
export function addOutcome(b: AgentOutcomeBuffer, p: OutcomeWindowParams, tsMs: number, pnlBps: number, absErrBps: number, pnlErrBps: number): void {
  if (b.head - b.tail === b.ts.length) grow(b);
  const mask = b.ts.length - 1;
  const k = b.head & mask;
  b.ts[k] = tsMs;
  b.pnl[k] = pnlBps;
  b.absErr[k] = absErrBps;
  b.pnlErr[k] = pnlErrBps;
  b.head += 1;
  const hit = pnlBps > 0 ? 1 : 0;
  b.cSum += pnlBps;
  b.cHits += hit;
  b.cErrors += absErrBps > p.errorAbsBps ? 1 : 0;
  b.cAbs += absErrBps;
  b.cPnlErr += pnlErrBps;
  b.lSum += pnlBps;
  b.lSumSq += pnlBps * pnlBps;
  b.lHits += hit;
  b.sSum += pnlBps;
  b.cum += pnlBps;
  if (b.cum > b.peak) b.peak = b.cum;
  const dd = b.cum - b.peak;
  if (dd < b.maxDd) b.maxDd = dd;
  b.total += 1;
  // Count window: evict beyond lookback.
  while (b.head - b.countFront > p.lookback) {
    const j = b.countFront & mask;
    const pj = b.pnl[j] as number;
    b.cSum -= pj;
    b.cHits -= pj > 0 ? 1 : 0;
    b.cErrors -= (b.absErr[j] as number) > p.errorAbsBps ? 1 : 0;
    b.cAbs -= b.absErr[j] as number;
    b.cPnlErr -= b.pnlErr[j] as number;
    b.countFront += 1;
  }
  advanceTime(b, p, tsMs);
}

/** Moves the time windows to `nowMs`, evicting outcomes older than each window. */
export function advanceTime(b: AgentOutcomeBuffer, p: OutcomeWindowParams, nowMs: number): void {
  const mask = b.ts.length - 1;
  const longStart = nowMs - p.longWindowMs;
  while (b.longFront < b.head && (b.ts[b.longFront & mask] as number) <= longStart) {
    const pj = b.pnl[b.longFront & mask] as number;
    b.lSum -= pj;
    b.lSumSq -= pj * pj;
    b.lHits -= pj > 0 ? 1 : 0;
    b.longFront += 1;
  }
  const shortStart = nowMs - p.shortWindowMs;
  while (b.shortFront < b.head && (b.ts[b.shortFront & mask] as number) <= shortStart) {
    b.sSum -= b.pnl[b.shortFront & mask] as number;
    b.shortFront += 1;
  }
  const keep = Math.min(b.countFront, b.longFront, b.shortFront);
  if (keep > b.tail) b.tail = keep;
}

/** The statistics a tick reads for one agent. NaN = no data. */
export interface AgentWindowStats {
  nOutcomes: number;
  pnlSumBps: number;
  hitRate: number;
  errorRate: number;
  avgAbsErrorBps: number;
  avgPnlErrorBps: number;
  maxDrawdownBps: number;
  pnl7dBps: number;
  sharpe30d: number;
  winrate30d: number;
  maxDd30dBps: number;
}

/**
 * Returns the agent's statistics now. Sums kept incrementally can drift by an ulp from a
 * fresh sum; counts are exact. sharpe_30d = mean / sample sd of per-outcome pnl_bps in the
 * long window (not annualized; NaN with < 2 outcomes or zero sd). max_dd_30d scans the
 * long window only when `withWindowDrawdown` (the capital-governor needs it).
 */
export function readAgentStats(b: AgentOutcomeBuffer, withWindowDrawdown: boolean): AgentWindowStats {
  const nC = b.head - b.countFront;
  const nL = b.head - b.longFront;
  let sharpe = Number.NaN;
  if (nL >= 2) {
    const mean = b.lSum / nL;
    const variance = (b.lSumSq - nL * mean * mean) / (nL - 1);
    if (variance > 1e-12 * Math.max(1, mean * mean)) sharpe = mean / Math.sqrt(variance);
  }
  let maxDd30 = Number.NaN;
  if (withWindowDrawdown) {
    const mask = b.ts.length - 1;
    let cum = 0;
    let peak = 0;
    let dd = 0;
    for (let c = b.longFront; c < b.head; c++) {
      cum += b.pnl[c & mask] as number;
      if (cum > peak) peak = cum;
      if (cum - peak < dd) dd = cum - peak;
    }
    maxDd30 = nL > 0 ? dd : Number.NaN;
  }
  return {
    nOutcomes: nC,
    pnlSumBps: nC > 0 ? b.cSum : 0,
    hitRate: nC > 0 ? b.cHits / nC : Number.NaN,
    errorRate: nC > 0 ? b.cErrors / nC : Number.NaN,
    avgAbsErrorBps: nC > 0 ? b.cAbs / nC : Number.NaN,
    avgPnlErrorBps: nC > 0 ? b.cPnlErr / nC : Number.NaN,
    maxDrawdownBps: b.maxDd,
    pnl7dBps: b.head - b.shortFront > 0 ? b.sSum : 0,
    sharpe30d: sharpe,
    winrate30d: nL > 0 ? b.lHits / nL : Number.NaN,
    maxDd30dBps: maxDd30,
  };
}

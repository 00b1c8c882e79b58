/**
 * Rolling agent statistics over reconciled outcomes, updated incrementally on the virtual
 * clock (O(1) amortized per outcome; never recomputed from scratch per tick).
 *
 * Layout, chosen for the cache: every outcome is appended to one global log in event order
 * (agent, pnl), each block of one time as one (ts, end) entry of a block log, and the time
 * windows (pnl_7d; sharpe_30d, winrate_30d, max_dd_30d) are two fronts walking those logs
 * sequentially, a whole block at a time (its outcomes share its time), subtracting each evicted
 * outcome from its agent's sums: no time written and read back per outcome. Both logs are rings
 * addressed by absolute counters: the fronts leave old entries behind without a copy, and each
 * grows only when the window outgrows it. The block log is small (slot = counter & (capacity -
 * 1)); the outcome log is the largest array a dense run keeps (L: ~2.1M outcomes between two
 * daily fronts, 25 MB), and a ring's every slot is written as the counters go round, so it is
 * sized to the window, not to the next power of two (slot = counter % capacity, walked with a
 * wrapping cursor): doubled past 2^21 slots it took twice the memory it needed. Per-agent sums
 * live in small typed arrays indexed by agent id. The count window (last `lookback` outcomes per
 * agent: pnl_sum_bps, hit_rate, error_rate, avg_abs_error_bps, avg_pnl_error_bps) is a per-agent
 * ring of `lookback` records. Sums are updated in arrival
 * order (the event order), so they are deterministic; an outcome waits in its agent's backlog
 * until the next read applies it (addOutcomes says why). max_drawdown_bps is over the agent's
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

/**
 * The key of OutcomeStats' backlog: a symbol, because v8's serializer (a snapshot, a worker's
 * copy) skips symbol-keyed properties, so the state and its snapshot keep their layout; the
 * backlog is always empty there anyway (a snapshot applies it first).
 */
const BACKLOG: unique symbol = Symbol('outcome backlog');

/** Kernel state of the statistics for all agents (a class, not a literal: V8 generalizes a literal site's field types the second time it runs and deoptimizes every stage that relied on them; bench/RESULTS.md, twentieth session). */
export class OutcomeStats {
  readonly nAgents: number;
  readonly lookback: number;
  // global log (time windows): a ring of any capacity, outcome c at slot c % capacity
  logAgent: Int32Array;
  logPnl: Float64Array;
  /** Outcomes ever appended (the next counter to write). */
  logEnd: number;
  /** First counter still in the long and in the short window. */
  longFront: number;
  shortFront: number;
  // block log: per non-empty addOutcomes block, its time and the counter after its last outcome
  // (a ring of a power-of-two capacity, addressed by absolute block counters)
  blockTs: Float64Array;
  blockEnd: Float64Array;
  /** Blocks ever appended; the first block still in the long and in the short window. */
  blocks: number;
  longBlock: number;
  shortBlock: number;
  // per-agent count-window rings of `ringCap` (a power of two >= lookback) records of
  // (pnl_bps, pnl_error_bps): outcome c of agent a sits at (a * ringCap + (c & (ringCap - 1))) * RECORD.
  // abs_error_bps is |pnl_error_bps|, recomputed where read: two doubles a record instead of three
  // keep the rings (read at random, an agent per outcome) a third smaller in the cache.
  readonly ringCap: number;
  readonly ring: Float64Array;
  /** Per agent: outcomes applied so far (the backlog's pending ones are not yet in the ring). */
  readonly ringCount: Int32Array;
  /** Per-agent sums, SUM_FIELDS doubles per agent side by side (one or two cache lines). */
  readonly sums: Float64Array;
  /** Outcomes not yet applied to the sums (addOutcomes); made on the first outcome. */
  [BACKLOG]: OutcomeBacklog | undefined;

  constructor(nAgents: number, lookback: number, logRoom: number) {
    let ringCap = 1;
    while (ringCap < lookback) ringCap *= 2;
    const logCap = Math.max(1024, Math.ceil(logRoom));
    this.nAgents = nAgents;
    this.lookback = lookback;
    this.logAgent = new Int32Array(logCap);
    this.logPnl = new Float64Array(logCap);
    this.logEnd = 0;
    this.longFront = 0;
    this.shortFront = 0;
    this.blockTs = new Float64Array(64);
    this.blockEnd = new Float64Array(64);
    this.blocks = 0;
    this.longBlock = 0;
    this.shortBlock = 0;
    this.ringCap = ringCap;
    this.ring = new Float64Array(nAgents * ringCap * RECORD);
    this.ringCount = new Int32Array(nAgents);
    this.sums = new Float64Array(nAgents * SUM_STRIDE);
    this[BACKLOG] = undefined;
  }
}

/** Offsets of each per-agent sum in OutcomeStats.sums (agent a's block starts at a * SUM_STRIDE). */
export const SUM = {
  cSum: 0, // count window: sum of pnl_bps
  cHits: 1,
  cErrors: 2,
  cAbs: 3,
  cPnlErr: 4,
  lCount: 5, // long time window
  lSum: 6,
  lSumSq: 7,
  lHits: 8,
  sCount: 9, // short time window
  sSum: 10,
  cum: 11, // all time
  peak: 12,
  maxDd: 13,
} as const;

/**
 * Where the compensation term of each float sum that outcomes enter AND leave sits. Such a
 * sum is kept as hi + lo with an exact two-sum per update: plain add-then-subtract leaves a
 * residue (-9e-9 Sharpe on a window of zeros after larger outcomes left it); the pair keeps
 * the error at eps^2 of the magnitudes that passed through. Counts are exact and have none.
 */
const LO = { cSum: 14, cAbs: 15, cPnlErr: 16, lSum: 17, lSumSq: 18, sSum: 19 } as const;
const LO_OF: Readonly<Record<number, number>> = { [SUM.cSum]: LO.cSum, [SUM.cAbs]: LO.cAbs, [SUM.cPnlErr]: LO.cPnlErr, [SUM.lSum]: LO.lSum, [SUM.lSumSq]: LO.lSumSq, [SUM.sSum]: LO.sSum };

/** Doubles per outcome record in OutcomeStats.ring: pnl_bps at +0, pnl_error_bps at +1. */
export const RECORD = 2;

/** Doubles per agent in OutcomeStats.sums. */
export const SUM_STRIDE = 24;

/**
 * Adds x to the compensated sum m[hi] + m[lo] (Knuth's two-sum: the rounding error goes to
 * lo). Offsets are passed resolved (constants at every call site) so the hot path does no lookup.
 */
function addExact(m: Float64Array, hi: number, lo: number, x: number): void {
  const a = m[hi] as number;
  const s = a + x;
  const bp = s - a;
  m[hi] = s;
  m[lo] = (m[lo] as number) + ((a - (s - bp)) + (x - bp));
}

/** Returns empty statistics for nAgents agents, their time-window log with room for `logRoom` outcomes (at least 1,024). */
export function newOutcomeStats(nAgents: number, lookback: number, logRoom = 1024): OutcomeStats {
  return new OutcomeStats(nAgents, lookback, logRoom);
}

/**
 * Makes room in the log rings for `more` outcomes and one block beyond those both windows still
 * hold (cold path): the outcome log grows by half, or to what is needed if more, the block log doubles.
 */
function makeLogRoom(s: OutcomeStats, more: number): void {
  const front = Math.min(s.longFront, s.shortFront);
  const need = s.logEnd - front + more;
  if (need > s.logAgent.length) {
    const cap = Math.max(need, Math.ceil(1.5 * s.logAgent.length));
    s.logAgent = copyRing(s.logAgent, new Int32Array(cap), front, s.logEnd);
    s.logPnl = copyRing(s.logPnl, new Float64Array(cap), front, s.logEnd);
  }
  const bFront = Math.min(s.longBlock, s.shortBlock);
  const bNeed = s.blocks - bFront + 1;
  if (bNeed > s.blockTs.length) {
    const cap = doubledTo(s.blockTs.length, bNeed);
    s.blockTs = copyRing(s.blockTs, new Float64Array(cap), bFront, s.blocks);
    s.blockEnd = copyRing(s.blockEnd, new Float64Array(cap), bFront, s.blocks);
  }
}

/** Returns cap doubled until it holds `need`. */
function doubledTo(cap: number, need: number): number {
  let c = cap;
  while (c < need) c *= 2;
  return c;
}

/**
 * Copies counters front .. end - 1 of ring `from` into the larger ring `to`, each at its slot
 * there (counter % length: for the power-of-two block log, counter & (length - 1)); returns `to`.
 */
function copyRing<T extends Float64Array | Int32Array>(from: T, to: T, front: number, end: number): T {
  let k = front % from.length;
  let j = front % to.length;
  for (let c = front; c < end; c++) {
    to[j] = from[k] as number;
    if (++k === from.length) k = 0;
    if (++j === to.length) j = 0;
  }
  return to;
}

/** Outcomes reconciled at one time, in event order, as columns (the first n rows count); abs_error_bps is |pnlErrBps|. */
export interface OutcomeBlock {
  agent: Int32Array;
  pnlBps: Float64Array;
  pnlErrBps: Float64Array;
}

/**
 * Returns the rounding error of s = a + x (Knuth's two-sum), what addExact adds to lo: for
 * sums held in locals (addOutcomes) the same operations in the same order, so the same bits.
 */
function twoSumErr(a: number, x: number, s: number): number {
  const bp = s - a;
  return (a - (s - bp)) + (x - bp);
}

/**
 * Adds the first n outcomes of `block`, all reconciled at tsMs, in row order (outcomes arrive
 * in event order): each is appended to the time-window log and to its agent's backlog; the
 * sums take it when something next reads them (applyPendingOutcomes). One call per block: the
 * loop reads columns, so no number is boxed per outcome.
 * Why a backlog: outcomes arrive interleaved over the agents (runs of ~3 of one agent), and
 * applying each at once read the record leaving its agent's count window, written ~250 of that
 * agent's outcomes (megabytes of other traffic) earlier: a cache miss per outcome. Applied per
 * agent at a read (M: ~70 outcomes per agent between two daily ticks), the ring is walked
 * sequentially and the sums stay in locals.
 */
export function addOutcomes(s: OutcomeStats, p: OutcomeWindowParams, tsMs: number, block: OutcomeBlock, n: number): void {
  const agentCol = block.agent;
  const pnlCol = block.pnlBps;
  const errCol = block.pnlErrBps;
  if (n === 0) return;
  const bl = beginOutcomeBlock(s, p, n);
  const records = bl.records;
  const pending = bl.pending;
  const logAgent = s.logAgent;
  const logPnl = s.logPnl;
  const logCap = logAgent.length;
  let j = s.logEnd % logCap; // the log slot of outcome i
  let i = 0;
  while (i < n) {
    const a = agentCol[i] as number;
    const backlogBase = a * BACKLOG_CAP;
    let k = pending[a] as number;
    do {
      const pnlBps = pnlCol[i] as number;
      if (k === BACKLOG_CAP) {
        // A full backlog is applied at once: between two reads no outcome leaves a time window,
        // so its sums still take the same operations in the same order.
        pending[a] = k;
        applyAgentBacklog(s, bl, a);
        k = 0;
      }
      const at = (backlogBase + k) * RECORD;
      records[at] = pnlBps;
      records[at + 1] = errCol[i] as number;
      k++;
      logAgent[j] = a;
      logPnl[j] = pnlBps;
      if (++j === logCap) j = 0;
      i++;
    } while (i < n && agentCol[i] === a);
    pending[a] = k;
  }
  endOutcomeBlock(s, tsMs, n);
}

/**
 * Opens a block of n > 0 outcomes that the caller writes itself, as addOutcomes does (its
 * loop is the reference): outcome i of the block goes to the log at counter s.logEnd + i
 * (s.logAgent, s.logPnl, at slot counter % their length) and to its agent a's backlog as record
 * (a * BACKLOG_CAP + k) * RECORD with k = pending[a] (then pending[a] = k + 1), a full
 * backlog (k === BACKLOG_CAP) first applied by applyAgentBacklog with pending[a] = k. Makes
 * room in the log first. endOutcomeBlock closes the block. Returns the backlog to write to.
 */
export function beginOutcomeBlock(s: OutcomeStats, p: OutcomeWindowParams, n: number): OutcomeBacklog {
  makeLogRoom(s, n);
  const bl = backlogOf(s, p.errorAbsBps);
  if (!Object.is(bl.errorAbsBps, p.errorAbsBps)) {
    // The records waiting were counted against the threshold they came with.
    applyPendingOutcomes(s);
    bl.errorAbsBps = p.errorAbsBps;
  }
  bl.any = true;
  return bl;
}

/** Closes a block of n > 0 outcomes, all at tsMs, written after beginOutcomeBlock: the log's end and the block log. */
export function endOutcomeBlock(s: OutcomeStats, tsMs: number, n: number): void {
  s.logEnd += n;
  const b = s.blocks & (s.blockTs.length - 1);
  s.blockTs[b] = tsMs;
  s.blockEnd[b] = s.logEnd;
  s.blocks += 1;
}

/**
 * Outcomes added but not yet applied to the sums, per agent in arrival order. Not state: every
 * reader applies them first, so a snapshot, a resumed run or a reader never sees one pending.
 */
export class OutcomeBacklog {
  /** Records (pnl_bps, pnl_error_bps) of agent a, its k-th pending at (a * BACKLOG_CAP + k) * RECORD. */
  readonly records: Float64Array;
  readonly pending: Int32Array;
  errorAbsBps: number;
  /** Some agent may have pending records (false: catching up is a no-op). */
  any: boolean;

  constructor(nAgents: number, errorAbsBps: number) {
    this.records = new Float64Array(nAgents * BACKLOG_CAP * RECORD);
    this.pending = new Int32Array(nAgents);
    this.errorAbsBps = errorAbsBps;
    this.any = false;
  }
}

/**
 * Pending records an agent holds before they are applied at once. M: ~70 outcomes per agent
 * between two daily ticks; 128 lets nearly every agent wait for the tick's read.
 */
export const BACKLOG_CAP = 128;

/** Returns the statistics' backlog, made on the first outcome (a resumed run's state has none). */
function backlogOf(s: OutcomeStats, errorAbsBps: number): OutcomeBacklog {
  let bl = s[BACKLOG];
  if (bl === undefined) {
    bl = new OutcomeBacklog(s.nAgents, errorAbsBps);
    s[BACKLOG] = bl;
  }
  return bl;
}

/** Returns the statistics' backlog when it has pending records. */
function pendingBacklog(s: OutcomeStats): OutcomeBacklog | undefined {
  const bl = s[BACKLOG];
  return bl !== undefined && bl.any ? bl : undefined;
}

/**
 * Applies every pending outcome to the sums, rings and ringCount: what each reader of them
 * calls first (advanceTime, sumOf, countWindowRows and updateWindowDrawdowns do it themselves).
 */
export function applyPendingOutcomes(s: OutcomeStats): void {
  const bl = pendingBacklog(s);
  if (bl === undefined) return;
  const pending = bl.pending;
  for (let a = 0; a < s.nAgents; a++) if ((pending[a] as number) > 0) applyAgentBacklog(s, bl, a);
  bl.any = false;
}

/**
 * Applies agent a's pending outcomes in arrival order: for each, the record `lookback` places
 * back leaves the count window, the new one enters the ring and every sum. Exactly the
 * operations, in the order, of applying each as it arrives (each agent's sums are its own, and
 * no outcome leaves a time window before its backlog is applied), so the same bits.
 * Flags are counted as Number(condition), which compiles to a set-on-compare: a pnl's sign is a
 * coin flip, and `cond ? 1 : 0` compiled to a branch the CPU mispredicted about half the time.
 */
export function applyAgentBacklog(s: OutcomeStats, bl: OutcomeBacklog, a: number): void {
  const m = s.sums;
  const L = s.lookback;
  const mask = s.ringCap - 1;
  const ring = s.ring;
  const records = bl.records;
  const errorAbsBps = bl.errorAbsBps;
  const o = a * SUM_STRIDE;
  const rowBase = a * s.ringCap;
  const k = bl.pending[a] as number;
  const from = a * BACKLOG_CAP * RECORD;
  let count = s.ringCount[a] as number;
  let cSum = m[o + SUM.cSum] as number;
  let cSumLo = m[o + LO.cSum] as number;
  let cHits = m[o + SUM.cHits] as number;
  let cErrors = m[o + SUM.cErrors] as number;
  let cAbs = m[o + SUM.cAbs] as number;
  let cAbsLo = m[o + LO.cAbs] as number;
  let cPnlErr = m[o + SUM.cPnlErr] as number;
  let cPnlErrLo = m[o + LO.cPnlErr] as number;
  let lCount = m[o + SUM.lCount] as number;
  let lSum = m[o + SUM.lSum] as number;
  let lSumLo = m[o + LO.lSum] as number;
  let lSumSq = m[o + SUM.lSumSq] as number;
  let lSumSqLo = m[o + LO.lSumSq] as number;
  let lHits = m[o + SUM.lHits] as number;
  let sCount = m[o + SUM.sCount] as number;
  let sSum = m[o + SUM.sSum] as number;
  let sSumLo = m[o + LO.sSum] as number;
  let cum = m[o + SUM.cum] as number;
  let peak = m[o + SUM.peak] as number;
  let maxDd = m[o + SUM.maxDd] as number;
  for (let j = 0; j < k; j++) {
    const pnlBps = records[from + j * RECORD] as number;
    const pnlErrBps = records[from + j * RECORD + 1] as number;
    const absErrBps = Math.abs(pnlErrBps);
    const hit = Number(pnlBps > 0);
    let x: number;
    let sum: number;
    // Count window: the outcome `lookback` places back leaves it.
    if (count >= L) {
      const old = (rowBase + ((count - L) & mask)) * RECORD;
      const op = ring[old] as number;
      const oe = ring[old + 1] as number;
      const oa = Math.abs(oe);
      x = -op;
      sum = cSum + x;
      cSumLo += twoSumErr(cSum, x, sum);
      cSum = sum;
      cHits -= Number(op > 0);
      cErrors -= Number(oa > errorAbsBps);
      x = -oa;
      sum = cAbs + x;
      cAbsLo += twoSumErr(cAbs, x, sum);
      cAbs = sum;
      x = -oe;
      sum = cPnlErr + x;
      cPnlErrLo += twoSumErr(cPnlErr, x, sum);
      cPnlErr = sum;
    }
    const base = (rowBase + (count & mask)) * RECORD;
    ring[base] = pnlBps;
    ring[base + 1] = pnlErrBps;
    count++;
    sum = cSum + pnlBps;
    cSumLo += twoSumErr(cSum, pnlBps, sum);
    cSum = sum;
    cHits += hit;
    cErrors += Number(absErrBps > errorAbsBps);
    sum = cAbs + absErrBps;
    cAbsLo += twoSumErr(cAbs, absErrBps, sum);
    cAbs = sum;
    sum = cPnlErr + pnlErrBps;
    cPnlErrLo += twoSumErr(cPnlErr, pnlErrBps, sum);
    cPnlErr = sum;
    // Time windows (advanceTime takes outcomes out only after a catch-up), then the all-time drawdown.
    lCount += 1;
    sum = lSum + pnlBps;
    lSumLo += twoSumErr(lSum, pnlBps, sum);
    lSum = sum;
    x = pnlBps * pnlBps;
    sum = lSumSq + x;
    lSumSqLo += twoSumErr(lSumSq, x, sum);
    lSumSq = sum;
    lHits += hit;
    sCount += 1;
    sum = sSum + pnlBps;
    sSumLo += twoSumErr(sSum, pnlBps, sum);
    sSum = sum;
    cum += pnlBps;
    if (cum > peak) peak = cum;
    const dd = cum - peak;
    if (dd < maxDd) maxDd = dd;
  }
  bl.pending[a] = 0;
  s.ringCount[a] = count;
  m[o + SUM.cSum] = cSum;
  m[o + LO.cSum] = cSumLo;
  m[o + SUM.cHits] = cHits;
  m[o + SUM.cErrors] = cErrors;
  m[o + SUM.cAbs] = cAbs;
  m[o + LO.cAbs] = cAbsLo;
  m[o + SUM.cPnlErr] = cPnlErr;
  m[o + LO.cPnlErr] = cPnlErrLo;
  m[o + SUM.lCount] = lCount;
  m[o + SUM.lSum] = lSum;
  m[o + LO.lSum] = lSumLo;
  m[o + SUM.lSumSq] = lSumSq;
  m[o + LO.lSumSq] = lSumSqLo;
  m[o + SUM.lHits] = lHits;
  m[o + SUM.sCount] = sCount;
  m[o + SUM.sSum] = sSum;
  m[o + LO.sSum] = sSumLo;
  m[o + SUM.cum] = cum;
  m[o + SUM.peak] = peak;
  m[o + SUM.maxDd] = maxDd;
}

/**
 * Moves the time windows to `nowMs`: outcomes at or before now - window leave it. The log
 * holds each block's outcomes grouped by agent (addOutcomes), so, as there, a run of one
 * agent's outcomes leaves through locals: the same operations per agent, so the same bits.
 */
export function advanceTime(s: OutcomeStats, p: OutcomeWindowParams, nowMs: number): void {
  applyPendingOutcomes(s);
  const m = s.sums;
  const ag = s.logAgent;
  const pnl = s.logPnl;
  const cap = ag.length;
  const blockTs = s.blockTs;
  const blockEnd = s.blockEnd;
  const bMask = blockTs.length - 1;
  const longStart = nowMs - p.longWindowMs;
  let i = s.longFront;
  let k = i % cap; // outcome i's log slot
  let b = s.longBlock;
  for (; b < s.blocks && (blockTs[b & bMask] as number) <= longStart; b++) {
    const end = blockEnd[b & bMask] as number;
    while (i < end) {
      const a = ag[k] as number;
      const o = a * SUM_STRIDE;
      let lCount = m[o + SUM.lCount] as number;
      let lSum = m[o + SUM.lSum] as number;
      let lSumLo = m[o + LO.lSum] as number;
      let lSumSq = m[o + SUM.lSumSq] as number;
      let lSumSqLo = m[o + LO.lSumSq] as number;
      let lHits = m[o + SUM.lHits] as number;
      do {
        const x = pnl[k] as number;
        lCount -= 1;
        let y = -x;
        let sum = lSum + y;
        lSumLo += twoSumErr(lSum, y, sum);
        lSum = sum;
        y = -(x * x);
        sum = lSumSq + y;
        lSumSqLo += twoSumErr(lSumSq, y, sum);
        lSumSq = sum;
        lHits -= Number(x > 0);
        i++;
        if (++k === cap) k = 0;
      } while (i < end && ag[k] === a);
      m[o + SUM.lCount] = lCount;
      m[o + SUM.lSum] = lSum;
      m[o + LO.lSum] = lSumLo;
      m[o + SUM.lSumSq] = lSumSq;
      m[o + LO.lSumSq] = lSumSqLo;
      m[o + SUM.lHits] = lHits;
    }
  }
  s.longFront = i;
  s.longBlock = b;
  const shortStart = nowMs - p.shortWindowMs;
  let j = s.shortFront;
  k = j % cap;
  b = s.shortBlock;
  for (; b < s.blocks && (blockTs[b & bMask] as number) <= shortStart; b++) {
    const end = blockEnd[b & bMask] as number;
    while (j < end) {
      const a = ag[k] as number;
      const o = a * SUM_STRIDE;
      let sCount = m[o + SUM.sCount] as number;
      let sSum = m[o + SUM.sSum] as number;
      let sSumLo = m[o + LO.sSum] as number;
      do {
        const y = -(pnl[k] as number);
        sCount -= 1;
        const sum = sSum + y;
        sSumLo += twoSumErr(sSum, y, sum);
        sSum = sum;
        j++;
        if (++k === cap) k = 0;
      } while (j < end && ag[k] === a);
      m[o + SUM.sCount] = sCount;
      m[o + SUM.sSum] = sSum;
      m[o + LO.sSum] = sSumLo;
    }
  }
  s.shortFront = j;
  s.shortBlock = b;
}

/**
 * Returns the earliest time at which advanceTime would drop an outcome from the long or the
 * short window (an outcome at ts leaves once now - window >= ts); Infinity when both are empty.
 * Until then the window sums cannot change without a new outcome: what lets a tick be skipped.
 */
export function nextExpiryMs(s: OutcomeStats, p: OutcomeWindowParams): number {
  let next = Number.POSITIVE_INFINITY;
  const mask = s.blockTs.length - 1;
  if (s.longBlock < s.blocks) next = (s.blockTs[s.longBlock & mask] as number) + p.longWindowMs;
  if (s.shortBlock < s.blocks) next = Math.min(next, (s.blockTs[s.shortBlock & mask] as number) + p.shortWindowMs);
  return next;
}

/** Returns agent a's sum at offset `field` (a SUM member). */
export function sumOf(s: OutcomeStats, a: number, field: number): number {
  const bl = pendingBacklog(s);
  if (bl !== undefined && (bl.pending[a] as number) > 0) applyAgentBacklog(s, bl, a);
  const o = a * SUM_STRIDE;
  const lo = LO_OF[field];
  return lo === undefined ? (s.sums[o + field] as number) : (s.sums[o + field] as number) + (s.sums[o + lo] as number);
}

/**
 * Copies each agent's count-window records, oldest to newest, into CSR arrays (offsets
 * has nAgents + 1 entries): what the default-mode decay reads. Agents with `only[a] === 0`
 * get no rows (their multiplier is not recomputed).
 */
export function countWindowRows(s: OutcomeStats, only?: Uint8Array): { offsets: Int32Array; pnlBps: Float64Array; absErrBps: Float64Array } {
  applyPendingOutcomes(s);
  const L = s.lookback;
  const mask = s.ringCap - 1;
  const offsets = new Int32Array(s.nAgents + 1);
  for (let a = 0; a < s.nAgents; a++) {
    const n = only !== undefined && only[a] === 0 ? 0 : Math.min(L, s.ringCount[a] as number);
    offsets[a + 1] = (offsets[a] as number) + n;
  }
  const total = offsets[s.nAgents] as number;
  const pnlBps = new Float64Array(total);
  const absErrBps = new Float64Array(total);
  for (let a = 0; a < s.nAgents; a++) {
    const count = s.ringCount[a] as number;
    const n = (offsets[a + 1] as number) - (offsets[a] as number);
    let j = offsets[a] as number;
    for (let c = count - n; c < count; c++, j++) {
      const base = (a * s.ringCap + (c & mask)) * RECORD;
      pnlBps[j] = s.ring[base] as number;
      absErrBps[j] = Math.abs(s.ring[base + 1] as number);
    }
  }
  return { offsets, pnlBps, absErrBps };
}

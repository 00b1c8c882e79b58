import { appendEventColumns, appendInOrderOutcomeBlock, appendOutcomeBlock, type EventColumns } from '../../events/log.js';
import { padF64To, pushF64Range } from '../../core/growable.js';
import { expectedPnlBps, realizedPnlBps } from '../../modules/reconcile/reconcile.js';
import { addOutcomes, type OutcomeBlock } from '../../modules/stats/outcome-window.js';
import { addClassRun } from '../../modules/kill/strategy-attribution.js';
import { expectedFor, recordTrainingRow } from '../expectation.js';
import { dueInOrderCount, findingColumns, nextDueMs, popDue, release } from '../pending-findings.js';
import { isLeanBlock, leanBlockLogsRows, reconcileLeanBlock } from './outcomes-lean.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/** The outcome rows' log columns: the same arrays as a DueBlock's (a class, not a literal: see DueBlock). */
class DueLogColumns implements EventColumns {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly strategy: Int32Array;
  readonly v1: Float64Array;
  readonly v2: Float64Array;
  readonly v3: Float64Array;

  constructor(agent: Int32Array, symbol: Int32Array, strategy: Int32Array, v1: Float64Array, v2: Float64Array, v3: Float64Array) {
    this.agent = agent;
    this.symbol = symbol;
    this.strategy = strategy;
    this.v1 = v1;
    this.v2 = v2;
    this.v3 = v3;
  }
}

/**
 * One time's reconciliations as columns (stage 1's scratch, grown by doubling; the first n rows
 * count). A class, not a literal: the second run of a process built its first block from the
 * literal site again, V8 generalized its recorded field types and threw away gatherDue,
 * recordDue and addOutcomes (bench/RESULTS.md, twenty-first session).
 */
class DueBlock implements OutcomeBlock {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  /** The agent's strategy class (-1: none), filled for full log rows (recordDue, or the one-pass kernel's `rows`): their strategy column. */
  readonly strategy: Int32Array;
  readonly pnlBps: Float64Array;
  readonly pnlErrBps: Float64Array;
  readonly expected: Float64Array;
  readonly horizonHours: Float64Array;
  readonly row: Float64Array;
  /** The same arrays as the outcome rows' log columns (built once per block, not per call). */
  readonly logColumns: DueLogColumns;

  constructor(cap: number) {
    this.agent = new Int32Array(cap);
    this.symbol = new Int32Array(cap);
    this.strategy = new Int32Array(cap);
    this.pnlBps = new Float64Array(cap);
    this.pnlErrBps = new Float64Array(cap);
    this.expected = new Float64Array(cap);
    this.horizonHours = new Float64Array(cap);
    this.row = new Float64Array(cap);
    this.logColumns = new DueLogColumns(this.agent, this.symbol, this.strategy, this.pnlBps, this.expected, this.row);
  }
}

/** Each run's block scratch, sized once and grown by doubling: not state (a resumed run starts a new one). */
const blocks = new WeakMap<RunState, DueBlock>();

/**
 * Stage 1, outcomes: the pending findings due at t reach their horizon and are reconciled at
 * the latest close, in (due time, emission) order. Each outcome (realized, expected, error)
 * feeds every later stage: the agent's rolling windows, its class's drawdown, the class CVaR
 * buffer, seed decay's rows, the ridge rows. A lean block (in counter order, score-linear, no
 * seed decay rows: the usual default-mode run, in memory or spilling its log) is reconciled
 * and handed to every consumer in one pass (outcomes-lean.ts); any other is
 * gathered into columns first, then each consumer takes it in one loop (reconcileDueByColumns,
 * also the reference the one-pass kernel is tested against: the same outcomes in the same
 * order, so the same sums). Returns how many were reconciled.
 */
export function reconcileDue(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  if (!isLeanBlock(st, data, cfg)) return reconcileDueByColumns(st, data, cfg, t);
  const n = dueInOrderCount(st.pending, t);
  return reconcileLeanBlock(st, data, cfg, t, n, leanBlockLogsRows(st, data, cfg) ? dueBlockOf(st, n).logColumns : null);
}

/** The run's block scratch with room for n rows (grown by doubling; exported for test/engine/run/state-shapes.test.ts). */
export function dueBlockOf(st: RunState, n: number): DueBlock {
  let blk = blocks.get(st);
  if (blk === undefined) {
    blk = new DueBlock(1024);
    blocks.set(st, blk);
  }
  while (blk.agent.length < n) blk = growDueBlock(st, blk);
  return blk;
}

/** Stage 1 on any block: gathered into columns, then each consumer's loop over them. Returns how many were reconciled. */
export function reconcileDueByColumns(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  let blk = dueBlockOf(st, 0);
  const n = gatherDue(st, data, cfg, t, blk);
  blk = blocks.get(st) as DueBlock; // gatherDue may have grown it
  addOutcomes(st.outcomes, cfg.stats, t, blk, n);
  recordDue(st, data, cfg, t, blk, n);
  return n;
}

/** Pops every finding due at t into the block (outcome and expectation per row) and releases it; returns how many. */
function gatherDue(st: RunState, data: RunData, cfg: RunConfig, t: number, block: DueBlock): number {
  const p = st.pending;
  // Neither the capacity nor the mode changes while reconciling (only a push does that).
  const mask = p.capacity - 1;
  const inOrder = !p.useHeap;
  const { dueMs, horizonHours, entryClose } = p;
  // the findings' own columns: entry c at c & fm (its row in memory, or its ring slot)
  const { symbol, agent, direction, confidence, severityMult, expectedBps, mask: fm } = findingColumns(p, data.findings);
  const lastClose = st.portfolio.lastClose;
  const model = cfg.expectedModel;
  const scoreLinear = model.kind === 'score-linear';
  let b = block;
  let n = 0;
  let flat = 0;
  for (;;) {
    let c: number;
    if (inOrder) {
      c = p.dueHead;
      if (c >= p.tail || dueMs[c & mask] !== t) break;
      p.dueHead = c + 1;
    } else {
      if (nextDueMs(p) !== t) break;
      c = popDue(p);
    }
    if (n === b.agent.length) b = growDueBlock(st, b);
    const k = c & mask;
    const f = c & fm;
    const s = symbol[f] as number;
    const a = agent[f] as number;
    const dir = direction[f] as number;
    const conf = confidence[f] as number;
    const sev = severityMult[f] as number;
    const hours = horizonHours[k] as number;
    const realized = realizedPnlBps(dir, entryClose[k] as number, lastClose[s] as number);
    // score-linear (the default) needs neither the model state nor training rows: no calls.
    let expected: number;
    if (scoreLinear) expected = expectedPnlBps(model, conf, sev);
    else {
      expected = expectedFor(st.expectation, data, cfg, conf, sev, dir, hours, a, expectedBps === undefined ? Number.NaN : (expectedBps[f] as number));
      recordTrainingRow(st.expectation, data, cfg, conf, sev, dir, hours, a, realized);
    }
    // an expected_pnl_bps stored as -0 (the column model) is the 0 it means: + 0, so neither the
    // log nor the pnl error carries the sign of a zero (every other value unchanged)
    expected += 0;
    const pnlErr = realized - expected;
    flat += Number(realized === 0);
    b.agent[n] = a;
    b.symbol[n] = s;
    b.pnlBps[n] = realized;
    b.expected[n] = expected;
    b.pnlErrBps[n] = pnlErr;
    b.horizonHours[n] = hours;
    b.row[n] = c; // the counter is the finding's row (pending-findings.ts)
    release(p, c);
    n++;
  }
  st.out.flatOutcomes += flat;
  return n;
}

function growDueBlock(st: RunState, b: DueBlock): DueBlock {
  const g = new DueBlock(b.agent.length * 2);
  g.agent.set(b.agent);
  g.symbol.set(b.symbol);
  g.strategy.set(b.strategy);
  g.pnlBps.set(b.pnlBps);
  g.pnlErrBps.set(b.pnlErrBps);
  g.expected.set(b.expected);
  g.horizonHours.set(b.horizonHours);
  g.row.set(b.row);
  blocks.set(st, g);
  return g;
}

/**
 * The block's outcomes reach the class accumulators, the CVaR values and seed decay's rows, row
 * by row, then the log as one block (compact when it can be: events/outcome-table.ts). Every outcome of the block has time t, so each CVaR slot's
 * time column is brought level with its values by one fill after the loop, not a push per outcome.
 */
function recordDue(st: RunState, data: RunData, cfg: RunConfig, t: number, b: DueBlock, n: number): void {
  const seedRows = cfg.mode === 'seed' && cfg.decay.enabled;
  const log = cfg.logOutcomes ? st.log : null;
  const agentStrategy = data.agentStrategy;
  const unclassified = data.strategies.length;
  const agent = b.agent;
  // A block's findings come grouped by agent, so by class (M: runs of ~95): each run of one
  // class is added with its figures in locals and its CVaR values appended at once.
  let i = 0;
  while (i < n) {
    const cls = agentStrategy[agent[i] as number] as number;
    let end = i + 1;
    while (end < n && agentStrategy[agent[end] as number] === cls) end++;
    if (cls >= 0) addClassRun(st.classAcc, cls, b.pnlBps, i, end);
    pushF64Range(st.cvarVal[cls >= 0 ? cls : unclassified] as RunState['cvarVal'][number], b.pnlErrBps, i, end);
    i = end;
  }
  if (seedRows) for (let j = 0; j < n; j++) recordSeedRow(st, cfg, agent[j] as number, b.horizonHours[j] as number, Math.abs(b.pnlErrBps[j] as number), b.pnlBps[j] as number);
  for (let k = 0; k <= unclassified; k++) padF64To(st.cvarTs[k] as RunState['cvarTs'][number], t, (st.cvarVal[k] as RunState['cvarVal'][number]).length);
  if (log === null) return;
  // In memory, with the findings in memory, each outcome's agent, symbol and strategy follow
  // from its finding's row (pushed as the row of data.findings, agent and symbol as read
  // there): the log keeps the block compactly, and while they leave the ring in counter order
  // (its rows consecutive) their realized pnl too follows from the
  // finding and the closes. A spilling log gets full rows (its sink writes them).
  if (log.sink === null && data.stream === undefined) {
    if (!st.pending.useHeap) appendInOrderOutcomeBlock(log, t, b.row[0] as number, b.expected, n);
    else appendOutcomeBlock(log, t, b.row, b.pnlBps, b.expected, n);
    return;
  }
  for (let i = 0; i < n; i++) b.strategy[i] = agentStrategy[b.agent[i] as number] as number;
  appendEventColumns(log, 'outcome_reconciled', t, b.logColumns, n);
}

/**
 * Keeps the last decay.limit_rows outcomes of the decay's horizon, in order: what the seed's
 * decay re-reads every cycle. Seed 003 filters the whole file on int(horizon_hours) first and
 * then takes recon[-limit_rows:], so other horizons never crowd matching rows out.
 */
function recordSeedRow(st: RunState, cfg: RunConfig, a: number, horizonHours: number, absErr: number, realized: number): void {
  if (Math.trunc(horizonHours) !== Math.trunc(cfg.decay.horizonHours)) return;
  const rows = st.seedRows;
  const slot = rows.head % rows.agentId.length;
  rows.agentId[slot] = a;
  rows.horizonHours[slot] = horizonHours;
  rows.absErr[slot] = absErr;
  rows.realized[slot] = realized;
  rows.head += 1;
}

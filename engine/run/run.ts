import { assert, BtInputError } from '../core/errors.js';
import { isoFromMs, MS } from '../core/time.js';
import { tickTimes } from '../clock/schedule.js';
import { nextDueMs, pushPending, type PendingFindings } from './pending-findings.js';
import { attachEventSink, type EventSpill } from '../events/log.js';
import { retrainIfDue } from './expectation.js';
import { markClose, markCloseTime, marksCloseOnly, type Portfolio } from '../portfolio/portfolio.js';
import { reconcileDue } from './stages/outcomes.js';
import { applyPendingOutcomes } from '../modules/stats/outcome-window.js';
import { settlePriceBlock } from './stages/portfolio.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';
import { newRunState, type RunState } from './state.js';
import { targetRowColumns } from './target-rows.js';
import { weightRowColumns } from './weight-rows.js';
import { handOverRows, startHandingOver, type RowBatchSink } from './row-batches.js';
import type { GrowableF64 } from '../core/growable.js';
import { runTick, type TickObserver } from './tick.js';
import { joinAgent } from './roster.js';

/** Counts of what a run processed (for the summary and throughput figures). */
export interface RunCounters {
  prices: number;
  findings: number;
  reconciliations: number;
  ticks: number;
  fills: number;
}

/** Where the merge stands: the next row of each source (plain numbers, so a snapshot can hold them). */
export interface StreamCursor {
  pi: number;
  fi: number;
  ti: number;
}

/**
 * Everything needed to continue a run exactly where it stopped: the kernel state, the
 * stream cursors and the counters. Nothing else is carried between events, so a resumed
 * run is the unbroken run.
 */
export interface KernelSnapshot {
  readonly state: RunState;
  readonly cursor: StreamCursor;
  readonly counters: RunCounters;
  /** The run stopped before the first event later than this time. */
  readonly stoppedAfterMs: number;
}

/** Options to stop early (for a snapshot) or to continue from one. */
export interface RunControl {
  /** Stop before the first event later than this time and return a snapshot. */
  readonly stopAfterMs?: number;
  /** Continue from this snapshot (same data and configuration). */
  readonly resume?: KernelSnapshot;
  /** Called after every 64th tick with (ticks done, ticks in all): drives a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called after every tick with what it read and decided (tests, references). */
  readonly onTick?: TickObserver;
  /**
   * Evaluate every stage at every tick: the reference path. By default a tick whose inputs
   * did not change reuses the last proposal (engine/run/tick.ts); outputs are identical.
   */
  readonly everyTick?: boolean;
  /** Hand the event log to `sink` in batches of `batchRows` as it fills (bt run --out); absent: it stays in memory. */
  readonly spill?: EventSpill;
  /**
   * Hand the target rows to this sink a batch at a time, after each tick (bt run --out:
   * targets.arrow); absent: they stay in state.out. Only with `spill` (or a resumed state whose
   * log spills): an in-memory log's targets_set rows point into the target rows (targets-table.ts).
   */
  readonly targetSink?: RowBatchSink;
  /** Hand the agent weight rows to this sink a batch at a time, after each tick (bt run --out: agent_weights.arrow); absent: they stay in state.out. */
  readonly weightSink?: RowBatchSink;
}

/** The finished (or stopped) run: state plus counters; `snapshot` when stopped early (a class, not a literal: see RunState). */
export class RunOutcome {
  readonly state: RunState;
  readonly counters: RunCounters;
  readonly ticksMs: Float64Array;
  readonly snapshot: KernelSnapshot | null;

  constructor(state: RunState, counters: RunCounters, ticksMs: Float64Array, snapshot: KernelSnapshot | null) {
    this.state = state;
    this.counters = counters;
    this.ticksMs = ticksMs;
    this.snapshot = snapshot;
  }
}

/** A source read batch by batch: `b` is the current batch, `i` the next row in it, `base` the global row of b[0]. */
interface BatchCursor<B extends { readonly n: number; readonly tsMs: Float64Array }> {
  readonly next: () => B | null;
  b: B;
  i: number;
  base: number;
}

/** Opens a cursor over a source's batches, positioned at global row `skip` (for a resume). */
function openCursor<B extends { readonly n: number; readonly tsMs: Float64Array }>(next: () => B | null, empty: B, skip: number): BatchCursor<B> {
  const c: BatchCursor<B> = { next, b: next() ?? empty, i: 0, base: 0 };
  while (c.base + c.b.n <= skip) {
    const nb = c.next();
    if (nb === null) {
      c.base += c.b.n;
      c.b = empty;
      return c;
    }
    c.base += c.b.n;
    c.b = nb;
  }
  c.i = skip - c.base;
  return c;
}

/** Returns the time of the cursor's next row, moving to the next batch when one is used up; Infinity at the end. */
function headTs<B extends { readonly n: number; readonly tsMs: Float64Array }>(c: BatchCursor<B>): number {
  while (c.i >= c.b.n) {
    const nb = c.next();
    if (nb === null) return Number.POSITIVE_INFINITY;
    c.base += c.b.n;
    c.b = nb;
    c.i = 0;
  }
  return c.b.tsMs[c.i] as number;
}

const emptyPrices: RunData['prices'] = { n: 0, tsMs: new Float64Array(0), symbolId: new Int32Array(0), close: new Float64Array(0) };
const emptyFindings: RunData['findings'] = {
  n: 0,
  tsMs: new Float64Array(0),
  agentId: new Int32Array(0),
  symbolId: new Int32Array(0),
  confidence: new Float64Array(0),
  severityMult: new Float64Array(0),
  direction: new Int8Array(0),
  horizonHours: new Float64Array(0),
};

/** Returns a next() over one in-memory batch. */
function single<B>(batch: B): () => B | null {
  let done = false;
  return () => {
    if (done) return null;
    done = true;
    return batch;
  };
}

/**
 * Marks every close at t from the price cursor (the block may span batches) and lists in
 * fillSyms the symbols with a pending target; returns how many. Without impact or spread
 * columns a bar is only its close, so the loop writes lastClose directly.
 */
function markPriceBlock(pc: BatchCursor<RunData['prices']>, port: Portfolio, t: number, fillSyms: Int32Array, counters: RunCounters): number {
  const closeOnly = marksCloseOnly(port);
  const lastClose = port.lastClose;
  const pending = port.pending;
  let nFill = 0;
  do {
    const P = pc.b;
    const n = P.n;
    const tsMs = P.tsMs;
    const sym = P.symbolId;
    const close = P.close;
    const i0 = pc.i;
    let i = i0;
    if (closeOnly) {
      for (; i < n && tsMs[i] === t; i++) {
        const s = sym[i] as number;
        lastClose[s] = close[i] as number;
        markCloseTime(port, s, t);
        if (!Number.isNaN(pending[s] as number)) fillSyms[nFill++] = s;
      }
    } else {
      const vol = P.volume;
      const spread = P.spreadBps;
      for (; i < n && tsMs[i] === t; i++) {
        const s = sym[i] as number;
        markClose(port, s, close[i] as number, vol === undefined ? Number.NaN : (vol[i] as number), spread === undefined ? Number.NaN : (spread[i] as number));
        markCloseTime(port, s, t);
        if (!Number.isNaN(pending[s] as number)) fillSyms[nFill++] = s;
      }
    }
    counters.prices += i - i0;
    pc.i = i;
  } while (pc.i >= pc.b.n && headTs(pc) === t);
  return nFill;
}

/** The input error of a finding whose symbol has no price yet. */
function noPriceYet(data: RunData, s: number, row: number, t: number): BtInputError {
  return new BtInputError({
    ...(data.findingsFile !== undefined ? { file: data.findingsFile } : {}),
    row: row + 1,
    field: 'symbol',
    expected: `a price for symbol '${data.symbols[s] ?? s}' at or before the finding's time ${isoFromMs(t)}`,
    found: 'none (its first price comes later)',
    hint: 'Add earlier prices or drop findings before the symbol starts trading',
  });
}

/**
 * Pushes the findings at t of batch F from row i on into the pending set (pushPending), each
 * with its entry close and due time, and returns the row it stopped at: the block's end (or the
 * batch's), or the first finding whose symbol has no price yet or whose agent has not joined
 * (the caller throws, or joins the agent and calls again: the same order of events as a join
 * inside the loop). While the set reads the findings by row and takes them in due order with
 * room to spare (the usual run), the loop writes the ring's columns itself, pushPending's
 * writes for that case, and hands the first finding due before the latest to pushPending.
 */
export function pushFindingRun(pend: PendingFindings, F: RunData['findings'], i: number, t: number, lastClose: Float64Array, agentJoined: Uint8Array, defaultHorizonHours: number, defaultHorizonMs: number): number {
  const tsMs = F.tsMs;
  let end = i;
  while (end < F.n && tsMs[end] === t) end++;
  const symbolId = F.symbolId;
  const agentId = F.agentId;
  const horizon = F.horizonHours;
  let fi = i;
  if (pend.byRow && !pend.useHeap && pend.tail - pend.head + (end - i) <= pend.capacity) {
    const mask = pend.capacity - 1;
    const hours = pend.horizonHours;
    const entryClose = pend.entryClose;
    const due = pend.dueMs;
    const live = pend.live;
    let lastDue = pend.lastDueMs;
    let c = pend.tail;
    for (; fi < end; fi++) {
      const s = symbolId[fi] as number;
      const entry = lastClose[s] as number;
      const h = horizon[fi] as number;
      const dueMs = t + (Number.isNaN(h) ? defaultHorizonMs : h * MS.hour);
      if (Number.isNaN(entry) || agentJoined[agentId[fi] as number] === 0 || !(dueMs >= lastDue)) break;
      const k = c & mask;
      hours[k] = Number.isNaN(h) ? defaultHorizonHours : h;
      entryClose[k] = entry;
      due[k] = dueMs;
      live[k] = 1;
      lastDue = dueMs;
      c++;
    }
    pend.tail = c;
    pend.lastDueMs = lastDue;
    if (fi === end) return fi;
    if (Number.isNaN(lastClose[symbolId[fi] as number] as number) || agentJoined[agentId[fi] as number] === 0) return fi;
  }
  const confidence = F.confidence;
  const severityMult = F.severityMult;
  const direction = F.direction;
  const expected = F.expectedPnlBps;
  for (; fi < end; fi++) {
    const s = symbolId[fi] as number;
    const entry = lastClose[s] as number;
    const a = agentId[fi] as number;
    if (Number.isNaN(entry) || agentJoined[a] === 0) break;
    const h = horizon[fi] as number;
    const horizonHours = Number.isNaN(h) ? defaultHorizonHours : h;
    const dueMs = t + (Number.isNaN(h) ? defaultHorizonMs : h * MS.hour);
    pushPending(pend, a, s, confidence[fi] as number, severityMult[fi] as number, direction[fi] as number, horizonHours, entry, dueMs, expected === undefined ? Number.NaN : (expected[fi] as number));
  }
  return fi;
}

/** An output's row columns in the run's state and the sink they are handed to after each tick. */
interface SpilledRows {
  readonly columns: readonly GrowableF64[];
  readonly sink: RowBatchSink;
}

/**
 * The outputs whose rows go to a sink (control.targetSink, control.weightSink), each started
 * (startHandingOver: a resumed state's rows first). A tick adds at most one target row per
 * symbol and one weight row per agent.
 */
function spilledRows(st: RunState, data: RunData, control: RunControl): SpilledRows[] {
  const spilled: SpilledRows[] = [];
  const start = (columns: GrowableF64[], sink: RowBatchSink | undefined, perTick: number): void => {
    if (sink === undefined) return;
    startHandingOver(columns, sink, perTick);
    spilled.push({ columns, sink });
  };
  start(targetRowColumns(st.out), control.targetSink, data.symbols.length);
  start(weightRowColumns(st.out), control.weightSink, data.agents.length);
  return spilled;
}

/**
 * Replays the merged event stream on the virtual clock (KIND_RANK order at equal times:
 * prices, findings, reconciliations, ticks) and returns the final state. Events before
 * the start warm up prices and statistics; nothing after the end is processed.
 */
export function runBacktest(
  data: RunData,
  cfg: RunConfig,
  allocator: AllocatorPlugin,
  allocatorParams: Readonly<Record<string, unknown>>,
  control: RunControl = {},
): RunOutcome {
  // a resumed state's log hands the rows it holds to the sink first; a new one spills from the start
  const resumed = control.resume?.state;
  if (resumed !== undefined && control.spill !== undefined) attachEventSink(resumed.log, control.spill.sink, control.spill.batchRows, data);
  const st = resumed ?? newRunState(data, cfg, control.spill);
  assert(control.targetSink === undefined || st.log.sink !== null, 'target rows go to a sink only while the event log spills: an in-memory log points into them');
  const spilled = spilledRows(st, data, control);
  // a state whose pending ring reads the findings by row needs them in memory (bt run streams them and snapshots only such runs)
  assert(!(st.pending.byRow && data.stream !== undefined), 'a run state over in-memory findings resumes only on in-memory findings');
  const pend = st.pending;
  const defaultHorizonHours = cfg.defaultHorizonMs / MS.hour;
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs);
  const counters: RunCounters = control.resume ? { ...control.resume.counters } : { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 };
  const port = st.portfolio;
  const fillSyms = new Int32Array(data.symbols.length);
  const END = cfg.endMs;
  const c0 = control.resume?.cursor;
  // Sources are pulled batch by batch (a file stream, or one in-memory batch).
  const pc = openCursor(data.stream ? data.stream.prices() : single(data.prices), emptyPrices, c0?.pi ?? 0);
  const fc = openCursor(data.stream ? data.stream.findings() : single(data.findings), emptyFindings, c0?.fi ?? 0);
  let ti = c0?.ti ?? 0;
  const INF = Number.POSITIVE_INFINITY;
  const STOP = control.stopAfterMs ?? INF;
  for (;;) {
    const tP = headTs(pc);
    const tF = headTs(fc);
    const tR = nextDueMs(pend);
    const tT = ti < ticks.length ? (ticks[ti] as number) : INF;
    const t = Math.min(tP, tF, tR, tT);
    if (t === INF || t > END) break;
    if (t > STOP) {
      applyPendingOutcomes(st.outcomes); // a snapshot holds no pending outcome: the state as applying each at once leaves it
      return new RunOutcome(st, counters, ticks, { state: st, cursor: { pi: pc.base + pc.i, fi: fc.base + fc.i, ti }, counters: { ...counters }, stoppedAfterMs: STOP });
    }
    if (tP === t) {
      // Price block at t: mark every close, then fill pending targets at these closes.
      const nFill = markPriceBlock(pc, port, t, fillSyms, counters);
      counters.fills += settlePriceBlock(st, cfg, t, fillSyms, nFill);
      continue;
    }
    if (tF === t) {
      st.skip.inputsChanged = true;
      do {
        const F = fc.b;
        const i0 = fc.i;
        let fi = pushFindingRun(pend, F, i0, t, port.lastClose, st.agentJoined, defaultHorizonHours, cfg.defaultHorizonMs);
        // Stopped short of the block's end: a finding with no price yet, or an agent joining now.
        while (fi < F.n && F.tsMs[fi] === t) {
          const s = F.symbolId[fi] as number;
          if (Number.isNaN(port.lastClose[s] as number)) throw noPriceYet(data, s, fc.base + fi, t);
          joinAgent(st, data, F.agentId[fi] as number, t);
          fi = pushFindingRun(pend, F, fi, t, port.lastClose, st.agentJoined, defaultHorizonHours, cfg.defaultHorizonMs);
        }
        counters.findings += fi - i0;
        fc.i = fi;
        // A block may continue in the next batch.
      } while (fc.i >= fc.b.n && headTs(fc) === t);
      continue;
    }
    if (tR === t) {
      st.skip.inputsChanged = true;
      counters.reconciliations += reconcileDue(st, data, cfg, t);
      continue;
    }
    // Supervisor tick at t (a due retrain first: the tick's outcomes use no model fit after t).
    retrainIfDue(st.expectation, st.log, data, cfg, t, st.agentJoined, st.classJoined);
    runTick(st, data, cfg, allocator, allocatorParams, t, control.onTick, control.everyTick === true);
    for (let k = 0; k < spilled.length; k++) handOverRows((spilled[k] as SpilledRows).columns, (spilled[k] as SpilledRows).sink);
    ti++;
    counters.ticks++;
    if (control.onProgress !== undefined && (ti & 63) === 0) control.onProgress(ti, ticks.length);
  }
  applyPendingOutcomes(st.outcomes); // the final state holds every outcome in its sums
  return new RunOutcome(st, counters, ticks, null);
}

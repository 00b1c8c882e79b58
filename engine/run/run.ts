import { BtInputError } from '../core/errors.js';
import { isoFromMs, MS } from '../core/time.js';
import { tickTimes } from '../clock/schedule.js';
import { nextDueMs, popDue, pushPending, release } from './pending-findings.js';
import { appendEvent } from '../events/log.js';
import { expectedPnlBps, realizedPnlBps } from '../modules/reconcile/reconcile.js';
import { addOutcome } from '../modules/stats/outcome-window.js';
import { addClassOutcome } from '../modules/kill/strategy-attribution.js';
import { pushF64 } from '../core/growable.js';
import { fillPending, markClose, markToMarket } from '../portfolio/portfolio.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';
import { newRunState, type RunState } from './state.js';
import { runTick } from './tick.js';

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
}

/** The finished (or stopped) run: state plus counters; `snapshot` when stopped early. */
export interface RunOutcome {
  readonly state: RunState;
  readonly counters: RunCounters;
  readonly ticksMs: Float64Array;
  readonly snapshot: KernelSnapshot | null;
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
  const st = control.resume?.state ?? newRunState(data, cfg);
  const P = data.prices;
  const F = data.findings;
  const pend = st.pending;
  const defaultHorizonHours = cfg.defaultHorizonMs / MS.hour;
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs);
  const counters: RunCounters = control.resume ? { ...control.resume.counters } : { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 };
  const port = st.portfolio;
  const fillSyms = new Int32Array(data.symbols.length);
  const END = cfg.endMs;
  const c0 = control.resume?.cursor;
  let pi = c0?.pi ?? 0;
  let fi = c0?.fi ?? 0;
  let ti = c0?.ti ?? 0;
  const INF = Number.POSITIVE_INFINITY;
  const STOP = control.stopAfterMs ?? INF;
  for (;;) {
    const tP = pi < P.n ? (P.tsMs[pi] as number) : INF;
    const tF = fi < F.n ? (F.tsMs[fi] as number) : INF;
    const tR = nextDueMs(pend);
    const tT = ti < ticks.length ? (ticks[ti] as number) : INF;
    const t = Math.min(tP, tF, tR, tT);
    if (t === INF || t > END) break;
    if (t > STOP) {
      return { state: st, counters, ticksMs: ticks, snapshot: { state: st, cursor: { pi, fi, ti }, counters: { ...counters }, stoppedAfterMs: STOP } };
    }
    if (tP === t) {
      // Price block at t: mark every close, then fill pending targets at these closes.
      let nFill = 0;
      while (pi < P.n && (P.tsMs[pi] as number) === t) {
        const s = P.symbolId[pi] as number;
        markClose(port, s, P.close[pi] as number);
        if (!Number.isNaN(port.pending[s] as number)) fillSyms[nFill++] = s;
        pi++;
        counters.prices++;
      }
      let equity = markToMarket(port);
      if (nFill > 0) {
        for (let k = 0; k < nFill; k++) {
          const s = fillSyms[k] as number;
          const f = fillPending(port, s, equity, cfg.costs);
          if (f !== null) {
            appendEvent(st.log, 'fill', t, -1, s, -1, f.qtyAfter, port.lastClose[s] as number, f.cost);
            counters.fills++;
          }
        }
        equity = markToMarket(port);
      }
      if (equity > st.peakEquity) st.peakEquity = equity;
      if (t >= cfg.startMs) {
        pushF64(st.out.equityTs, t);
        pushF64(st.out.equity, equity);
        pushF64(st.out.gross, equity !== 0 ? port.holdings / equity : 0);
      }
      continue;
    }
    if (tF === t) {
      while (fi < F.n && (F.tsMs[fi] as number) === t) {
        const s = F.symbolId[fi] as number;
        const entry = port.lastClose[s] as number;
        if (Number.isNaN(entry)) {
          throw new BtInputError({
            field: 'findings',
            row: fi,
            expected: `a price for symbol '${data.symbols[s] ?? s}' at or before the finding's time ${isoFromMs(t)}`,
            found: 'none (its first price comes later)',
            hint: 'Add earlier prices or drop findings before the symbol starts trading',
          });
        }
        const h = F.horizonHours[fi] as number;
        const horizonHours = Number.isNaN(h) ? defaultHorizonHours : h;
        const dueMs = t + (Number.isNaN(h) ? cfg.defaultHorizonMs : h * MS.hour);
        pushPending(pend, fi, F.agentId[fi] as number, s, F.confidence[fi] as number, F.severityMult[fi] as number, F.direction[fi] as number, horizonHours, entry, dueMs);
        fi++;
        counters.findings++;
      }
      continue;
    }
    if (tR === t) {
      while (nextDueMs(pend) === t) {
        const c = popDue(pend);
        reconcileOne(st, data, cfg, c, t);
        release(pend, c);
        counters.reconciliations++;
      }
      continue;
    }
    // Supervisor tick at t.
    runTick(st, data, cfg, allocator, allocatorParams, t);
    ti++;
    counters.ticks++;
    if (control.onProgress !== undefined && (ti & 63) === 0) control.onProgress(ti, ticks.length);
  }
  return { state: st, counters, ticksMs: ticks, snapshot: null };
}

function reconcileOne(st: RunState, data: RunData, cfg: RunConfig, c: number, t: number): void {
  const p = st.pending;
  const k = c & (p.capacity - 1);
  const s = p.symbol[k] as number;
  const a = p.agent[k] as number;
  const exit = st.portfolio.lastClose[s] as number;
  const realized = realizedPnlBps(p.direction[k] as number, p.entryClose[k] as number, exit);
  const expected = expectedPnlBps(cfg.expectedModel, p.confidence[k] as number, p.severityMult[k] as number);
  const pnlErr = realized - expected;
  const absErr = Math.abs(pnlErr);
  addOutcome(st.outcomes, cfg.stats, a, t, realized, absErr, pnlErr);
  const cls = data.agentStrategy[a] as number;
  if (cls >= 0) addClassOutcome(st.classAcc, cls, realized);
  const cvarSlot = cls >= 0 ? cls : data.strategies.length;
  pushF64(st.cvarTs[cvarSlot] as RunState['cvarTs'][number], t);
  pushF64(st.cvarVal[cvarSlot] as RunState['cvarVal'][number], pnlErr);
  if (cfg.mode === 'seed' && cfg.decay.enabled) recordSeedRow(st, a, p.horizonHours[k] as number, absErr, realized);
  if (cfg.logOutcomes) appendEvent(st.log, 'outcome_reconciled', t, a, s, cls, realized, expected, p.row[k] as number);
}

/** Keeps the last decay.limit_rows outcomes in order: what the seed's decay re-reads every cycle. */
function recordSeedRow(st: RunState, a: number, horizonHours: number, absErr: number, realized: number): void {
  const rows = st.seedRows;
  const slot = rows.head % rows.agentId.length;
  rows.agentId[slot] = a;
  rows.horizonHours[slot] = horizonHours;
  rows.absErr[slot] = absErr;
  rows.realized[slot] = realized;
  rows.head += 1;
}

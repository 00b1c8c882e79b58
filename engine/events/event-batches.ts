import { expectedPnlBps, realizedPnlBps } from '../modules/reconcile/reconcile.js';
import { KIND_CODE } from './event.js';
import { closesAsOf, newClosesAsOf, type PriceCloses } from './closes-as-of.js';
import type { EventLog } from './log.js';
import { newOutcomeTable, OUTCOME_BLOCK } from './outcome-table.js';
import { newTargetsTable, TARGETS_BLOCK } from './targets-table.js';
import { FILL_BLOCK, newFillTable } from './fill-table.js';

const OUTCOME = KIND_CODE.outcome_reconciled;
const TARGETS_SET = KIND_CODE.targets_set;
const FILL = KIND_CODE.fill;

/**
 * What an outcome block's rows take their agent, symbol and strategy (and a score-linear
 * expected pnl) from: the finding's row indexes the in-memory findings (a RunData without
 * stream), the agent its strategy class; a block reconciled in counter order its realized
 * pnl from the finding's direction and the closes the run held at the finding's time and at
 * the block's (the run's own prices, walked again).
 */
export interface OutcomeKeys {
  readonly findings: {
    readonly tsMs: Float64Array;
    readonly agentId: Int32Array;
    readonly symbolId: Int32Array;
    readonly confidence: Float64Array;
    readonly severityMult: Float64Array;
    readonly direction: Int8Array;
  };
  readonly agentStrategy: Int32Array;
  readonly symbols: readonly string[];
  readonly prices: PriceCloses;
}

/** Returns how many event rows the log stands for: spilled, held, and its outcome, targets and fill blocks expanded. */
export function eventRowCount(log: EventLog): number {
  const o = log.outcomes;
  const g = log.targets;
  const f = log.fills;
  return log.spilled + log.length - o.blocks + o.length - g.blocks + g.rows - f.blocks + f.length;
}

/** Returns true when the log holds a block row of any kind (else its rows are full rows). */
function holdsBlocks(log: EventLog): boolean {
  return log.outcomes.blocks > 0 || log.targets.blocks > 0 || log.fills.blocks > 0;
}

/** Returns true when row code `k` stands for a block of rows (OUTCOME_BLOCK, TARGETS_BLOCK, FILL_BLOCK). */
function isBlock(k: number): boolean {
  return k === OUTCOME_BLOCK || k === TARGETS_BLOCK || k === FILL_BLOCK;
}

/** A full-format batch of `rows` rows (no blocks), its texts the log's. */
function newBatch(log: EventLog, rows: number): EventLog {
  return {
    ...log,
    length: 0,
    kind: new Uint8Array(rows),
    tsMs: new Float64Array(rows),
    agent: new Int32Array(rows),
    symbol: new Int32Array(rows),
    strategy: new Int32Array(rows),
    v1: new Float64Array(rows),
    v2: new Float64Array(rows),
    v3: new Float64Array(rows),
    textId: new Int32Array(rows),
    outcomes: newOutcomeTable(0),
    targets: newTargetsTable(),
    fills: newFillTable(0),
  };
}

/** Rows [a, b) of a full-format log as a batch of views (its `spilled`: the global row of row a). */
function viewOf(log: EventLog, a: number, b: number, spilled: number): EventLog {
  const v = <T extends Uint8Array | Int32Array | Float64Array>(x: T): T => x.subarray(a, b) as T;
  return { ...log, length: b - a, spilled, kind: v(log.kind), tsMs: v(log.tsMs), agent: v(log.agent), symbol: v(log.symbol), strategy: v(log.strategy), v1: v(log.v1), v2: v(log.v2), v3: v(log.v3), textId: v(log.textId) };
}

/**
 * Hands `visit` the rows [0, log.length) of `log` as full-format batches (what a sink and
 * events.arrow take: every outcome block expanded to its outcome_reconciled rows, every
 * targets block to its targets_set rows, every fill block to its fill rows), in order, each
 * `batchRows` rows but the last; `spilled` of a batch is the global row of its first row. A
 * batch is valid until `visit` returns (its arrays are reused). An empty log: no batch.
 */
export function forEachEventBatch(log: EventLog, keys: OutcomeKeys, batchRows: number, visit: (batch: EventLog) => void): void {
  const n = log.length;
  const base = log.spilled; // read once: a visit may advance the log's own count (attachEventSink)
  if (!holdsBlocks(log)) {
    for (let a = 0; a < n; a += batchRows) visit(viewOf(log, a, Math.min(n, a + batchRows), base + a));
    return;
  }
  const out = newBatch(log, Math.min(batchRows, eventRowCount(log) - log.spilled));
  const { row, pnl, expected, expectedFrom, pnlStoredFrom } = log.outcomes;
  const agentOf = keys.findings.agentId;
  const symbolOf = keys.findings.symbolId;
  const confidence = keys.findings.confidence;
  const severity = keys.findings.severityMult;
  const findingTs = keys.findings.tsMs;
  const direction = keys.findings.direction;
  const strategyOf = keys.agentStrategy;
  // the closes at the findings' times and at the blocks' (both only move forward: outcome-table.ts)
  const atEntry = newClosesAsOf(keys.symbols.length);
  const atExit = newClosesAsOf(keys.symbols.length);
  let o = 0;
  const flushIfFull = (): void => {
    if (o < batchRows) return;
    out.length = o;
    visit(out);
    out.spilled += o;
    o = 0;
  };
  for (let i = 0; i < n; ) {
    const code = log.kind[i] as number;
    if (!isBlock(code)) {
      let j = i + 1;
      while (j < n && !isBlock(log.kind[j] as number)) j++;
      // a run of full rows [i, j): copied column by column
      while (i < j) {
        const k = Math.min(j - i, batchRows - o);
        for (const c of ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3', 'textId'] as const) out[c].set(log[c].subarray(i, i + k), o);
        o += k;
        i += k;
        flushIfFull();
      }
      continue;
    }
    if (code === TARGETS_BLOCK) {
      // what appendEvent(log, 'targets_set', t, -1, symbol, -1, weight) wrote per row: symbol
      // and weight from the target columns the block points into, agent and strategy -1, v2 and v3 NaN, no text
      const cols = log.targets.columns;
      if (cols === null) throw new Error('internal: a targets block whose target rows are gone');
      const first = log.v1[i] as number;
      const count = log.v2[i] as number;
      const ts = log.tsMs[i] as number;
      const symbol = cols.targetSymbol.data;
      const weight = cols.targetWeight.data;
      for (let done = 0; done < count; ) {
        const k = Math.min(count - done, batchRows - o);
        const to = o + k;
        const shift = first + done - o; // batch row r takes target row r + shift
        out.kind.fill(TARGETS_SET, o, to);
        out.tsMs.fill(ts, o, to);
        out.agent.fill(-1, o, to);
        out.strategy.fill(-1, o, to);
        out.v2.fill(Number.NaN, o, to);
        out.v3.fill(Number.NaN, o, to);
        out.textId.fill(-1, o, to);
        for (let r = o; r < to; r++) out.symbol[r] = symbol[r + shift] as number;
        for (let r = o; r < to; r++) out.v1[r] = weight[r + shift] as number;
        o = to;
        done += k;
        flushIfFull();
      }
      i++;
      continue;
    }
    if (code === FILL_BLOCK) {
      // what appendEvent(log, 'fill', t, -1, symbol, -1, qty, close, cost) wrote per row
      const f = log.fills;
      const first = log.v1[i] as number;
      const count = log.v2[i] as number;
      const ts = log.tsMs[i] as number;
      for (let done = 0; done < count; ) {
        const k = Math.min(count - done, batchRows - o);
        const from = first + done;
        out.kind.fill(FILL, o, o + k);
        out.tsMs.fill(ts, o, o + k);
        out.agent.fill(-1, o, o + k);
        out.strategy.fill(-1, o, o + k);
        out.textId.fill(-1, o, o + k);
        out.symbol.set(f.symbol.subarray(from, from + k), o);
        out.v1.set(f.qty.subarray(from, from + k), o);
        out.v2.set(f.close.subarray(from, from + k), o);
        out.v3.set(f.cost.subarray(from, from + k), o);
        o += k;
        done += k;
        flushIfFull();
      }
      i++;
      continue;
    }
    const first = log.v1[i] as number;
    const count = log.v2[i] as number;
    const ts = log.tsMs[i] as number;
    const row0 = log.v3[i] as number; // the first finding row when they are consecutive, else NaN
    const consecutive = !Number.isNaN(row0);
    const pnlFromCloses = first < pnlStoredFrom;
    const exitClose = pnlFromCloses ? closesAsOf(atExit, keys.prices, ts) : atExit.close;
    for (let done = 0; done < count; ) {
      const k = Math.min(count - done, batchRows - o);
      const shift = first + done - o; // batch row r takes outcome r + shift
      const rowShift = row0 - first; // ... whose finding row is (r + shift) + rowShift when consecutive
      out.kind.fill(OUTCOME, o, o + k);
      out.tsMs.fill(ts, o, o + k);
      out.textId.fill(-1, o, o + k);
      for (let r = o; r < o + k; r++) {
        const f = consecutive ? r + shift + rowShift : (row[r + shift] as number);
        const a = agentOf[f] as number;
        out.agent[r] = a;
        out.symbol[r] = symbolOf[f] as number;
        out.strategy[r] = strategyOf[a] as number;
        if (pnlFromCloses) {
          const s = symbolOf[f] as number;
          const entryClose = closesAsOf(atEntry, keys.prices, findingTs[f] as number)[s] as number;
          out.v1[r] = realizedPnlBps(direction[f] as number, entryClose, exitClose[s] as number);
        } else out.v1[r] = pnl[r + shift] as number;
        out.v2[r] = expectedFrom === null ? (expected[r + shift] as number) : expectedPnlBps(expectedFrom, confidence[f] as number, severity[f] as number);
        out.v3[r] = f;
      }
      o += k;
      done += k;
      flushIfFull();
    }
    i++;
  }
  if (o > 0) {
    out.length = o;
    visit(out);
  }
}


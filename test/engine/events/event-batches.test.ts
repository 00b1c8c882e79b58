import { describe, expect, it } from 'vitest';
import { eventRowCount, forEachEventBatch, type OutcomeKeys } from '../../../engine/events/event-batches.js';
import { appendEvent, appendInOrderOutcomeBlock, appendOutcomeBlock, attachEventSink, newEventLog, spillEventLog, type EventLog } from '../../../engine/events/log.js';
import { appendFullOutcomes, expandedLog, logRows, type LogRow } from '../../helpers/expanded-log.js';
import { expectedPnlBps } from '../../../engine/modules/reconcile/reconcile.js';

/** 300 findings over 7 agents (agent 6 without a class) and 5 symbols. */
const KEYS: OutcomeKeys = {
  findings: {
    tsMs: Float64Array.from({ length: 300 }, (_, r) => 100 + 2 * r),
    agentId: Int32Array.from({ length: 300 }, (_, r) => (r * 3) % 7),
    symbolId: Int32Array.from({ length: 300 }, (_, r) => (r * 7) % 5),
    confidence: Float64Array.from({ length: 300 }, (_, r) => 0.3 + (r % 11) / 17),
    severityMult: Float64Array.from({ length: 300 }, (_, r) => [0.5, 1, 1.5][r % 3] as number),
    direction: Int8Array.from({ length: 300 }, (_, r) => (r % 4 === 1 ? -1 : 1)),
  },
  agentStrategy: Int32Array.from([0, 1, 2, 0, 1, 2, -1]),
  symbols: ['S0', 'S1', 'S2', 'S3', 'S4'],
  // a close per symbol every 3 ms from 90, some times at a finding's or a block's own time
  prices: {
    n: 2000,
    tsMs: Float64Array.from({ length: 2000 }, (_, i) => 90 + 3 * Math.floor(i / 5)),
    symbolId: Int32Array.from({ length: 2000 }, (_, i) => i % 5),
    close: Float64Array.from({ length: 2000 }, (_, i) => 50 + ((i * 37) % 101) / 7),
  },
};

/** The close of symbol s at or before time t, by a scan of every price (the latest row wins at equal times). */
function closeAt(s: number, t: number): number {
  const p = KEYS.prices;
  let c = Number.NaN;
  for (let i = 0; i < p.n; i++) if (p.symbolId[i] === s && (p.tsMs[i] as number) <= t) c = p.close[i] as number;
  return c;
}

const SCORE_LINEAR = { kind: 'score-linear', bpsPerScore: 37.5 } as const;

/**
 * Blocks of 0 to 40 outcomes (the empty ones too), each followed by a text row, and single
 * rows between. `scoreLinear`: the expected pnl is SCORE_LINEAR's of the finding (a compact
 * log made for it recomputes it: it is handed NaN to show it stores none).
 */
function replay(log: EventLog, compact: boolean, scoreLinear = false): void {
  let f = 0;
  for (let b = 0; b < 16; b++) {
    const t = 1000 + b;
    const n = (b * 11) % 41; // 0, 11, 22, 33, 3, ..., 1
    // odd blocks out of row order (two horizons): their rows go in the table; even ones keep only their first
    const row = Float64Array.from({ length: n + 2 }, (_, i) => (b % 2 === 1 && i < n ? f + n - 1 - i : f + i));
    const pnl = Float64Array.from({ length: n + 2 }, (_, i) => b - i / 3);
    const expected = scoreLinear
      ? Float64Array.from(row, (r) => (compact ? Number.NaN : expectedPnlBps(SCORE_LINEAR, KEYS.findings.confidence[r] as number, KEYS.findings.severityMult[r] as number)))
      : Float64Array.from({ length: n + 2 }, (_, i) => (i === 2 ? Number.NaN : i * 1.5));
    if (compact) appendOutcomeBlock(log, t, row, pnl, expected, n);
    else appendFullOutcomes(log, KEYS, t, row, pnl, expected, n);
    f += n;
    appendEvent(log, 'weights_set', t, b % 7, -1, b % 3, b / 5);
    if (b % 3 === 0) appendEvent(log, 'rebalance_skipped', t, -1, -1, -1, b, Number.NaN, Number.NaN, `skip ${b}`);
  }
}

function batchesOf(log: EventLog, batchRows: number): { spilled: number; rows: LogRow[] }[] {
  const out: { spilled: number; rows: LogRow[] }[] = [];
  forEachEventBatch(log, KEYS, batchRows, (b) => out.push({ spilled: b.spilled, rows: logRows(b) }));
  return out;
}

describe('forEachEventBatch', () => {
  it('expands outcome blocks to the rows appendEventColumns writes, in batches of any size that cut blocks anywhere', () => {
    const full = newEventLog(4);
    replay(full, false);
    const compact = newEventLog(4);
    replay(compact, true);
    // one row per non-empty block (block 0 is empty), 20 bytes an outcome in the table
    expect(compact.outcomes.blocks).toBe(15);
    expect(compact.length).toBe(full.length - compact.outcomes.length + compact.outcomes.blocks);
    expect(eventRowCount(compact)).toBe(full.length);
    const firstRows = Array.from(compact.v3.subarray(0, compact.length)).filter((_, i) => compact.kind[i] === 255);
    expect(firstRows.filter((r) => Number.isNaN(r)).length).toBe(7); // the odd blocks but the last (one outcome)
    for (const batchRows of [1, 3, 7, 64, 10_000]) {
      const batches = batchesOf(compact, batchRows);
      expect(batches.flatMap((b) => b.rows), `batches of ${batchRows}`).toEqual(logRows(full));
      expect(batches.map((b) => b.spilled)).toEqual(batches.map((_, i) => i * batchRows));
      expect(batches.slice(0, -1).every((b) => b.rows.length === batchRows)).toBe(true);
      expect(batchesOf(full, batchRows)).toEqual(batches);
    }
    expect(logRows(expandedLog(compact, KEYS))).toEqual(logRows(full));
  });

  it('recomputes a score-linear expected pnl from the finding instead of storing it, to the same bits', () => {
    const full = newEventLog(4);
    replay(full, false, true);
    const compact = newEventLog(4, 0, SCORE_LINEAR);
    replay(compact, true, true);
    expect(compact.outcomes.expected.length).toBe(0);
    expect(batchesOf(compact, 7)).toEqual(batchesOf(full, 7));
  });

  it('recomputes the realized pnl of blocks reconciled in counter order from the closes at the finding and at the block, storing none', () => {
    // blocks at 699, 703, 705, ...: rows 0..185 in order, findings (every 2 ms from 100) sometimes on a price time
    const full = newEventLog(4);
    const compact = newEventLog(4, 1000, SCORE_LINEAR);
    let f = 0;
    for (let b = 0; b < 12; b++) {
      const t = 699 + 3 * b + (b % 2); // on a price time (even b) and between two (odd b)
      const n = [0, 5, 20, 37][b % 4] as number;
      const row = Float64Array.from({ length: n }, (_, i) => f + i);
      const pnl = Float64Array.from(row, (r) => {
        const s = KEYS.findings.symbolId[r] as number;
        const entry = closeAt(s, KEYS.findings.tsMs[r] as number);
        return (KEYS.findings.direction[r] as number) * (closeAt(s, t) / entry - 1) * 1e4;
      });
      const expected = Float64Array.from(row, (r) => expectedPnlBps(SCORE_LINEAR, KEYS.findings.confidence[r] as number, KEYS.findings.severityMult[r] as number));
      appendFullOutcomes(full, KEYS, t, row, pnl, expected, n);
      appendInOrderOutcomeBlock(compact, t, f, new Float64Array(n).fill(Number.NaN), n);
      appendEvent(full, 'weights_set', t, b % 7, -1, b % 3, b / 5);
      appendEvent(compact, 'weights_set', t, b % 7, -1, b % 3, b / 5);
      f += n;
    }
    expect(f).toBe(186);
    expect(compact.outcomes.pnlStoredFrom).toBe(Number.POSITIVE_INFINITY);
    expect(compact.outcomes.pnl.subarray(0, f).every((x) => x === 0)).toBe(true); // nothing written
    expect(batchesOf(compact, 13)).toEqual(batchesOf(full, 13));
    // a block out of order stores its pnl, and none in order may follow it
    const late = Float64Array.from([200, 190]);
    appendOutcomeBlock(compact, 800, late, Float64Array.from([1.5, -2]), new Float64Array(2), 2);
    appendFullOutcomes(full, KEYS, 800, late, Float64Array.from([1.5, -2]), Float64Array.from(late, (r) => expectedPnlBps(SCORE_LINEAR, KEYS.findings.confidence[r] as number, KEYS.findings.severityMult[r] as number)), 2);
    expect(compact.outcomes.pnlStoredFrom).toBe(f);
    expect(batchesOf(compact, 13)).toEqual(batchesOf(full, 13));
    expect(expandedLog(compact, KEYS).v1.subarray(full.length - 2, full.length)).toEqual(Float64Array.from([1.5, -2]));
    expect(() => appendInOrderOutcomeBlock(compact, 801, 300, new Float64Array(1), 1)).toThrow(/counter order/);
  });

  it('appends nothing for an empty block, and hands an empty log no batch', () => {
    const log = newEventLog(4);
    appendOutcomeBlock(log, 5, new Float64Array(4), new Float64Array(4), new Float64Array(4), 0);
    expect([log.length, log.outcomes.length, log.outcomes.blocks]).toEqual([0, 0, 0]);
    expect(batchesOf(log, 8)).toEqual([]);
  });
});

describe('attachEventSink', () => {
  it('sends a compact log it already holds (a resumed snapshot) expanded, in whole batches, then continues in full rows', () => {
    const whole = newEventLog(4);
    replay(whole, false);
    replay(whole, false);
    const resumed = newEventLog(4);
    replay(resumed, true);
    const batches: { spilled: number; rows: LogRow[] }[] = [];
    attachEventSink(resumed, { append: (b) => batches.push({ spilled: b.spilled, rows: logRows(b) }) }, 50, KEYS);
    const held = whole.length / 2; // the rows of one replay
    expect(batches.map((b) => [b.spilled, b.rows.length])).toEqual(Array.from({ length: Math.floor(held / 50) }, (_, i) => [i * 50, 50]));
    expect(resumed.length).toBe(held % 50);
    expect(resumed.outcomes.blocks).toBe(0);
    replay(resumed, false);
    spillEventLog(resumed);
    expect(batches.flatMap((b) => b.rows)).toEqual(logRows(whole));
    expect(batches.map((b) => b.spilled)).toEqual(batches.map((_, i) => i * 50));
  });
});

import { describe, expect, it } from 'vitest';
import { appendEvent, appendEventColumns, attachEventSink, claimEventRows, newEventLog, spillEventLog, type EventLog } from '../../../engine/events/log.js';
import type { OutcomeKeys } from '../../../engine/events/event-batches.js';
import { logRows, type LogRow } from '../../helpers/expanded-log.js';

/** Keys for logs without outcome blocks (nothing to expand). */
const NO_KEYS: OutcomeKeys = {
  findings: { tsMs: new Float64Array(0), agentId: new Int32Array(0), symbolId: new Int32Array(0), confidence: new Float64Array(0), severityMult: new Float64Array(0), direction: new Int8Array(0) },
  agentStrategy: new Int32Array(0),
  symbols: [],
  prices: { n: 0, tsMs: new Float64Array(0), symbolId: new Int32Array(0), close: new Float64Array(0) },
};

/** Appends n rows; every third carries a text. */
function fill(log: EventLog, from: number, n: number): void {
  for (let i = from; i < from + n; i++) appendEvent(log, i % 2 === 0 ? 'weights_set' : 'rebalance_skipped', 1000 + i, i % 5, -1, i % 3, i / 7, Number.NaN, i, i % 3 === 0 ? `text ${i}` : null);
}

/** A sink that copies each batch it receives (the log reuses its arrays). */
function collectingSink(): { batches: { spilled: number; rows: LogRow[] }[]; sink: { append: (log: EventLog) => void } } {
  const batches: { spilled: number; rows: LogRow[] }[] = [];
  return { batches, sink: { append: (log) => batches.push({ spilled: log.spilled, rows: logRows(log) }) } };
}

describe('appendEvent', () => {
  it('hands full batches to the sink and keeps the rest: the batches and the rest are the in-memory log row for row', () => {
    const whole = newEventLog(4);
    fill(whole, 0, 23);
    const spilling = newEventLog(4);
    const c = collectingSink();
    attachEventSink(spilling, c.sink, 5, NO_KEYS);
    fill(spilling, 0, 23);
    // 23 rows in batches of 5: four full batches handed over, 3 rows still in the batch
    expect(c.batches.map((b) => [b.spilled, b.rows.length])).toEqual([[0, 5], [5, 5], [10, 5], [15, 5]]);
    expect(spilling.spilled).toBe(20);
    expect(spilling.kind.length).toBe(5);
    expect([...c.batches.flatMap((b) => b.rows), ...logRows(spilling)]).toEqual(logRows(whole));
    spillEventLog(spilling);
    expect(spilling.length).toBe(0);
    expect(c.batches.flatMap((b) => b.rows)).toEqual(logRows(whole));
  });
});

describe('attachEventSink', () => {
  it('sends the rows a log already holds (a resumed snapshot) in whole batches, then continues in the same order', () => {
    const whole = newEventLog(4);
    fill(whole, 0, 40);
    const resumed = newEventLog(4);
    fill(resumed, 0, 17);
    const c = collectingSink();
    attachEventSink(resumed, c.sink, 6, NO_KEYS);
    expect(c.batches.map((b) => [b.spilled, b.rows.length])).toEqual([[0, 6], [6, 6]]);
    expect(resumed.length).toBe(5);
    expect(resumed.texts).toEqual(['text 12', 'text 15']);
    fill(resumed, 17, 23);
    spillEventLog(resumed);
    expect(c.batches.map((b) => b.rows.length)).toEqual([6, 6, 6, 6, 6, 6, 4]);
    expect(c.batches.flatMap((b) => b.rows)).toEqual(logRows(whole));
  });
});

describe('appendEventColumns', () => {
  /** Blocks of 1 to 9 outcome rows at one time each, between single text rows: as columns and as values. */
  function blocks(): { t: number; cols: { agent: Int32Array; symbol: Int32Array; strategy: Int32Array; v1: Float64Array; v2: Float64Array; v3: Float64Array }; n: number }[] {
    return Array.from({ length: 12 }, (_, b) => {
      const n = 1 + ((b * 5) % 9);
      const cap = n + 3; // columns longer than the block: only the first n rows count
      const f = (g: (i: number) => number): Float64Array => Float64Array.from({ length: cap }, (_x, i) => g(i));
      const cols = { agent: Int32Array.from({ length: cap }, (_x, i) => (b + i) % 4), symbol: Int32Array.from({ length: cap }, (_x, i) => i % 3), strategy: Int32Array.from({ length: cap }, (_x, i) => (i % 2) - 1), v1: f((i) => b - i / 3), v2: f((i) => (i === 1 ? Number.NaN : i * 1.5)), v3: f((i) => b * 100 + i) };
      return { t: 5000 + b, cols, n };
    });
  }

  /** How a block goes in: row by row, as columns, or claimed and written in place (from columns when the batch has no room). */
  type Way = 'rows' | 'columns' | 'claimed';

  function claimed(log: EventLog, t: number, cols: ReturnType<typeof blocks>[number]['cols'], n: number): void {
    const at = claimEventRows(log, 'outcome_reconciled', t, n);
    if (at < 0) {
      appendEventColumns(log, 'outcome_reconciled', t, cols, n);
      return;
    }
    for (const k of ['agent', 'symbol', 'strategy', 'v1', 'v2', 'v3'] as const) for (let i = 0; i < n; i++) log[k][at + i] = cols[k][i] as number;
  }

  function replay(log: EventLog, way: Way | boolean): void {
    const w: Way = way === true ? 'columns' : way === false ? 'rows' : way;
    blocks().forEach(({ t, cols, n }, b) => {
      if (w === 'columns') appendEventColumns(log, 'outcome_reconciled', t, cols, n);
      else if (w === 'claimed') claimed(log, t, cols, n);
      else for (let i = 0; i < n; i++) appendEvent(log, 'outcome_reconciled', t, cols.agent[i] as number, cols.symbol[i] as number, cols.strategy[i] as number, cols.v1[i] as number, cols.v2[i] as number, cols.v3[i] as number);
      appendEvent(log, 'rebalance_skipped', t, -1, -1, -1, b, Number.NaN, Number.NaN, `between ${b}`);
    });
  }

  it('writes the rows appendEvent writes row by row, in memory (growing) and spilled (the same batches)', () => {
    const byRow = newEventLog(4);
    replay(byRow, false);
    const byBlock = newEventLog(4);
    replay(byBlock, true);
    expect(logRows(byBlock)).toEqual(logRows(byRow));
    const spillRows = collectingSink();
    const spilledByRow = newEventLog(4);
    attachEventSink(spilledByRow, spillRows.sink, 7, NO_KEYS);
    replay(spilledByRow, false);
    spillEventLog(spilledByRow);
    const spillBlocks = collectingSink();
    const spilledByBlock = newEventLog(4);
    attachEventSink(spilledByBlock, spillBlocks.sink, 7, NO_KEYS);
    replay(spilledByBlock, true);
    spillEventLog(spilledByBlock);
    expect(spillBlocks.batches).toEqual(spillRows.batches);
    expect(spillBlocks.batches.flatMap((b) => b.rows)).toEqual(logRows(byRow));
  });

  it('claimEventRows: rows claimed and written in place are the rows appendEvent writes, in memory (growing) and spilled (from columns where a batch has no room: the same batches)', () => {
    const byRow = newEventLog(4);
    replay(byRow, 'rows');
    const inPlace = newEventLog(4);
    replay(inPlace, 'claimed');
    expect(logRows(inPlace)).toEqual(logRows(byRow));
    for (const batchRows of [7, 10, 64]) {
      const spillRows = collectingSink();
      const spilledByRow = newEventLog(4);
      attachEventSink(spilledByRow, spillRows.sink, batchRows, NO_KEYS);
      replay(spilledByRow, 'rows');
      spillEventLog(spilledByRow);
      const spillClaimed = collectingSink();
      const spilledClaimed = newEventLog(4);
      attachEventSink(spilledClaimed, spillClaimed.sink, batchRows, NO_KEYS);
      replay(spilledClaimed, 'claimed');
      spillEventLog(spilledClaimed);
      expect(spillClaimed.batches).toEqual(spillRows.batches);
    }
  });
});

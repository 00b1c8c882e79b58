import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { growableF64, pushF64 } from '../../../engine/core/growable.js';
import { MS } from '../../../engine/core/time.js';
import { KIND_CODE, LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { eventRowCount, forEachEventBatch } from '../../../engine/events/event-batches.js';
import { appendEvent, appendFillBlock, appendTargetsBlock, attachEventSink, holdsTargetBlocks, newEventLog, type EventLog, type EventLogSink } from '../../../engine/events/log.js';
import { OUTCOME_BLOCK } from '../../../engine/events/outcome-table.js';
import { TARGETS_BLOCK } from '../../../engine/events/targets-table.js';
import { FILL_BLOCK, pushFill } from '../../../engine/events/fill-table.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { runBacktest, type KernelSnapshot, type RunControl } from '../../../engine/run/run.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { drawReferenceSpec, referenceScenario, variantModeFrames } from '../../helpers/reference-scenario.js';

/*
 * A run whose event log and target rows stay in memory holds each rebalance's targets_set rows
 * as one TARGETS_BLOCK row pointing into its target output columns, and each price block's fill
 * rows as one FILL_BLOCK row over the log's fill table. Read through forEachEventBatch, such a
 * log must be, row for row and bit for bit, the log of full rows the same run writes where it
 * keeps no block: while spilling (bt run), or resumed and then spilled.
 */

const COLUMNS = ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3'] as const;

/** A full-format log collecting the batches handed to it (texts remapped), as a sink or a forEachEventBatch visit. */
function collector(): { log: EventLog; sink: EventLogSink } {
  const log = newEventLog(1);
  const append = (b: EventLog): void => {
    const n = log.length + b.length;
    if (n > log.kind.length) {
      const grown = newEventLog(Math.max(n, 2 * log.kind.length));
      for (const c of [...COLUMNS, 'textId'] as const) grown[c].set(log[c].subarray(0, log.length) as never);
      Object.assign(log, { ...grown, length: log.length, texts: log.texts });
    }
    for (const c of COLUMNS) log[c].set(b[c].subarray(0, b.length) as never, log.length);
    for (let i = 0; i < b.length; i++) {
      const id = b.textId[i] as number;
      log.textId[log.length + i] = id < 0 ? -1 : log.texts.push(b.texts[id] as string) - 1;
    }
    log.length = n;
  };
  return { log, sink: { append } };
}

/** The rows a log stands for, expanded in batches of `batchRows`. */
function expanded(log: EventLog, data: RunData, batchRows: number): EventLog {
  const c = collector();
  forEachEventBatch(log, data, batchRows, c.sink.append);
  return c.log;
}

/** A finished spilling run's log: the batches its sink took, then the rows it still holds. */
function spilledRows(run: (spill: RunControl['spill']) => EventLog): EventLog {
  const c = collector();
  const rest = run({ sink: c.sink, batchRows: 61 });
  c.sink.append(rest);
  return c.log;
}

/** Every column's bytes (so NaN payloads too), and every row's text, the same in both logs. */
function expectSameRows(got: EventLog, want: EventLog, label: string): void {
  expect(got.length, label).toBe(want.length);
  for (const c of COLUMNS) {
    const bytes = (l: EventLog): Buffer => {
      const a = l[c].subarray(0, l.length);
      return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    };
    expect(bytes(got).equals(bytes(want)), `${label}: column ${c}`).toBe(true);
  }
  const texts = (l: EventLog): (string | null)[] => Array.from(l.textId.subarray(0, l.length), (id) => (id < 0 ? null : (l.texts[id] as string)));
  expect(texts(got), label).toEqual(texts(want));
}

/** Generated scenarios over every variant and mode; half with the guardian on, thresholds that hold some ticks. */
function scenarios(): { name: string; data: RunData; cfg: RunConfig; plugin: AllocatorPlugin }[] {
  const rng = createRng(20261204, 'targets-block');
  return variantModeFrames(700).map((frame, i) => {
    const spec = { ...drawReferenceSpec(rng, frame, [0.1, 0.6], [0, 0.02, 0.1]), guardian: i % 2 === 0 };
    const { data, cfg } = referenceScenario(spec);
    // a guardian that pauses and resumes within the span
    const governor = spec.guardian ? { ...cfg.governor, guardian: { enabled: true, pauseDrawdown: 0.01, resumeDrawdown: 0.005 } } : cfg.governor;
    return { name: spec.name, data, cfg: { ...cfg, governor }, plugin: ALLOCATORS[spec.variant] as AllocatorPlugin };
  });
}

describe('targets and fill blocks in an in-memory event log', () => {
  it('expand to the targets_set and fill rows a spilling run writes, row for row and bit for bit, in batches cut anywhere', () => {
    const seen = { blocks: 0, paused: 0, held: 0 };
    for (const { name, data, cfg, plugin } of scenarios()) {
      const params = defaultsOf(plugin);
      const memory = runBacktest(data, cfg, plugin, params).state.log;
      const full = spilledRows((spill) => runBacktest(data, cfg, plugin, params, { spill: spill as NonNullable<RunControl['spill']> }).state.log);
      expect(memory.targets.blocks, name).toBeGreaterThan(0);
      expect(memory.fills.blocks, name).toBeGreaterThan(0);
      // one row per block in memory, the rows it stands for in the count
      expect(eventRowCount(memory), name).toBe(full.length);
      const blocks = [memory.outcomes, memory.fills].reduce((d, b) => d + b.blocks - b.length, memory.targets.blocks - memory.targets.rows);
      expect(memory.length, name).toBe(full.length + blocks);
      for (const batchRows of [1, 7, 64, full.length]) expectSameRows(expanded(memory, data, batchRows), full, `${name}, batches of ${batchRows}`);
      // a run that keeps no target rows writes full targets_set rows: the same ones
      const noRows = runBacktest(data, { ...cfg, targetRows: false }, plugin, params).state.log;
      expect(noRows.targets.blocks, name).toBe(0);
      expect(noRows.fills.blocks, name).toBe(memory.fills.blocks);
      expectSameRows(expanded(noRows, data, 1 << 20), full, `${name}, no target rows`);
      seen.blocks += memory.targets.blocks;
      for (let i = 0; i < full.length; i++) {
        if (full.kind[i] === KIND_CODE.guardian_paused) seen.paused++;
        if (full.kind[i] === KIND_CODE.rebalance_skipped && full.texts[full.textId[i] as number] === 'below reallocation threshold') seen.held++;
      }
    }
    // the matrix does reach guardian pauses and ticks held below the threshold
    expect(seen.paused).toBeGreaterThan(0);
    expect(seen.held).toBeGreaterThan(0);
    expect(seen.blocks).toBeGreaterThan(100);
  });

  it('survive a snapshot mid-run: resumed in memory or spilled, the rows are those of the unbroken run', () => {
    for (const { name, data, cfg, plugin } of scenarios().slice(0, 4)) {
      const params = defaultsOf(plugin);
      const whole = spilledRows((spill) => runBacktest(data, cfg, plugin, params, { spill: spill as NonNullable<RunControl['spill']> }).state.log);
      const stopAfterMs = cfg.startMs + Math.floor((cfg.endMs - cfg.startMs) / 2 / MS.hour) * MS.hour;
      const snap = runBacktest(data, cfg, plugin, params, { stopAfterMs }).snapshot as KernelSnapshot;
      expect(snap.state.log.targets.blocks, name).toBeGreaterThan(0);
      expect(snap.state.log.fills.blocks, name).toBeGreaterThan(0);
      // a snapshot is the state through v8's structured clone (engine/io/snapshot-file.ts)
      const copy = (): KernelSnapshot => deserialize(serialize(snap)) as KernelSnapshot;
      const restored = copy();
      // the blocks still point into the state's own target rows, so the resumed run adds blocks to them
      expect(restored.state.log.targets.columns, name).toBe(restored.state.out);
      const inMemory = runBacktest(data, cfg, plugin, params, { resume: restored }).state.log;
      expect(inMemory.targets.blocks, name).toBeGreaterThan(snap.state.log.targets.blocks);
      expect(inMemory.fills.blocks, name).toBeGreaterThan(snap.state.log.fills.blocks);
      expectSameRows(expanded(inMemory, data, 97), whole, `${name}, resumed in memory`);
      const spilled = spilledRows((spill) => runBacktest(data, cfg, plugin, params, { resume: copy(), spill: spill as NonNullable<RunControl['spill']> }).state.log);
      expectSameRows(spilled, whole, `${name}, resumed and spilled`);
    }
  });
});

describe('target rows handed to a sink', () => {
  it('go to one only while the log spills: an in-memory log (new or resumed) points its targets blocks into them, and the sink moves them', () => {
    const { data, cfg, plugin } = scenarios()[0] as ReturnType<typeof scenarios>[number];
    const params = defaultsOf(plugin);
    const targetSink = { batchRows: 5, append: (): void => undefined };
    expect(() => runBacktest(data, cfg, plugin, params, { targetSink })).toThrow(/target rows go to a sink only while the event log spills/);
    const stopAfterMs = cfg.startMs + Math.floor((cfg.endMs - cfg.startMs) / 2 / MS.hour) * MS.hour;
    const snap = runBacktest(data, cfg, plugin, params, { stopAfterMs }).snapshot as KernelSnapshot;
    expect(() => runBacktest(data, cfg, plugin, params, { resume: deserialize(serialize(snap)) as KernelSnapshot, targetSink })).toThrow(/only while the event log spills/);
    // with the log spilling, the resumed state's blocks go out first, then its rows move
    const handed: number[] = [];
    const c = collector();
    const run = runBacktest(data, cfg, plugin, params, { resume: deserialize(serialize(snap)) as KernelSnapshot, spill: { sink: c.sink, batchRows: 61 }, targetSink: { batchRows: 5, append: ([ts]) => handed.push(...(ts as Float64Array)) } });
    expect(run.state.out.targetTs.length).toBeLessThan(5 + data.symbols.length);
    expect(handed.length % 5).toBe(0);
    expect(handed.length).toBeGreaterThan(snap.state.out.targetTs.length);
  });
});

describe('a TARGETS_BLOCK or FILL_BLOCK row', () => {
  /** Keys for a log without outcome blocks (nothing is read from them). */
  const NO_OUTCOME_KEYS = { findings: {}, agentStrategy: new Int32Array(0), symbols: [], prices: {} } as unknown as RunData;
  /** A log with a block of three target rows and one of two fills between logged rows. */
  function logWithBlock(): { log: EventLog; cols: { targetSymbol: ReturnType<typeof growableF64>; targetWeight: ReturnType<typeof growableF64> } } {
    const cols = { targetSymbol: growableF64(4), targetWeight: growableF64(4) };
    const log = newEventLog(2);
    appendEvent(log, 'weights_set', 5, 0, -1, 1, 0.5);
    for (const [s, w] of [[2, 0.25], [0, 0], [1, -0]] as const) {
      pushF64(cols.targetSymbol, s);
      pushF64(cols.targetWeight, w);
    }
    appendTargetsBlock(log, 5, cols, 0, 3);
    appendEvent(log, 'rebalance_skipped', 6, -1, -1, -1, 0.01, Number.NaN, Number.NaN, 'below reallocation threshold');
    pushFill(log.fills, 2, 1250.5, 40, 0.75);
    pushFill(log.fills, 1, -0, 12.5, Number.NaN);
    appendFillBlock(log, 7, 0, 2);
    return { log, cols };
  }

  it('has a kind code no logged event has, and no reader is handed it', () => {
    for (const code of [TARGETS_BLOCK, FILL_BLOCK]) {
      expect((LOGGED_EVENT_KINDS as readonly string[])[code]).toBeUndefined();
      expect(Object.values(KIND_CODE)).not.toContain(code);
    }
    expect(new Set([TARGETS_BLOCK, FILL_BLOCK, OUTCOME_BLOCK]).size).toBe(3);
    const { log } = logWithBlock();
    expect(Array.from(log.kind.subarray(0, log.length))).toEqual([KIND_CODE.weights_set, TARGETS_BLOCK, KIND_CODE.rebalance_skipped, FILL_BLOCK]);
    const rows = expanded(log, NO_OUTCOME_KEYS, 2);
    expect(Array.from(rows.kind.subarray(0, rows.length), (k) => LOGGED_EVENT_KINDS[k])).toEqual(['weights_set', 'targets_set', 'targets_set', 'targets_set', 'rebalance_skipped', 'fill', 'fill']);
    // the fill rows appendEvent writes: symbol, quantity after, price, cost; agent and strategy -1, no text
    expect(Array.from(rows.tsMs.subarray(5, 7))).toEqual([7, 7]);
    expect(Array.from(rows.symbol.subarray(5, 7))).toEqual([2, 1]);
    expect([rows.v1[5], rows.v2[5], rows.v3[5], rows.v1[6], rows.v2[6], rows.v3[6]]).toEqual([1250.5, 40, 0.75, -0, 12.5, Number.NaN]);
    expect([...rows.agent.subarray(5, 7), ...rows.strategy.subarray(5, 7), ...rows.textId.subarray(5, 7)]).toEqual(Array(6).fill(-1));
    // the rows appendEvent writes: agent and strategy -1, v2 and v3 NaN, no text; -0 stays -0
    expect(Array.from(rows.symbol.subarray(1, 4))).toEqual([2, 0, 1]);
    expect(Array.from(rows.v1.subarray(1, 4))).toEqual([0.25, 0, -0]);
    expect([...rows.agent.subarray(1, 4), ...rows.strategy.subarray(1, 4), ...rows.textId.subarray(1, 4)]).toEqual(Array(9).fill(-1));
    expect([...rows.v2.subarray(1, 4), ...rows.v3.subarray(1, 4)].every(Number.isNaN)).toBe(true);
  });

  it('goes out to a sink attached later as its full rows, and is never appended to a log that spills (nor a targets block over other target rows)', () => {
    const { log, cols } = logWithBlock();
    const sink = collector();
    attachEventSink(log, sink.sink, 2, NO_OUTCOME_KEYS);
    expect([log.targets.blocks, log.fills.blocks]).toEqual([0, 0]);
    sink.sink.append(log);
    expect(Array.from(sink.log.kind.subarray(0, sink.log.length), (k) => LOGGED_EVENT_KINDS[k])).toEqual(['weights_set', 'targets_set', 'targets_set', 'targets_set', 'rebalance_skipped', 'fill', 'fill']);
    expect(holdsTargetBlocks(log, cols)).toBe(false);
    expect(() => appendTargetsBlock(log, 8, cols, 0, 1)).toThrow(/internal/);
    pushFill(log.fills, 0, 1, 1, 0);
    expect(() => appendFillBlock(log, 8, 0, 1)).toThrow(/internal/);
    const inMemory = logWithBlock();
    const other = { targetSymbol: growableF64(4), targetWeight: growableF64(4) };
    expect(holdsTargetBlocks(inMemory.log, inMemory.cols)).toBe(true);
    expect(holdsTargetBlocks(inMemory.log, other)).toBe(false);
    expect(() => appendTargetsBlock(inMemory.log, 8, other, 0, 1)).toThrow(/internal/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { RecordBatchFileReader } from 'apache-arrow';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { streamPricesArrow } from '../../../datasets/read/read-prices.js';
import type { PricesColumns } from '../../../datasets/schemas/columns.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { openRunStream } from '../../../engine/io/stream-run-data.js';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { inputErrorMessage } from '../../helpers/input-error.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 11, agents: 8, symbols: 6, startMs: start, endMs: start + 20 * MS.day, freqMs: MS.hour });
const paths = { findings: join(dir, 'findings.arrow'), prices: join(dir, 'prices.arrow'), agents: join(dir, 'agents.arrow'), killList: join(dir, 'kill_list.yaml'), display: {} };
// Small record batches, so the replay crosses many batch boundaries.
writeFindingsArrow(paths.findings, u.findings, { batchRows: 97 });
writePricesArrow(paths.prices, u.prices as NonNullable<typeof u.prices>, { batchRows: 101 });
writeAgentsArrow(paths.agents, u.agents);
writeKillListYaml(paths.killList, u.killList);

/** A copy of the universe's findings file at `name`, with `edit` applied to a copy of its columns. */
function findingsWith(name: string, edit: (f: { confidence: Float64Array; agentCodes: Int32Array; agentNames: string[] }) => void): typeof paths {
  const f = u.findings;
  const cols = { confidence: f.confidence.slice(), agentCodes: f.agent.codes.slice(), agentNames: [...f.agent.dictionary] };
  edit(cols);
  const file = join(dir, name);
  writeFindingsArrow(file, { ...f, confidence: cols.confidence, agent: { dictionary: cols.agentNames, codes: cols.agentCodes } }, { batchRows: 97 });
  return { ...paths, findings: file };
}

const prices0 = u.prices as PricesColumns;

/** A copy of the universe's prices file at `name`, with `edit` applied to a copy of its columns (the rows `keep` selects). */
function pricesWith(name: string, edit: (p: { tsMs: Float64Array; close: Float64Array; codes: Int32Array; names: string[] }) => void, keep?: (i: number) => boolean): string {
  const rows = [...Array(prices0.length).keys()].filter((i) => keep?.(i) ?? true);
  const pick = (a: Float64Array): Float64Array => Float64Array.from(rows, (i) => a[i] as number);
  const cols = { tsMs: pick(prices0.tsMs), close: pick(prices0.close), codes: Int32Array.from(rows, (i) => prices0.symbol.codes[i] as number), names: [...prices0.symbol.dictionary] };
  edit(cols);
  const optional = Object.fromEntries((['open', 'high', 'low', 'volume', 'spreadBps'] as const).flatMap((k) => (prices0[k] !== undefined ? [[k, pick(prices0[k])]] : [])));
  const file = join(dir, name);
  writePricesArrow(file, { length: rows.length, tsMs: cols.tsMs, close: cols.close, symbol: { dictionary: cols.names, codes: cols.codes }, ...optional }, { batchRows: 101 });
  return file;
}

/** The error of a full check of every prices row in file order: what a run reported first, before any replay. */
function pricesCheckMessage(file: string): string {
  return inputErrorMessage(() => {
    for (const _ of streamPricesArrow(file)) void _;
  });
}

const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
const params = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };

describe('openRunStream', () => {
  it('replays batch by batch to exactly the run of the whole decoded files, and resumes across a batch boundary', async () => {
    const { serialize, deserialize } = await import('node:v8');
    const whole = loadRunData(paths);
    const streamed = openRunStream(paths).data;
    expect(streamed.agents).toEqual(whole.agents);
    expect(streamed.symbols).toEqual(whole.symbols);
    expect(streamed.strategies).toEqual(whole.strategies);
    expect(whole.findings.n).toBeGreaterThan(500);
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour });
    const a = runBacktest(whole, cfg, plug, params);
    const b = runBacktest(streamed, cfg, plug, params);
    expect(b.counters).toEqual(a.counters);
    expect(Array.from(b.state.out.equity.data.subarray(0, b.state.out.equity.length))).toEqual(Array.from(a.state.out.equity.data.subarray(0, a.state.out.equity.length)));
    const logA = expandedLog(a.state.log, whole);
    const logB = expandedLog(b.state.log, streamed);
    expect(logRows(logB)).toEqual(logRows(logA)); // every column: kinds, times, ids, values, texts
    expect(finalStateOf(streamed, b.state)).toEqual(finalStateOf(whole, a.state));
    const stopped = runBacktest(streamed, cfg, plug, params, { stopAfterMs: start + 9.5 * MS.day });
    const resumed = runBacktest(openRunStream(paths).data, cfg, plug, params, { resume: deserialize(serialize(stopped.snapshot)) });
    expect(resumed.counters).toEqual(a.counters);
    expect(finalStateOf(streamed, resumed.state)).toEqual(finalStateOf(whole, a.state));
  });

  it('checks the findings rows a replay stops before: a bad row after the stop fails the run with the message of a full check', () => {
    const n = u.findings.length;
    const bad = findingsWith('bad-late.arrow', (f) => (f.confidence[n - 3] = 1.5));
    const whole = loadRunData(paths);
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour });
    const expected = inputErrorMessage(() => loadRunData(bad));
    expect(expected).toMatch(new RegExp(`row ${n - 2}: confidence`));
    const stream = openRunStream(bad);
    expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params, { stopAfterMs: start + 2 * MS.day })))).toBe(expected);
  });
  it('refuses findings of one time out of agent order after the stop with the message of a full check', () => {
    const n = u.findings.length;
    const codes = u.findings.agent.codes;
    let i = n - 2;
    while (!(u.findings.tsMs[i] === u.findings.tsMs[i + 1] && codes[i] !== codes[i + 1])) i--;
    const swapped = findingsWith('swapped-late.arrow', (f) => {
      [f.agentCodes[i], f.agentCodes[i + 1]] = [f.agentCodes[i + 1] as number, f.agentCodes[i] as number];
    });
    const whole = loadRunData(paths);
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour });
    const expected = inputErrorMessage(() => loadRunData(swapped));
    expect(expected).toMatch(new RegExp(`row ${i + 2}: agent: expected rows sorted by ts, agent, symbol`));
    const stream = openRunStream(swapped);
    // the stream names the file by its path (as for an exact copy), the full check by its display name
    const message = inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params, { stopAfterMs: start + 2 * MS.day })));
    expect(message.replace(swapped.findings, 'findings')).toBe(expected);
  });

  it('reports an invalid findings row before an earlier replay error, as when every row was checked first', () => {
    const n = u.findings.length;
    const bad = findingsWith('bad-two.arrow', (f) => {
      f.agentNames.push('nobody');
      f.agentCodes[5] = f.agentNames.length - 1; // unknown agent: the replay's error, early
      f.confidence[n - 10] = -1; // invalid row: the full check's error, late
    });
    const expected = inputErrorMessage(() => loadRunData(bad));
    expect(expected).toMatch(/confidence: expected a number in \[0, 1\], found -1/);
    const stream = openRunStream(bad);
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params)))).toBe(expected);
  });

  it('learns the symbols a run has prices for from the symbol keys alone: one first seen in a late batch counts, a dictionary entry no row names does not', () => {
    const late = prices0.symbol.codes[0] as number;
    const file = pricesWith('late-symbol.arrow', (p) => p.names.push('UNUSED'), (i) => prices0.symbol.codes[i] !== late || i > prices0.length / 2);
    const streamed = openRunStream({ ...paths, prices: file }).data;
    expect(streamed.symbols).toEqual(loadRunData({ ...paths, prices: file }).symbols);
    expect(streamed.symbols).toContain(prices0.symbol.dictionary[late]);
    expect(streamed.symbols).not.toContain('UNUSED');
  });

  it('checks the price rows a replay stops before: a bad close after the stop fails the run with the message of a full check', () => {
    const n = prices0.length;
    const bad = pricesWith('bad-late-close.arrow', (p) => (p.close[n - 3] = -1));
    const expected = pricesCheckMessage(bad);
    expect(expected).toMatch(new RegExp(`row ${n - 2}: close: expected a finite number > 0, found -1`));
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    const stream = openRunStream({ ...paths, prices: bad });
    expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params, { stopAfterMs: start + 2 * MS.day })))).toBe(expected);
  });

  it('fails on an unsorted or duplicate price row the replay reads with the message of a full check', () => {
    const n = prices0.length;
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    const unsorted = pricesWith('unsorted.arrow', (p) => (p.tsMs[n >> 1] = (p.tsMs[n >> 1] as number) - 3 * MS.hour));
    const duplicate = pricesWith('duplicate.arrow', (p) => {
      p.tsMs[500] = p.tsMs[499] as number;
      p.codes[500] = p.codes[499] as number;
    });
    for (const [bad, message] of [
      [unsorted, /rows sorted by ts then symbol/],
      [duplicate, /one row per \(ts, symbol\)/],
    ] as const) {
      const expected = pricesCheckMessage(bad);
      expect(expected).toMatch(message);
      const stream = openRunStream({ ...paths, prices: bad });
      expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params)))).toBe(expected);
    }
  });

  it('reports an invalid price row before an earlier replay error (an unknown agent, a finding with no price yet), as when every row was checked first', () => {
    const n = prices0.length;
    const badPrices = pricesWith('bad-late-close-2.arrow', (p) => (p.close[n - 10] = Number.POSITIVE_INFINITY));
    const expected = pricesCheckMessage(badPrices);
    expect(expected).toMatch(/close: expected a finite number > 0, found Infinity/);
    const unknownAgent = findingsWith('unknown-agent-early.arrow', (f) => {
      f.agentNames.push('nobody');
      f.agentCodes[5] = f.agentNames.length - 1;
    });
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    const unknown = openRunStream({ ...unknownAgent, prices: badPrices });
    expect(inputErrorMessage(() => unknown.replay(() => runBacktest(unknown.data, cfg, plug, params)))).toBe(expected);
    // prices from the second day on: the first findings have no price yet, the replay's own error
    const lateStart = pricesWith('late-start-valid.arrow', () => undefined, (i) => (prices0.tsMs[i] as number) >= start + MS.day);
    const valid = openRunStream({ ...paths, prices: lateStart });
    expect(inputErrorMessage(() => valid.replay(() => runBacktest(valid.data, cfg, plug, params)))).toMatch(/its first price comes later/);
    const noPriceYet = pricesWith('late-start.arrow', (p) => (p.close[p.close.length - 10] = -2), (i) => (prices0.tsMs[i] as number) >= start + MS.day);
    const early = openRunStream({ ...paths, prices: noPriceYet });
    expect(inputErrorMessage(() => early.replay(() => runBacktest(early.data, cfg, plug, params)))).toBe(pricesCheckMessage(noPriceYet));
  });

  it('reports an invalid price row before an invalid findings row, with or without an agents file', () => {
    const n = prices0.length;
    const badPrices = pricesWith('bad-late-close-3.arrow', (p) => (p.close[n - 5] = 0));
    const expected = pricesCheckMessage(badPrices);
    const badFindings = findingsWith('bad-early-confidence.arrow', (f) => (f.confidence[3] = 2));
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    const both = openRunStream({ ...badFindings, prices: badPrices });
    expect(inputErrorMessage(() => both.replay(() => runBacktest(both.data, cfg, plug, params)))).toBe(expected);
    expect(inputErrorMessage(() => both.checkInputs())).toBe(expected);
    // without an agents file the findings are checked when the run opens: the prices still come first
    const { agents: _agents, ...noAgents } = { ...badFindings, prices: badPrices };
    expect(inputErrorMessage(() => openRunStream(noAgents))).toBe(expected);
  });

  it('reports an invalid early price row before a damaged last batch, as a pass in file order does', () => {
    const file = pricesWith('bad-early-damaged-tail.arrow', (p) => (p.close[7] = -3));
    const bytes = new Uint8Array(readFileSync(file));
    const footer = RecordBatchFileReader.from(bytes).open().footer;
    const tail = footer?.getRecordBatch(footer.numRecordBatches - 1);
    if (tail === undefined || tail === null) throw new Error('no record batch');
    bytes.fill(0x7f, tail.offset + 8, tail.offset + tail.metaDataLength); // the last batch's message header, past its length prefix
    writeFileSync(file, bytes);
    const expected = pricesCheckMessage(file);
    expect(expected).toMatch(/row 8: close: expected a finite number > 0, found -3/);
    expect(inputErrorMessage(() => openRunStream({ ...paths, prices: file }))).toBe(expected);
  });
});

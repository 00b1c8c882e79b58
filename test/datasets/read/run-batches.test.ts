import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { streamFindingsArrow, streamFindingsForRun } from '../../../datasets/read/read-findings.js';
import { streamPricesArrow, streamPricesForRun } from '../../../datasets/read/read-prices.js';
import type { FindingsRunBatch } from '../../../datasets/read/findings-run-batch.js';
import type { PricesRunBatch } from '../../../datasets/read/prices-run-batch.js';
import { SEVERITY_MULTIPLIER, type FindingsColumns, type PricesColumns, type Severity } from '../../../datasets/schemas/columns.js';
import { buildIdMap, remapCodes } from '../../../engine/core/ids.js';
import { MS } from '../../../engine/core/time.js';
import { compareCodeUnits } from '../../../engine/core/stable-json.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-run-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 5, agents: 7, symbols: 5, startMs: start, endMs: start + 12 * MS.day, freqMs: MS.hour });
const prices0 = u.prices as PricesColumns;
const agentIds = buildIdMap(u.findings.agent.dictionary);
const symbolIds = buildIdMap(prices0.symbol.dictionary);
const BATCH = 89;

/** A findings batch mapped to run ids as stream-run-data maps a fully decoded one. */
function mapFindings(b: FindingsColumns): FindingsRunBatch {
  const severityMult = Float64Array.from(b.severity.codes, (c) => SEVERITY_MULTIPLIER[b.severity.dictionary[c] as Severity] ?? Number.NaN);
  const expected = b.expectedPnlBps !== undefined ? { expectedPnlBps: b.expectedPnlBps } : {};
  return { n: b.length, tsMs: b.tsMs, agentId: remapCodes(b.agent, agentIds), symbolId: remapCodes(b.symbol, symbolIds), confidence: b.confidence, severityMult, direction: b.direction, horizonHours: b.horizonHours, ...expected };
}

function mapPrices(b: PricesColumns): PricesRunBatch {
  const cost = { ...(b.volume !== undefined ? { volume: b.volume } : {}), ...(b.spreadBps !== undefined ? { spreadBps: b.spreadBps } : {}) };
  return { n: b.length, tsMs: b.tsMs, symbolId: remapCodes(b.symbol, symbolIds), close: b.close, ...cost };
}

/** Each batch's arrays copied out as plain arrays (the run readers reuse theirs batch after batch). */
function copied(batches: Iterable<object>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const b of batches) out.push(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v])));
  return out;
}

function findingsFile(name: string, edit: (f: { horizonHours: Float64Array; expected: Float64Array; confidence: Float64Array }) => void): string {
  const f = u.findings;
  const cols = { horizonHours: f.horizonHours.slice().fill(24), expected: Float64Array.from(f.confidence, (c) => 10 * c), confidence: f.confidence.slice() };
  edit(cols);
  const file = join(dir, name);
  writeFindingsArrow(file, { ...f, horizonHours: cols.horizonHours, confidence: cols.confidence, expectedPnlBps: cols.expected }, { batchRows: BATCH });
  return file;
}

function pricesFile(name: string, edit: (p: { tsMs: Float64Array; codes: Int32Array; volume: Float64Array; spreadBps: Float64Array }) => void): string {
  const p = { tsMs: prices0.tsMs.slice(), codes: prices0.symbol.codes.slice(), volume: Float64Array.from(prices0.close, (c) => 1000 * c), spreadBps: prices0.close.slice().fill(2) };
  edit(p);
  const file = join(dir, name);
  writePricesArrow(file, { ...prices0, tsMs: p.tsMs, symbol: { dictionary: prices0.symbol.dictionary, codes: p.codes }, volume: p.volume, spreadBps: p.spreadBps }, { batchRows: BATCH });
  return file;
}

describe('run batch readers', () => {
  it('decode findings in one pass to exactly the fully decoded batches mapped to run ids, and hand over only the batches with a null', () => {
    const n = u.findings.length;
    const file = findingsFile('findings-nulls.arrow', (f) => {
      f.horizonHours[3 * BATCH + 5] = Number.NaN; // null horizon: the full decoding's (the scenario's horizon applies)
      f.expected[n - 2] = Number.NaN; // null expectation in the last batch
    });
    let handed = 0;
    const run = streamFindingsForRun(file, { strategy: false }, { agent: agentIds.idOf, symbol: symbolIds.idOf }, (b) => {
      handed += 1;
      return mapFindings(b);
    });
    const got = copied(run);
    expect(handed).toBe(2);
    expect(got.length).toBeGreaterThan(5);
    expect(got).toEqual(copied([...streamFindingsArrow(file, { strategy: false })].map(mapFindings)));
  });

  it('decode prices in one pass to exactly the fully decoded batches mapped to run ids, cost columns included', () => {
    const file = pricesFile('prices-nulls.arrow', (p) => (p.volume[2 * BATCH] = Number.NaN));
    let handed = 0;
    const got = copied(
      streamPricesForRun(file, {}, symbolIds.idOf, (b) => {
        handed += 1;
        return mapPrices(b);
      }),
    );
    expect(handed).toBe(1);
    expect(got).toEqual(copied([...streamPricesArrow(file)].map(mapPrices)));
  });

  it('report a bad findings row with the full decoding’s message, in the batch that holds it', () => {
    const file = findingsFile('findings-bad.arrow', (f) => {
      f.confidence[4 * BATCH + 7] = 1.25;
      f.horizonHours[6 * BATCH] = -1;
    });
    const expected = inputErrorMessage(() => [...streamFindingsArrow(file)]);
    expect(expected).toMatch(new RegExp(`row ${4 * BATCH + 8}: confidence`));
    expect(inputErrorMessage(() => [...streamFindingsForRun(file, { strategy: false }, { agent: agentIds.idOf, symbol: symbolIds.idOf }, mapFindings)])).toBe(expected);
  });

  it('find a duplicate or unsorted price row across a batch boundary, with the full decoding’s message', () => {
    const edge = 4 * BATCH; // the first row of the fifth batch
    const duplicate = pricesFile('prices-dup-edge.arrow', (p) => {
      p.tsMs[edge] = p.tsMs[edge - 1] as number;
      p.codes[edge] = p.codes[edge - 1] as number;
    });
    const names = prices0.symbol.dictionary;
    const byName = names.map((_, c) => c).sort((a, b) => compareCodeUnits(names[a] as string, names[b] as string));
    const unsorted = pricesFile('prices-unsorted-edge.arrow', (p) => {
      // the batch's last row takes the last symbol, the next batch's first row the first symbol at the same time
      p.codes[edge - 1] = byName[byName.length - 1] as number;
      p.tsMs[edge] = p.tsMs[edge - 1] as number;
      p.codes[edge] = byName[0] as number;
    });
    for (const [file, message] of [
      [duplicate, /one row per \(ts, symbol\)/],
      [unsorted, /rows sorted by ts then symbol/],
    ] as const) {
      const expected = inputErrorMessage(() => [...streamPricesArrow(file)]);
      expect(expected).toMatch(message);
      expect(inputErrorMessage(() => [...streamPricesForRun(file, {}, symbolIds.idOf, mapPrices)])).toBe(expected);
    }
  });

  it('refuse a quoted spread above 20000 bps (more than twice the mid) in the one-pass decoding as in the full one', () => {
    const file = pricesFile('prices-wide-spread.arrow', (p) => {
      p.spreadBps[3 * BATCH + 2] = 25_000;
    });
    const expected = inputErrorMessage(() => [...streamPricesArrow(file)]);
    expect(expected).toBe(`${file}: row ${3 * BATCH + 3}: spread_bps: expected a finite number in [0, 20000] or null (a quoted spread is at most 2x the mid price), found 25000`);
    expect(inputErrorMessage(() => [...streamPricesForRun(file, {}, symbolIds.idOf, mapPrices)])).toBe(expected);
    const edge = pricesFile('prices-spread-at-bound.arrow', (p) => {
      p.spreadBps[3 * BATCH + 2] = 20_000;
    });
    expect(() => [...streamPricesForRun(edge, {}, symbolIds.idOf, mapPrices)]).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInspectReport, inspectArrowFile } from '../../datasets/inspect.js';
import { columnsToIpc, type OutColumn } from '../../engine/io/arrow-table.js';
import { Dictionary, Float64, Int32, Int64, makeData, makeVector, Table, tableToIPC, TimestampNanosecond, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';

const dict = (dictionary: string[], codes: number[]) => ({ dictionary, codes: Int32Array.from(codes) });

/** Writes an Arrow file of bt kind `kind` (as bt run and bt sweep write their outputs) and returns its path. */
function btOutput(kind: string, columns: OutColumn[], rows: number): string {
  const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), `${kind}.arrow`);
  writeFileSync(p, columnsToIpc(columns, rows, new Map([['bt.kind', kind]])));
  return p;
}

describe('inspectArrowFile', () => {
  it('summarizes a prices file: kind, rows, range, distinct symbols, nulls, order, duplicates', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'p.arrow');
    // The dictionary holds an unused symbol 'C': distinct counts only used codes.
    writePricesArrow(p, { length: 3, tsMs: Float64Array.from([0, 0, 86_400_000]), symbol: dict(['A', 'B', 'C'], [0, 1, 0]), close: Float64Array.from([1, 2, 3]), open: Float64Array.from([1, Number.NaN, Number.NaN]) }, { batchRows: 2 });
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ kind: 'prices', rows: 3, batches: 2, start: '1970-01-01T00:00:00.000Z', end: '1970-01-02T00:00:00.000Z', distinct: { agent: null, symbol: 2, strategy: null, config_id: null }, order: ['ts', 'symbol'], sorted: true, key: ['ts', 'symbol'], duplicates: 0, nulls: { ts: 0, symbol: 0, close: 0, open: 2 } });
  });
  it('flags unsorted findings and repeated (ts, agent, symbol) keys', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'f.arrow');
    writeFindingsArrow(p, {
      length: 3, tsMs: Float64Array.from([5, 5, 1]), agent: dict(['a'], [0, 0, 0]), symbol: dict(['X'], [0, 0, 0]), severity: dict(['low'], [0, 0, 0]),
      confidence: Float64Array.from([0.5, 0.5, 0.5]), direction: Int8Array.from([1, 1, 1]), horizonHours: new Float64Array(3).fill(Number.NaN), strategy: dict([], [-1, -1, -1]),
    });
    expect(inspectArrowFile(p)).toMatchObject({ kind: 'findings', rows: 3, sorted: false, duplicates: 1, distinct: { agent: 1, symbol: 1 } });
  });

  it('says "1 row in 1 batch", not "1 rows in 1 batches", for a file of one row', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'one-batch.arrow');
    writePricesArrow(p, { length: 1, tsMs: Float64Array.from([0]), symbol: dict(['X'], [0]), close: Float64Array.from([1]) });
    expect(formatInspectReport('p.arrow', inspectArrowFile(p)).split('\n')[0]).toBe('p.arrow: prices, 1 row in 1 batch');
  });

  it('counts a findings file\'s exact copies (what bt run refuses) apart from repeated keys, across record batches', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'f.arrow');
    // rows 0, 1: one key, two calls (confidence differs); rows 2 and 3 copy rows 0 and 1 (a batch boundary between 1 and 2)
    writeFindingsArrow(p, {
      length: 5, tsMs: Float64Array.from([5, 5, 5, 5, 6]), agent: dict(['a'], [0, 0, 0, 0, 0]), symbol: dict(['X'], [0, 0, 0, 0, 0]), severity: dict(['low', 'high'], [0, 0, 0, 0, 1]),
      confidence: Float64Array.from([0.5, 0.6, 0.5, 0.6, 0.5]), direction: Int8Array.from([1, 1, 1, 1, 1]), horizonHours: new Float64Array(5).fill(Number.NaN), strategy: dict([], [-1, -1, -1, -1, -1]),
    }, { batchRows: 2 });
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ kind: 'findings', duplicates: 3, exact_copies: 2 });
    // rows 1 and 2 (confidence 0.6, then 0.5 at one time) are not in the run's order either
    expect(formatInspectReport('f.arrow', r).split('\n')[0]).toBe('f.arrow: findings, 5 rows in 3 batches');
    expect(formatInspectReport('f.arrow', r).split('\n')[3]).toBe('sorted by ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps: no (bt run refuses another order; bt data import --sort writes this one); duplicate (ts, agent, symbol) keys: 3; exact copies: 2 (bt run refuses them)');
  });

  it('checks findings against the order a run requires: rows of one time by agent and symbol name, not dictionary code, across record batches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-ins-'));
    // dictionary codes in reverse name order: 'b' is code 0, 'a' code 1
    const write = (name: string, agentCodes: number[]): string => {
      const p = join(dir, name);
      writeFindingsArrow(p, {
        length: 3, tsMs: Float64Array.from([5, 5, 6]), agent: dict(['b', 'a'], agentCodes), symbol: dict(['X'], [0, 0, 0]), severity: dict(['low'], [0, 0, 0]),
        confidence: Float64Array.from([0.5, 0.5, 0.5]), direction: Int8Array.from([1, 1, 1]), horizonHours: new Float64Array(3).fill(Number.NaN), strategy: dict([], [-1, -1, -1]),
      }, { batchRows: 1 });
      return p;
    };
    const inOrder = inspectArrowFile(write('a-then-b.arrow', [1, 0, 0]));
    expect(inOrder).toMatchObject({ order: ['ts', 'agent', 'symbol', 'severity', 'confidence', 'direction', 'horizon_hours', 'expected_pnl_bps'], sorted: true });
    expect(inspectArrowFile(write('b-then-a.arrow', [0, 1, 0]))).toMatchObject({ sorted: false });
  });

  it("counts a kill list's agents and strategies from its text columns (a class kill has no agent), and counts no duplicate keys: it has none", () => {
    const ts = Float64Array.of(1120348800000, 1120348800000, 1238803200000);
    const p = btOutput('kills', [
      { name: 'ts', type: 'timestamp-ms', values: ts },
      { name: 'kind', type: 'utf8', values: ['class_retired', 'agent_retired', 'agent_retired'] },
      { name: 'agent', type: 'utf8', values: [null, 'sentiment_01', 'momentum_02'] },
      { name: 'strategy', type: 'utf8', values: ['sentiment', 'sentiment', 'momentum'] },
    ], 3);
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ kind: 'kills', distinct: { agent: 2, symbol: null, strategy: 2, config_id: null }, order: ['ts'], sorted: true, key: null, duplicates: null, exact_copies: null });
    const text = formatInspectReport('kills.arrow', r).split('\n');
    expect(text.slice(2, 4)).toEqual(['distinct: agents 2, strategies 2', 'sorted by ts: yes']);
  });

  it('gives an equity curve no distinct line and checks one point per time', () => {
    const p = btOutput('equity', [
      { name: 'ts', type: 'timestamp-ms', values: Float64Array.of(1, 2, 2) },
      { name: 'equity', type: 'float64', values: Float64Array.of(1, 1, 1) },
    ], 3);
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ distinct: { agent: null, symbol: null, strategy: null, config_id: null }, key: ['ts'], duplicates: 1 });
    expect(formatInspectReport('equity.arrow', r).split('\n').slice(2, 3)).toEqual(['sorted by ts: yes; duplicate (ts) keys: 1']);
  });

  it('counts the symbols of a targets file and repeated (ts, symbol) rows', () => {
    const p = btOutput('targets', [
      { name: 'ts', type: 'timestamp-ms', values: Float64Array.of(1, 1, 2, 2) },
      { name: 'symbol', type: 'dict', codes: Int32Array.of(0, 1, 0, 0), dictionary: ['A', 'B', 'C'] },
      { name: 'weight', type: 'float64', values: Float64Array.of(0.1, 0.2, 0.3, 0.3) },
    ], 4);
    expect(inspectArrowFile(p)).toMatchObject({ distinct: { agent: null, symbol: 2 }, sorted: true, key: ['ts', 'symbol'], duplicates: 1 });
  });

  it("reads a sweep's curves in their order (config_id, then ts), not as one time series", () => {
    const p = btOutput('sweep_curves', [
      { name: 'config_id', type: 'dict', codes: Int32Array.of(0, 0, 1, 1), dictionary: ['aaa', 'bbb'] },
      { name: 'ts', type: 'timestamp-ms', values: Float64Array.of(1, 2, 1, 2) },
      { name: 'equity', type: 'float64', values: Float64Array.of(1, 1, 1, 1) },
    ], 4);
    expect(inspectArrowFile(p)).toMatchObject({ distinct: { config_id: 2 }, order: ['config_id', 'ts'], sorted: true, duplicates: 0 });
  });

  it('reports what a run would refuse in a findings schema pandas or pyarrow wrote as they are (ns times, an Int64 direction), with the times as times; the run-order checks it cannot make are null, where an Int64 direction threw an internal error', () => {
    const dict = (xs: string[]): Vector<Dictionary<Utf8, Int32>> => vectorFromArray(xs, new Dictionary(new Utf8(), new Int32()));
    const t = new Table({
      // 2022-01-03, -04, -05 at 00:00 UTC, in nanoseconds
      ts: makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: 3, data: BigInt64Array.from([1641168000000000000n, 1641254400000000000n, 1641340800000000000n]) })),
      agent: dict(['a1', 'a2', 'a1']),
      symbol: dict(['S1', 'S1', 'S2']),
      severity: dict(['high', 'low', 'medium']),
      confidence: vectorFromArray([0.5, 0.7, 0.9], new Float64()),
      direction: makeVector(makeData({ type: new Int64(), length: 3, data: BigInt64Array.from([1n, -1n, 1n]) })),
    });
    t.schema.metadata.set('bt.kind', 'findings');
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'pandas-like.arrow');
    writeFileSync(p, tableToIPC(t, 'file'));
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ kind: 'findings', rows: 3, start: '2022-01-03T00:00:00.000Z', end: '2022-01-05T00:00:00.000Z', exact_copies: null });
    expect(r.schema_problems).toEqual([
      expect.stringMatching(/^column 'ts': expected Timestamp\(MILLISECOND, "UTC"\), found Timestamp<NANOSECOND, UTC>\. bt reads times as epoch milliseconds/),
      "column 'direction': expected Int8, found Int64",
    ]);
    expect(formatInspectReport('f.arrow', r)).toContain("bt run refuses its schema (bt data import writes the one it reads):\n  column 'ts': expected");
  });

  it('reports no schema problem for a file a run reads, and none (null) for a kind that is not a run input', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'f.arrow');
    writeFindingsArrow(p, { length: 1, tsMs: Float64Array.from([0]), agent: dict(['a'], [0]), symbol: dict(['X'], [0]), severity: dict(['low'], [0]), confidence: Float64Array.from([0.5]), direction: Int8Array.from([1]), horizonHours: Float64Array.from([Number.NaN]), strategy: dict([], [-1]) });
    expect(inspectArrowFile(p).schema_problems).toEqual([]);
    expect(formatInspectReport('f.arrow', inspectArrowFile(p))).not.toContain('refuses');
    const k = btOutput('kills', [{ name: 'ts', type: 'timestamp-ms', values: Float64Array.from([0]) }], 1);
    expect(inspectArrowFile(k).schema_problems).toBeNull();
  });
});


import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentsColumns, FindingsColumns, PricesColumns, ReconciledColumns } from '../../../datasets/schemas/columns.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeReconciledArrow } from '../../../datasets/write/write-reconciled.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';
import { readFindingsArrow, streamFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow, streamPricesArrow } from '../../../datasets/read/read-prices.js';
import { readReconciledArrow } from '../../../datasets/read/read-reconciled.js';
import { readAgentsArrow } from '../../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../../datasets/read/read-kill-list.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'bt-rt-'));
const dict = (dictionary: string[], codes: number[]) => ({ dictionary, codes: Int32Array.from(codes) });

/** Five findings; ts spans negative and > 2^32 ms to exercise the int32-pair conversion. */
const FINDINGS: FindingsColumns = {
  length: 5,
  tsMs: Float64Array.from([-86_400_000, 0, 1_709_285_400_123, 1_709_285_400_123, 2 ** 52]),
  agent: dict(['b', 'a'], [0, 1, 0, 1, 1]),
  symbol: dict(['X', 'Y'], [1, 0, 0, 1, 0]),
  severity: dict(['low', 'critical', 'high'], [0, 1, 2, 2, 0]),
  confidence: Float64Array.from([0, 0.25, 0.5, 1, 0.125]),
  direction: Int8Array.from([1, -1, 1, 1, -1]),
  horizonHours: Float64Array.from([Number.NaN, 24, 4.5, Number.NaN, 1]),
  strategy: dict(['arb'], [-1, 0, 0, -1, -1]),
};

describe('writeFindingsArrow', () => {
  it('round-trips every column through readFindingsArrow, across batches', () => {
    const d = tmp();
    writeFindingsArrow(join(d, 'f.arrow'), FINDINGS, { batchRows: 2 });
    expect(readFindingsArrow(join(d, 'f.arrow'))).toEqual(FINDINGS);
    expect(readdirSync(d)).toEqual(['f.arrow']);
    rmSync(d, { recursive: true });
  });
  it('round-trips an expected_pnl_bps column with nulls', () => {
    const d = tmp();
    const withExpected: FindingsColumns = { ...FINDINGS, expectedPnlBps: Float64Array.from([12.5, Number.NaN, -3, 0, 1e4]) };
    writeFindingsArrow(join(d, 'f.arrow'), withExpected, { batchRows: 2 });
    expect(readFindingsArrow(join(d, 'f.arrow'))).toEqual(withExpected);
    rmSync(d, { recursive: true });
  });
  it('omits optional columns without data and reads them back as defaults', () => {
    const d = tmp();
    const plain: FindingsColumns = { ...FINDINGS, direction: new Int8Array(5).fill(1), horizonHours: new Float64Array(5).fill(Number.NaN), strategy: dict([], [-1, -1, -1, -1, -1]) };
    writeFindingsArrow(join(d, 'f.arrow'), plain);
    expect(readFindingsArrow(join(d, 'f.arrow'))).toEqual(plain);
    rmSync(d, { recursive: true });
  });
  it('writes an empty file that reads back as zero rows', () => {
    const d = tmp();
    const empty: FindingsColumns = { length: 0, tsMs: new Float64Array(0), agent: dict([], []), symbol: dict([], []), severity: dict([], []), confidence: new Float64Array(0), direction: new Int8Array(0), horizonHours: new Float64Array(0), strategy: dict([], []) };
    writeFindingsArrow(join(d, 'e.arrow'), empty);
    expect(readFindingsArrow(join(d, 'e.arrow')).length).toBe(0);
    rmSync(d, { recursive: true });
  });
});

describe('streamFindingsArrow', () => {
  it('with scratch, yields each batch with the same values as fresh arrays, in buffers the next batch reuses', () => {
    const d = tmp();
    writeFindingsArrow(join(d, 'f.arrow'), FINDINGS, { batchRows: 2 });
    const fresh = [...streamFindingsArrow(join(d, 'f.arrow'))];
    const seen: { copy: unknown; buffer: ArrayBufferLike }[] = [];
    for (const p of streamFindingsArrow(join(d, 'f.arrow'), { scratch: true })) seen.push({ copy: structuredClone(p), buffer: p.confidence.buffer });
    expect(seen.map((s) => s.copy)).toEqual(fresh);
    expect(seen[1]?.buffer).toBe(seen[0]?.buffer);
    rmSync(d, { recursive: true });
  });
  it('yields one column set per batch whose codes index one file-wide dictionary', () => {
    const d = tmp();
    writeFindingsArrow(join(d, 'f.arrow'), FINDINGS, { batchRows: 2 });
    const parts = [...streamFindingsArrow(join(d, 'f.arrow'))];
    expect(parts.map((p) => p.length)).toEqual([2, 2, 1]);
    const agents = parts.flatMap((p) => [...p.agent.codes].map((c) => p.agent.dictionary[c]));
    expect(agents).toEqual(['b', 'a', 'b', 'a', 'a']);
    expect(parts[0]?.agent.dictionary).toBe(parts[2]?.agent.dictionary);
    rmSync(d, { recursive: true });
  });
  it('skips the strategy column when the caller does not read it (all null codes), every other column unchanged', () => {
    const d = tmp();
    writeFindingsArrow(join(d, 'f.arrow'), FINDINGS, { batchRows: 2 });
    for (const checked of [false, true]) {
      const full = [...streamFindingsArrow(join(d, 'f.arrow'), { checked })];
      const parts = [...streamFindingsArrow(join(d, 'f.arrow'), { checked, strategy: false })];
      expect(parts.map((p) => [...p.strategy.codes])).toEqual([[-1, -1], [-1, -1], [-1]]);
      expect(parts.map(({ strategy: _s, ...rest }) => rest)).toEqual(full.map(({ strategy: _s, ...rest }) => rest));
    }
    rmSync(d, { recursive: true });
  });
});

const PRICES: PricesColumns = {
  length: 4,
  tsMs: Float64Array.from([0, 0, 86_400_000, 86_400_000]),
  symbol: dict(['B', 'A'], [1, 0, 1, 0]),
  close: Float64Array.from([10, 20, 10.5, 19.5]),
  volume: Float64Array.from([100, Number.NaN, 0, 5]),
};

describe('writePricesArrow', () => {
  it('round-trips through readPricesArrow and streamPricesArrow', () => {
    const d = tmp();
    writePricesArrow(join(d, 'p.arrow'), PRICES, { batchRows: 3 });
    expect(readPricesArrow(join(d, 'p.arrow'))).toEqual(PRICES);
    expect([...streamPricesArrow(join(d, 'p.arrow'))].map((p) => p.length)).toEqual([3, 1]);
    // scratch: the same values batch by batch (copied before the next batch overwrites them)
    const fresh = [...streamPricesArrow(join(d, 'p.arrow'))];
    expect([...streamPricesArrow(join(d, 'p.arrow'), { scratch: true })].length).toBe(2);
    const copies = [];
    for (const p of streamPricesArrow(join(d, 'p.arrow'), { scratch: true })) copies.push(structuredClone(p));
    expect(copies).toEqual(fresh);
    rmSync(d, { recursive: true });
  });

  it('round-trips the optional spread_bps column (nulls as NaN)', () => {
    const d = tmp();
    const withSpread: PricesColumns = { ...PRICES, spreadBps: Float64Array.from([4, 0, Number.NaN, 12.5]) };
    writePricesArrow(join(d, 'p.arrow'), withSpread);
    expect(readPricesArrow(join(d, 'p.arrow'))).toEqual(withSpread);
    rmSync(d, { recursive: true });
  });
});

const RECONCILED: ReconciledColumns = {
  length: 2,
  tsMs: Float64Array.from([Number.NaN, 1000]),
  agent: dict(['a'], [0, 0]),
  symbol: dict(['X', 'Y'], [0, 1]),
  horizonHours: Float64Array.from([24, 24]),
  expectedPnlBps: Float64Array.from([35, 10]),
  realizedPnlBps: Float64Array.from([12.5, Number.NaN]),
  absErrorBps: Float64Array.from([22.5, Number.NaN]),
  pnlErrorBps: Float64Array.from([-22.5, Number.NaN]),
  simVersion: dict(['v2'], [0, -1]),
  strategy: dict([], [-1, -1]),
};

describe('writeReconciledArrow', () => {
  it('round-trips through readReconciledArrow', () => {
    const d = tmp();
    writeReconciledArrow(join(d, 'r.arrow'), RECONCILED);
    expect(readReconciledArrow(join(d, 'r.arrow'))).toEqual(RECONCILED);
    rmSync(d, { recursive: true });
  });
});

const AGENTS: AgentsColumns = {
  length: 3,
  agent: ['arb_scanner', 'funding_watch', 'sentiment_bot'],
  strategy: ['arb', 'funding', ''],
  enabled: Uint8Array.from([1, 1, 0]),
  weight: Float64Array.from([0.3, 0.2, 0.05]),
  intervalMinutes: Float64Array.from([5, Number.NaN, 60]),
};

describe('writeAgentsArrow', () => {
  it('round-trips through readAgentsArrow', () => {
    const d = tmp();
    writeAgentsArrow(join(d, 'a.arrow'), AGENTS);
    expect(readAgentsArrow(join(d, 'a.arrow'))).toEqual(AGENTS);
    rmSync(d, { recursive: true });
  });
});

describe('writeKillListYaml', () => {
  it('round-trips through readKillListYaml', () => {
    const d = tmp();
    const list = { sentiment: { status: 'DISABLED', reason: 'structural alpha decay' }, arb: { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 } };
    writeKillListYaml(join(d, 'k.yaml'), list);
    expect(readKillListYaml(join(d, 'k.yaml'))).toEqual(list);
    rmSync(d, { recursive: true });
  });
});

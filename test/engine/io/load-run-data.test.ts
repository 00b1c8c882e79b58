import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';
import type { FindingsColumns, PricesColumns } from '../../../datasets/schemas/columns.js';
import { internRunData, loadRunData, loadRunDataInFull } from '../../../engine/io/load-run-data.js';
import { loadRunDataInOnePass } from '../../../engine/io/run-data-in-one-pass.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunDataPaths } from '../../../engine/io/load-run-data.js';
import { MS } from '../../../engine/core/time.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 5, agents: 7, symbols: 5, startMs: start, endMs: start + 12 * MS.day, freqMs: MS.hour });
const f0 = u.findings;
const p0 = u.prices as PricesColumns;
const base = { findings: join(dir, 'findings.arrow'), prices: join(dir, 'prices.arrow'), agents: join(dir, 'agents.arrow'), killList: join(dir, 'kill_list.yaml'), display: {} };
// small record batches: many batch boundaries, and doubtful batches between clean ones
writeFindingsArrow(base.findings, f0, { batchRows: 89 });
writePricesArrow(base.prices, p0, { batchRows: 83 });
writeAgentsArrow(base.agents, u.agents);
writeKillListYaml(base.killList, u.killList);

function findingsFile(name: string, edit: (f: { -readonly [K in keyof FindingsColumns]: FindingsColumns[K] }) => void): string {
  const cols = { ...f0, confidence: f0.confidence.slice(), direction: f0.direction.slice(), horizonHours: f0.horizonHours.slice(), agent: { dictionary: [...f0.agent.dictionary], codes: f0.agent.codes.slice() } };
  edit(cols);
  const file = join(dir, name);
  writeFindingsArrow(file, cols, { batchRows: 89 });
  return file;
}

function pricesFile(name: string, edit: (p: { -readonly [K in keyof PricesColumns]: PricesColumns[K] }) => void): string {
  const cols = { ...p0, close: p0.close.slice() };
  edit(cols);
  const file = join(dir, name);
  writePricesArrow(file, cols, { batchRows: 83 });
  return file;
}

/** Every typed array of `d` as bytes (NaN payloads included), the rest as it is: equal exactly when the data are. */
function bytesOf(d: RunData): unknown {
  return JSON.parse(JSON.stringify(d, (_k, v: unknown) => (ArrayBuffer.isView(v) ? `${v.constructor.name}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}` : v)));
}

// Findings whose rows are valid but not all of the one-pass decoder's kind: null horizons and
// expected pnl in some batches (the old decoder takes those), shorts, and an own expected_pnl_bps column.
const withNulls = findingsFile('findings-nulls.arrow', (f) => {
  f.horizonHours = Float64Array.from(f0.horizonHours, (_h, i) => (i % 200 < 60 ? Number.NaN : 12 + (i % 5)));
  f.direction = Int8Array.from(f0.direction, (_d, i) => (i % 3 === 0 ? -1 : 1));
  f.expectedPnlBps = Float64Array.from(f0.confidence, (c, i) => (i >= 300 && i < 360 ? Number.NaN : c * 40 - 10));
});
const withCosts = pricesFile('prices-costs.arrow', (p) => {
  p.volume = Float64Array.from(p0.close, (c, i) => (i >= 170 && i < 200 ? Number.NaN : c * 1000));
  p.spreadBps = Float64Array.from(p0.close, (_c, i) => (i % 7) * 0.5);
});

describe('loadRunData', () => {
  const cases: [string, RunDataPaths][] = [
    ['with an agents file', base],
    ['without an agents file (agents and classes from the findings)', { findings: base.findings, prices: base.prices, display: {} }],
    ['with nulls, shorts, horizons and expected pnl in the findings and cost columns with nulls in the prices', { ...base, findings: withNulls, prices: withCosts }],
  ];
  for (const [what, paths] of cases) {
    it(`decodes whole files batch by batch to exactly what the old full decoding returns, ${what}`, () => {
      const one = loadRunDataInOnePass(paths);
      expect(one).not.toBeNull();
      const full = loadRunDataInFull(paths);
      expect(full.findings.n).toBe(f0.length);
      expect(bytesOf(one as RunData)).toEqual(bytesOf(full));
      expect(bytesOf(loadRunData(paths))).toEqual(bytesOf(full));
    });
  }

  it('decodes the findings\' and prices\' columns into SharedArrayBuffers when asked, the same bytes', () => {
    const paths = { ...base, findings: withNulls, prices: withCosts };
    const shared = loadRunData(paths, { shared: true });
    for (const a of [shared.findings.tsMs, shared.findings.agentId, shared.findings.direction, shared.findings.expectedPnlBps, shared.prices.close, shared.prices.volume]) {
      expect(a?.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    expect(bytesOf(shared)).toEqual(bytesOf(loadRunDataInFull(paths)));
  });

  it('holds the old decoding\'s null horizons and expected pnl as NaN and the prices\' cost columns', () => {
    const d = loadRunData({ ...base, findings: withNulls, prices: withCosts });
    expect(Number.isNaN(d.findings.horizonHours[0] as number)).toBe(true);
    expect(d.findings.horizonHours[60]).toBe(12);
    expect(Number.isNaN(d.findings.expectedPnlBps?.[300] as number)).toBe(true);
    expect(d.findings.direction[0]).toBe(-1);
    expect(Number.isNaN(d.prices.volume?.[170] as number)).toBe(true);
    expect(d.prices.spreadBps?.[1]).toBe(0.5);
  });

  it('throws the old decoding\'s error, every violation of the file at once and findings before prices, when a row is invalid', () => {
    const badFindings = findingsFile('findings-bad.arrow', (f) => {
      f.confidence[3] = 1.5; // first batch
      f.confidence[400] = -0.2; // a later batch: the old decoding lists both
    });
    const badPrices = pricesFile('prices-bad.arrow', (p) => {
      p.close[250] = -1;
    });
    for (const paths of [{ ...base, findings: badFindings }, { ...base, prices: badPrices }, { ...base, findings: badFindings, prices: badPrices }]) {
      expect(loadRunDataInOnePass(paths)).toBeNull();
      const expected = inputErrorMessage(() => loadRunDataInFull(paths));
      expect(inputErrorMessage(() => loadRunData(paths))).toBe(expected);
    }
    const both = inputErrorMessage(() => loadRunData({ ...base, findings: badFindings, prices: badPrices }));
    expect(both).toMatch(/row 4\b/);
    expect(both).toMatch(/row 401\b/);
    expect(both).not.toMatch(/close/);
  });

  it('refuses a finding copied exactly, in the one-pass and the full decoding alike: after itself across a batch boundary, or later at its time', () => {
    /** f0 with row k copied to just before row `at` (a row of the same time). */
    const withCopy = (name: string, k: number, at: number): string => {
      const ins = <T extends { length: number; [i: number]: number }>(a: T, make: (n: number) => T): T => {
        const out = make(a.length + 1);
        for (let i = 0, j = 0; i <= a.length; i++) out[i] = i === at ? (a[k] as number) : (a[j++] as number);
        return out;
      };
      const f64 = (a: Float64Array): Float64Array => ins(a, (n) => new Float64Array(n));
      const i32 = (a: Int32Array): Int32Array => ins(a, (n) => new Int32Array(n));
      const file = join(dir, name);
      const cols: FindingsColumns = {
        ...f0,
        length: f0.length + 1,
        tsMs: f64(f0.tsMs),
        agent: { ...f0.agent, codes: i32(f0.agent.codes) },
        symbol: { ...f0.symbol, codes: i32(f0.symbol.codes) },
        severity: { ...f0.severity, codes: i32(f0.severity.codes) },
        strategy: { ...f0.strategy, codes: i32(f0.strategy.codes) },
        confidence: f64(f0.confidence),
        direction: ins(f0.direction, (n) => new Int8Array(n)),
        horizonHours: f64(f0.horizonHours),
      };
      writeFindingsArrow(file, cols, { batchRows: 89 });
      return file;
    };
    let later = 89;
    while (f0.tsMs[later] === f0.tsMs[88]) later++;
    expect(later).toBeGreaterThan(90); // a time run the batch boundary cuts
    for (const [file, row] of [[withCopy('findings-copy-boundary.arrow', 88, 89), 90], [withCopy('findings-copy-later.arrow', 88, later), later + 1]] as const) {
      const paths = { ...base, findings: file };
      const message = inputErrorMessage(() => loadRunData(paths));
      expect(message).toBe(inputErrorMessage(() => loadRunDataInFull(paths)));
      expect(message).toContain(`row ${row}: ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps: expected one row per finding, found an exact copy of row 89 (`);
    }
  });

  it('refuses findings of one time out of agent order, in the one-pass and the full decoding alike, naming the row: their order would change the results', () => {
    // two rows of one time, of two agents, swapped across the batch boundary at row 89 and inside a batch
    const sameTimeAt = (from: number): number => {
      let i = from;
      while (!(f0.tsMs[i] === f0.tsMs[i + 1] && f0.agent.codes[i] !== f0.agent.codes[i + 1])) i++;
      return i;
    };
    for (const i of [sameTimeAt(88), sameTimeAt(300)]) {
      const file = findingsFile(`findings-swapped-${i}.arrow`, (f) => {
        [f.agent.codes[i], f.agent.codes[i + 1]] = [f.agent.codes[i + 1] as number, f.agent.codes[i] as number];
      });
      const paths = { ...base, findings: file };
      const message = inputErrorMessage(() => loadRunData(paths));
      expect(message).toBe(inputErrorMessage(() => loadRunDataInFull(paths)));
      expect(message).toContain(`row ${i + 2}: agent: expected rows sorted by ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps (at or after `);
    }
  });

  it('throws the old decoding\'s error for a finding whose agent the agents file does not list', () => {
    const unknown = findingsFile('findings-unknown-agent.arrow', (f) => {
      f.agent = { dictionary: [...f.agent.dictionary, 'ghost'], codes: f.agent.codes };
      f.agent.codes[500] = f.agent.dictionary.length - 1;
    });
    const paths = { ...base, findings: unknown };
    expect(loadRunDataInOnePass(paths)).toBeNull();
    const message = inputErrorMessage(() => loadRunData(paths));
    expect(message).toBe(inputErrorMessage(() => loadRunDataInFull(paths)));
    expect(message).toMatch(/'ghost'/);
  });
  it('names each agent the agents file lacks once, at its first row, with the fix, in the one-pass and the full decoding alike', () => {
    // 'ghost' on rows 501 and 601, 'phantom' on row 551 only (1-based)
    const unknown = findingsFile('findings-two-unknown-agents.arrow', (f) => {
      f.agent = { dictionary: [...f.agent.dictionary, 'ghost', 'phantom'], codes: f.agent.codes };
      f.agent.codes[500] = f.agent.dictionary.length - 2;
      f.agent.codes[600] = f.agent.dictionary.length - 2;
      f.agent.codes[550] = f.agent.dictionary.length - 1;
    });
    const paths = { ...base, findings: unknown, display: { findings: 'f.arrow', agents: 'a.arrow' } };
    const message = inputErrorMessage(() => loadRunData(paths));
    expect(message).toBe(inputErrorMessage(() => loadRunDataInFull(paths)));
    expect(message).toBe(
      "f.arrow: row 501: agent: expected an agent listed in a.arrow, found 'ghost' (its first row; later rows naming it are not listed). Add a row for 'ghost' to a.arrow (bt data import agents), or drop its findings\n" +
        "f.arrow: row 551: agent: expected an agent listed in a.arrow, found 'phantom'. Add a row for 'phantom' to a.arrow (bt data import agents), or drop its findings",
    );
  });
});

describe('internRunData', () => {
  const NFC = '\u00e9';
  const NFD = 'e\u0301';
  it('says when a symbol without prices is a prices symbol in another Unicode normalization (both print alike)', () => {
    const findings: FindingsColumns = {
      length: 1,
      tsMs: Float64Array.of(0),
      agent: { dictionary: ['a'], codes: Int32Array.of(0) },
      symbol: { dictionary: [NFD], codes: Int32Array.of(0) },
      severity: { dictionary: ['low'], codes: Int32Array.of(0) },
      confidence: Float64Array.of(0.5),
      direction: Int8Array.of(1),
      horizonHours: Float64Array.of(Number.NaN),
      strategy: { dictionary: [], codes: Int32Array.of(-1) },
    };
    const prices: PricesColumns = { length: 1, tsMs: Float64Array.of(0), symbol: { dictionary: [NFC], codes: Int32Array.of(0) }, close: Float64Array.of(1) };
    expect(inputErrorMessage(() => internRunData(findings, prices, null, null, null, { findings: 'f.arrow', prices: 'p.arrow' }))).toBe(
      `f.arrow: row 1: symbol: expected a symbol with prices in p.arrow, found '${NFD}' (no prices; p.arrow has '${NFC}', the same text in another Unicode normalization (U+0065 U+0301 here, U+00E9 there): write both files in one form (NFC))`,
    );
  });
});

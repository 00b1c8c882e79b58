import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealDataset } from '../../../datasets/generate/build-real-dataset.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import { readKillListYaml } from '../../../datasets/read/read-kill-list.js';
import { hitRate, realizedHits } from './hit-rates.js';

const COMMITTED = join('datasets', 'data');
const REAL = join(COMMITTED, 'real-stocks');
let tmp = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bt-real-'));
  await buildRealDataset(tmp);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildRealDataset', () => {
  it('rebuilds the committed datasets/data byte for byte', () => {
    for (const sub of ['real-stocks', 'sp500-daily']) {
      const files = readdirSync(join(COMMITTED, sub)).sort();
      expect(readdirSync(join(tmp, sub)).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(tmp, sub, f)).equals(readFileSync(join(COMMITTED, sub, f))), `${sub}/${f}`).toBe(true);
    }
  });

  it('ships 6 monthly symbols 2000-01..2010-03 and no GOOG before 2004-08', () => {
    const p = readPricesArrow(join(REAL, 'prices.arrow'));
    const sym = (i: number): string => p.symbol.dictionary[p.symbol.codes[i] ?? -1] ?? '';
    expect([...new Set(Array.from({ length: p.length }, (_, i) => sym(i)))].sort()).toEqual(['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT', 'SPX']);
    // 5 stocks x 123 months, less GOOG's 55 months before 2004-08, plus SPX's 123 months
    expect(p.length).toBe(5 * 123 - 55 + 123);
    expect(p.tsMs[0]).toBe(Date.UTC(2000, 0, 1));
    expect(p.tsMs[p.length - 1]).toBe(Date.UTC(2010, 2, 1));
    const goog = Array.from({ length: p.length }, (_, i) => i).filter((i) => sym(i) === 'GOOG');
    expect(p.tsMs[goog[0] ?? -1]).toBe(Date.UTC(2004, 7, 1));
    expect(p.close[goog[0] ?? -1]).toBe(102.37);
    // SPX for 2000-01 is the 2000-01-31 close of sp500-2000.csv (its month's last), stamped at the 1st as stocks.csv stamps its month-end closes
    const spx = Array.from({ length: p.length }, (_, i) => i).filter((i) => sym(i) === 'SPX');
    expect([p.tsMs[spx[0] ?? -1], p.close[spx[0] ?? -1]]).toEqual([Date.UTC(2000, 0, 1), 1394.459961]);
  });

  it("aligns the benchmark's months with the stocks': each stock's monthly returns move with SPX's (they did not a month apart)", () => {
    const p = readPricesArrow(join(REAL, 'prices.arrow'));
    const series = new Map<string, Map<number, number>>();
    for (let i = 0; i < p.length; i++) {
      const s = p.symbol.dictionary[p.symbol.codes[i] ?? -1] ?? '';
      if (!series.has(s)) series.set(s, new Map());
      series.get(s)?.set(p.tsMs[i] as number, p.close[i] as number);
    }
    const returns = (m: Map<number, number>): Map<number, number> => {
      const ts = [...m.keys()].sort((a, b) => a - b);
      return new Map(ts.slice(1).map((t, k) => [t, (m.get(t) as number) / (m.get(ts[k] as number) as number) - 1]));
    };
    const spx = returns(series.get('SPX') as Map<number, number>);
    for (const s of ['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT']) {
      const r = returns(series.get(s) as Map<number, number>);
      const ts = [...r.keys()].filter((t) => spx.has(t));
      const x = ts.map((t) => r.get(t) as number);
      const y = ts.map((t) => spx.get(t) as number);
      const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
      const [mx, my] = [mean(x), mean(y)];
      const cov = mean(x.map((v, k) => (v - mx) * ((y[k] as number) - my)));
      const corr = cov / Math.sqrt(mean(x.map((v) => (v - mx) ** 2)) * mean(y.map((v) => (v - my) ** 2)));
      expect(corr, s).toBeGreaterThan(0.4); // 0.43-0.66 aligned; 0.02-0.29 with SPX's first-day closes
    }
  });

  it('copies the S&P 500 daily closes 2000-01-03..2020-04-17 as SPX', () => {
    const p = readPricesArrow(join(COMMITTED, 'sp500-daily', 'prices.arrow'));
    expect(p.length).toBe(5105); // python3 csv.reader: 5105 data rows in sp500-2000.csv
    expect(p.symbol.dictionary).toEqual(['SPX']);
    expect([p.tsMs[0], p.close[0]]).toEqual([Date.UTC(2000, 0, 3), 1455.219971]);
    expect([p.tsMs[p.length - 1], p.close[p.length - 1]]).toEqual([Date.UTC(2020, 3, 17), 2874.560059]);
  });

  it('emits monthly findings with a 2232 h (three-month) horizon whose skill shows in the real prices', () => {
    const p = readPricesArrow(join(REAL, 'prices.arrow'));
    const f = readFindingsArrow(join(REAL, 'findings.arrow'));
    const truth = JSON.parse(readFileSync(join(REAL, 'universe.json'), 'utf8')) as {
      sample: { break: string };
      agents: { agent: string; role: string }[];
      classes: { strategy: string; drawdown_breach: string | null }[];
    };
    expect(f.horizonHours.every((h) => h === 2232)).toBe(true);
    expect(f.tsMs.every((t) => new Date(t).getUTCDate() === 1 && t % 86_400_000 === 0)).toBe(true);
    const hits = realizedHits(f, p);
    expect(hits.every((h) => !Number.isNaN(h))).toBe(true);
    const code = (role: string): number => f.agent.dictionary.indexOf(truth.agents.find((a) => a.role === role)?.agent ?? '');
    const hi = hitRate(f, hits, (i) => f.agent.codes[i] === code('high_skill'));
    const no = hitRate(f, hits, (i) => f.agent.codes[i] === code('no_skill'));
    expect(hi.rate).toBeGreaterThan(no.rate);
    const breakMs = Date.parse(truth.sample.break);
    const cls = f.strategy.dictionary.indexOf('sentiment');
    const before = hitRate(f, hits, (i) => f.strategy.codes[i] === cls && (f.tsMs[i] ?? 0) < breakMs);
    const after = hitRate(f, hits, (i) => f.strategy.codes[i] === cls && (f.tsMs[i] ?? 0) >= breakMs);
    expect(before.rate).toBeGreaterThan(after.rate + 0.05);
    const breach = truth.classes.find((c) => c.strategy === 'sentiment')?.drawdown_breach ?? '';
    expect(Date.parse(breach)).toBeGreaterThanOrEqual(breakMs);
    expect(readKillListYaml(join(REAL, 'kill_list.yaml'))['sentiment']?.status).toBe('ACTIVE');
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDataGenerate } from '../../../engine/cli/program.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import type { FindingsColumns, PricesColumns } from '../../../datasets/schemas/columns.js';
import { hitRate, realizedHits } from './hit-rates.js';

interface UniverseJson {
  sample: { break: string };
  agents: { agent: string; strategy: string; role: string }[];
  price_model: { symbols: { symbol: string; factor: number }[] };
  options: { decaying_class: string };
}

let root = '';
async function generate(out: string, ...extra: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerDataGenerate(program.command('data'));
  await program.parseAsync(['node', 'bt', 'data', 'generate', '--out', out, ...extra]);
}
const dirA = (): string => join(root, 'a');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bt-gen-'));
  await generate(join(root, 'a'), '--seed', '7');
  await generate(join(root, 'b'), '--seed', '7');
  await generate(join(root, 'c'), '--seed', '8');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generateUniverse', () => {
  it('writes the same bytes in every file for one seed', () => {
    const files = readdirSync(dirA()).sort();
    expect(files).toEqual(['.bt-output.json', 'agents.arrow', 'findings.arrow', 'kill_list.yaml', 'prices.arrow', 'universe.json']);
    expect(readdirSync(join(root, 'b')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(root, 'b', f)).equals(readFileSync(join(dirA(), f))), f).toBe(true);
  });

  it('writes different prices, findings and ground truth for another seed', () => {
    for (const f of ['prices.arrow', 'findings.arrow', 'universe.json']) {
      expect(readFileSync(join(root, 'c', f)).equals(readFileSync(join(dirA(), f))), f).toBe(false);
    }
  });

  describe('over its own prices', () => {
    let prices: PricesColumns;
    let findings: FindingsColumns;
    let truth: UniverseJson;
    let hits: Float64Array;
    beforeAll(() => {
      prices = readPricesArrow(join(dirA(), 'prices.arrow'));
      findings = readFindingsArrow(join(dirA(), 'findings.arrow'));
      truth = JSON.parse(readFileSync(join(dirA(), 'universe.json'), 'utf8')) as UniverseJson;
      hits = realizedHits(findings, prices);
    });
    const agentCode = (role: string): number => {
      const name = truth.agents.find((a) => a.role === role)?.agent ?? '';
      return findings.agent.dictionary.indexOf(name);
    };

    it('gives the high-skill agent a higher realized hit rate than the no-skill agent', () => {
      const hi = hitRate(findings, hits, (i) => findings.agent.codes[i] === agentCode('high_skill'));
      const no = hitRate(findings, hits, (i) => findings.agent.codes[i] === agentCode('no_skill'));
      expect(hi.n).toBeGreaterThan(5000);
      expect(no.n).toBeGreaterThan(5000);
      expect(hi.rate).toBeGreaterThan(no.rate + 0.03);
    });

    it('lowers the decaying class hit rate after the break date', () => {
      const breakMs = Date.parse(truth.sample.break);
      const cls = findings.strategy.dictionary.indexOf(truth.options.decaying_class);
      const inClass = (i: number): boolean => findings.strategy.codes[i] === cls;
      const before = hitRate(findings, hits, (i) => inClass(i) && (findings.tsMs[i] ?? 0) < breakMs);
      const after = hitRate(findings, hits, (i) => inClass(i) && (findings.tsMs[i] ?? 0) >= breakMs);
      expect(before.rate).toBeGreaterThan(0.52);
      expect(after.rate).toBeLessThan(0.5);
    });

    it('emits findings sorted by ts, then agent id, then symbol id', () => {
      let firstBad = -1;
      for (let i = 1; i < findings.length && firstBad < 0; i++) {
        const dt = (findings.tsMs[i] ?? 0) - (findings.tsMs[i - 1] ?? 0);
        const da = (findings.agent.codes[i] ?? 0) - (findings.agent.codes[i - 1] ?? 0);
        const ds = (findings.symbol.codes[i] ?? 0) - (findings.symbol.codes[i - 1] ?? 0);
        if (!(dt > 0 || (dt === 0 && (da > 0 || (da === 0 && ds > 0))))) firstBad = i;
      }
      expect(firstBad).toBe(-1);
      expect(findings.confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
    });

    it('simulates finite positive closes with fat tails and positive correlation inside a factor', () => {
      expect(prices.close.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
      const nSym = prices.symbol.dictionary.length;
      const nBars = prices.length / nSym;
      const rets: Float64Array[] = [];
      for (let s = 0; s < nSym; s++) {
        const r = new Float64Array(nBars - 1);
        for (let b = 1; b < nBars; b++) r[b - 1] = Math.log((prices.close[b * nSym + s] ?? 1) / (prices.close[(b - 1) * nSym + s] ?? 1));
        rets.push(r);
      }
      for (const r of rets) expect(kurtosis(r)).toBeGreaterThan(3);
      const factorOf = new Map(truth.price_model.symbols.map((x) => [x.symbol, x.factor]));
      let pairs = 0;
      for (let a = 0; a < nSym; a++) {
        for (let b = a + 1; b < nSym; b++) {
          const fa = factorOf.get(prices.symbol.dictionary[a] ?? '');
          if (fa !== factorOf.get(prices.symbol.dictionary[b] ?? '')) continue;
          expect(correlation(rets[a] ?? new Float64Array(), rets[b] ?? new Float64Array())).toBeGreaterThan(0.1);
          pairs++;
        }
      }
      expect(pairs).toBeGreaterThan(10);
    });
  });
});

function moments(x: Float64Array): { mean: number; m2: number; m4: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    const d = (v - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { mean, m2: m2 / x.length, m4: m4 / x.length };
}

/** Population kurtosis m4 / m2^2 (3 for a normal). */
function kurtosis(x: Float64Array): number {
  const m = moments(x);
  return m.m4 / (m.m2 * m.m2);
}

/** Pearson correlation. */
function correlation(x: Float64Array, y: Float64Array): number {
  const mx = moments(x).mean;
  const my = moments(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

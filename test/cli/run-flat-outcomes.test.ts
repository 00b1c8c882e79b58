import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { writeAgentsArrow } from '../../datasets/write/write-agents.js';
import type { PricesColumns } from '../../datasets/schemas/columns.js';
import { MS } from '../../engine/core/time.js';
import { runBt } from '../helpers/run-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const tmp = mkdtempSync(join(tmpdir(), 'bt-flat-outcomes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The close of `symbol` at or before t, from rows sorted by time (undefined: none yet). */
function closeAsOf(prices: PricesColumns, symbol: number, t: number): number | undefined {
  let c: number | undefined;
  for (let i = 0; i < prices.length && (prices.tsMs[i] as number) <= t; i++) if (prices.symbol.codes[i] === symbol) c = prices.close[i] as number;
  return c;
}

describe('bt run: the flat-outcomes note', () => {
  it('says how many outcomes had a realized pnl of exactly 0 when the prices are sparser than the calls (24 h calls on weekly closes), the count a brute force over the inputs gives', () => {
    // a daily universe whose closes are thinned to one day in seven: a 24 h call sees a new close
    // within its horizon only when it is made on the day before a kept close
    const start = Date.UTC(2022, 0, 1);
    const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 5, agents: 5, symbols: 4, startMs: start, endMs: start + 120 * MS.day, freqMs: MS.day, findingsPerAgentPerBar: 0.3 });
    const daily = u.prices as PricesColumns;
    const keep: number[] = [];
    for (let i = 0; i < daily.length; i++) if (Math.round(((daily.tsMs[i] as number) - start) / MS.day) % 7 === 0) keep.push(i);
    const weekly: PricesColumns = {
      length: keep.length,
      tsMs: Float64Array.from(keep, (i) => daily.tsMs[i] as number),
      symbol: { dictionary: daily.symbol.dictionary, codes: Int32Array.from(keep, (i) => daily.symbol.codes[i] as number) },
      close: Float64Array.from(keep, (i) => daily.close[i] as number),
    };
    writeFindingsArrow(join(tmp, 'findings.arrow'), u.findings);
    writePricesArrow(join(tmp, 'prices.arrow'), weekly);
    writeAgentsArrow(join(tmp, 'agents.arrow'), u.agents);
    const scenario = join(tmp, 'weekly.yaml');
    writeFileSync(scenario, 'name: weekly\nseed: 1\ndata:\n  findings: findings.arrow\n  prices: prices.arrow\n  agents: agents.arrow\nclock:\n  cadence: 1d\nreconcile:\n  horizon_hours: 24\nallocator:\n  variant: pnl-weighted\n');
    // brute force: every finding due by the last close is reconciled on the close at or before its
    // due time, against the close at or before its own time (prices come first at equal times)
    const endMs = weekly.tsMs[weekly.length - 1] as number;
    const f = u.findings;
    let reconciled = 0;
    let flat = 0;
    for (let i = 0; i < f.length; i++) {
      const t = f.tsMs[i] as number;
      const due = t + (Number.isNaN(f.horizonHours[i] as number) ? 24 : (f.horizonHours[i] as number)) * MS.hour;
      if (t > endMs || due > endMs) continue;
      const s = weekly.symbol.dictionary.indexOf(f.symbol.dictionary[f.symbol.codes[i] as number] as string);
      const entry = closeAsOf(weekly, s, t);
      const exit = closeAsOf(weekly, s, due);
      reconciled++;
      if (entry === exit) flat++;
    }
    expect(flat / reconciled).toBeGreaterThan(0.6);
    const r = runBt(['run', scenario, '--no-report', '--out', join(tmp, 'out')], tmp);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`reconciliations ${reconciled},`);
    expect(r.stderr).toContain(`bt run weekly: note: ${flat} of ${reconciled} outcomes (${((flat / reconciled) * 100).toFixed(2)}%) had a realized pnl of exactly 0 bps: the close at their due time was their entry close`);
    // seed mode reconciles through the general path (seed decay takes rows): the same count
    writeFileSync(join(tmp, 'weekly-seed.yaml'), readFileSync(scenario, 'utf8').replace('name: weekly', 'name: weekly-seed').replace('variant: pnl-weighted', 'variant: pnl-weighted\n  mode: seed'));
    const seed = runBt(['run', join(tmp, 'weekly-seed.yaml'), '--no-report', '--out', join(tmp, 'out-seed')], tmp);
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stderr).toContain(`bt run weekly-seed: note: ${flat} of ${reconciled} outcomes`);
    // prices as dense as the calls: no note
    writePricesArrow(join(tmp, 'prices.arrow'), daily);
    const dense = runBt(['run', scenario, '--no-report', '--force', '--out', join(tmp, 'out')], tmp);
    expect(dense.code, dense.stderr).toBe(0);
    expect(dense.stderr).not.toContain('exactly 0 bps');
  }, 60_000);

  it('is silent on every shipped scenario (monthly closes, three-month calls)', () => {
    for (const name of readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'))) {
      const r = runBt(['run', `scenarios/${name}`, '--no-report', '--out', join(tmp, name)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr, name).not.toContain('exactly 0 bps');
    }
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../engine/core/rng.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-run-costs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOL = 1e-9;

/** scenarios/quickstart-costs.yaml with absolute data paths, its prices replaced by `prices` when given, `edit` applied. */
function scenario(name: string, prices?: string, edit: (text: string) => string = (t) => t): string {
  let text = readFileSync(join(repo, 'scenarios/quickstart-costs.yaml'), 'utf8');
  if (prices !== undefined) text = text.replace('prices: ../datasets/data/real-stocks/prices.arrow', `prices: ${prices}`);
  text = edit(text.replaceAll('../datasets/', `${join(repo, 'datasets')}/`));
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** Sets costs.spread_column: true (the shipped file leaves it out: its prices have no spread_bps). */
const spreadColumn = (text: string): string => text.replace('\ncosts:\n', '\ncosts:\n  spread_column: true\n');

/** The 1-based line of `costs.spread_column` in a scenario file, found by reading it. */
function spreadColumnLine(file: string): number {
  return readFileSync(file, 'utf8').split('\n').indexOf('  spread_column: true') + 1;
}

/** What bt says of costs.spread_column: true over the real closes, which have no spread_bps (`line`: where the scenario `file` sets it; the prices named from its folder). */
function noSpreadColumnError(file: string, line: number | null): string {
  return `${file}${line === null ? '' : `:${line}`}: costs.spread_column: expected a prices file with a spread_bps column to take each bar's half spread from, found true, and ${relative(dir, join(repo, 'datasets/data/real-stocks/prices.arrow'))} has no spread_bps column. Drop costs.spread_column (half_spread_bps then applies to every bar), or add a spread_bps column to the prices file`;
}

function run(file: string, out: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', file, '--out', out, '--quiet', '--no-report'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

/** The real closes plus seeded volumes (shares) and quoted spreads (bps) per bar, written once; returns the file. */
function volumePrices(): string {
  const prices = join(dir, 'prices-volume.arrow');
  if (existsSync(prices)) return prices;
  const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
  const rng = createRng(5, 'run-costs-volume');
  const volume = Float64Array.from({ length: p.length }, () => 2e5 + 2e6 * rng());
  const spreadBps = Float64Array.from({ length: p.length }, () => 2 + 8 * rng());
  writePricesArrow(prices, { ...p, volume, spreadBps });
  return prices;
}

type Metrics = { costs_paid: number; cost_breakdown: Record<string, number>; notes: string[] };
const metricsOf = (out: string): Metrics => JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Metrics;

/** Sum of the fills' costs (v3) in events.arrow, in file order. */
function fillCosts(out: string): number {
  const t = tableFromIPC(readFileSync(join(out, 'events.arrow')));
  const kind = t.getChild('kind');
  const v3 = t.getChild('v3');
  let sum = 0;
  for (let i = 0; i < t.numRows; i++) if (String(kind?.get(i)) === 'fill') sum += Number(v3?.get(i));
  return sum;
}

describe('bt run costs', () => {
  it('runs quickstart-costs.yaml: spread and fixed costs charged, impact inactive without volume and said so', () => {
    const out = join(dir, 'plain');
    const r = run(scenario('plain'), out);
    expect(r.code, r.stderr).toBe(0);
    const m = metricsOf(out);
    expect(m.cost_breakdown['spread']).toBeGreaterThan(0);
    expect(m.cost_breakdown['impact']).toBe(0);
    expect(m.cost_breakdown['fills_skipped_band']).toBeGreaterThan(0);
    const b = m.cost_breakdown as Record<'fixed' | 'spread' | 'impact', number>;
    expect(b.fixed + b.spread + b.impact).toBe(m.costs_paid); // exactly: costs_paid is the three parts added in that order
    expect(m.notes).toContain('costs.impact_k is set but the prices file has no volume for its symbols: no impact was charged');
  });

  it('charges spread from spread_bps and square-root impact from volume once 12 returns are known, and the breakdown and events.arrow fill costs add up to costs_paid', () => {
    const out = join(dir, 'volume');
    const r = run(scenario('volume', volumePrices(), spreadColumn), out);
    expect(r.code, r.stderr).toBe(0);
    const m = metricsOf(out);
    const b = m.cost_breakdown as Record<'fixed' | 'spread' | 'impact', number>;
    expect(b.impact).toBeGreaterThan(0);
    expect(b.spread).toBeGreaterThan(0);
    expect(m.notes.some((n) => n.startsWith('costs.impact_k'))).toBe(false);
    expect(b.fixed + b.spread + b.impact).toBe(m.costs_paid); // exactly: costs_paid is the three parts added in that order
    // the first fills of each symbol come before 12 monthly returns: no sigma, no impact, counted
    expect(m.notes.some((n) => /^\d+ fills charged no impact: their symbol had fewer than costs\.impact_window \(12\) returns/.test(n))).toBe(true);
    expect(Math.abs(fillCosts(out) - m.costs_paid)).toBeLessThanOrEqual(TOL * m.costs_paid);
  });

  it('charges a sweep configuration the same volume and spread costs as bt run of that configuration', () => {
    // workers read the run data from shared memory: the cost model's columns must travel with it
    const base = scenario('sweep-base', volumePrices(), spreadColumn);
    const sweepFile = join(dir, 'costs-sweep.yaml');
    writeFileSync(sweepFile, `name: costs-sweep\nbase: ${base}\nobjective: sharpe\ndirection: maximize\nspace:\n  grid:\n    targets.cash_buffer: [0.05, 0.2]\n`);
    const sweepOut = join(dir, 'costs-sweep');
    const s = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'sweep', sweepFile, '--out', sweepOut, '--quiet', '--no-report', '--workers', '2'], { cwd: dir, encoding: 'utf8' });
    expect(s.status, s.stderr).toBe(0);
    const rows = readFileSync(join(sweepOut, 'results.csv'), 'utf8').trim().split('\n');
    const header = (rows[0] as string).split(',');
    const col = (name: string): number => header.indexOf(name);
    expect(rows).toHaveLength(3);
    for (const line of rows.slice(1)) {
      const cells = line.split(',');
      const buffer = cells[col('targets.cash_buffer')] as string;
      const out = join(dir, `costs-sweep-run-${buffer}`);
      const r = run(scenario(`costs-sweep-run-${buffer}`, volumePrices(), (t) => spreadColumn(t).replace('targets:\n', `targets:\n  cash_buffer: ${buffer}\n`)), out);
      expect(r.code, r.stderr).toBe(0);
      const m = metricsOf(out);
      expect(m.cost_breakdown['impact']).toBeGreaterThan(0);
      expect(Number(cells[col('costs_paid')])).toBe(m.costs_paid);
      expect(Number(cells[col('sharpe')])).toBe((m as unknown as { sharpe: number }).sharpe);
    }
  });

  it('exits 2 naming the prices symbols when costs.symbols names an unknown one, leaving no folder', () => {
    const out = join(dir, 'typo');
    const r = run(scenario('typo', undefined, (t) => t.replace('    GOOG:\n', '    GOGL:\n')), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo\.yaml: costs\.symbols\.GOGL: expected a symbol of .*real-stocks\/prices\.arrow \(AAPL, AMZN, GOOG, IBM, MSFT, SPX\), found 'GOGL'\. Did you mean 'GOOG'\?/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the scenario line, the prices file and the fix when costs.spread_column is true over prices without spread_bps, leaving no folder', () => {
    // silently, every bar would pay half_spread_bps: the key would do nothing
    const file = scenario('no-spread', undefined, spreadColumn);
    const line = spreadColumnLine(file);
    expect(line).toBeGreaterThan(1);
    const out = join(dir, 'no-spread');
    const r = run(file, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bt: ${noSpreadColumnError(file, line)}\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('fails every configuration of a sweep whose base sets costs.spread_column over prices without spread_bps with the message bt run gives', () => {
    const base = scenario('no-spread-in-base', undefined, spreadColumn);
    const sweepFile = join(dir, 'no-spread-in-base-sweep.yaml');
    writeFileSync(sweepFile, `name: no-spread-in-base\nbase: ${base}\nobjective: sharpe\ndirection: maximize\nspace:\n  grid:\n    targets.cash_buffer: [0.05, 0.2]\n`);
    const sweepOut = join(dir, 'no-spread-in-base-sweep');
    const s = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'sweep', sweepFile, '--out', sweepOut, '--quiet', '--no-report', '--workers', '2'], { cwd: dir, encoding: 'utf8' });
    expect(s.status).toBe(1);
    const results = tableFromIPC(readFileSync(join(sweepOut, 'results.arrow')));
    const errors = Array.from({ length: results.numRows }, (_, i) => results.getChild('error')?.get(i) as string | null);
    // the base as the sweep names it, from its folder, at the line bt run names
    expect(errors).toEqual([0, 1].map(() => noSpreadColumnError(relative(dir, base), spreadColumnLine(base))));
  });

  it('fails a sweep configuration that sets costs.spread_column over prices without spread_bps with the message bt run gives, and runs the others', () => {
    const base = scenario('no-spread-base');
    const sweepFile = join(dir, 'no-spread-sweep.yaml');
    writeFileSync(sweepFile, `name: no-spread-sweep\nbase: ${base}\nobjective: sharpe\ndirection: maximize\nspace:\n  grid:\n    costs.spread_column: [false, true]\n`);
    const sweepOut = join(dir, 'no-spread-sweep');
    const s = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'sweep', sweepFile, '--out', sweepOut, '--quiet', '--no-report', '--workers', '2'], { cwd: dir, encoding: 'utf8' });
    expect(s.status).toBe(1);
    const results = tableFromIPC(readFileSync(join(sweepOut, 'results.arrow')));
    const rows = Array.from({ length: results.numRows }, (_, i) => ({ on: String(results.getChild('costs.spread_column')?.get(i)), status: String(results.getChild('status')?.get(i)), error: results.getChild('error')?.get(i) as string | null }));
    expect(rows.map((r) => [r.on, r.status]).sort()).toEqual([
      ['false', 'ok'],
      ['true', 'failed'],
    ]);
    // the sweep file sets the key: the base file has no line to name
    expect(rows.find((r) => r.on === 'true')?.error).toBe(noSpreadColumnError(relative(dir, base), null)); // the base as the sweep names it, from its folder
  });
});


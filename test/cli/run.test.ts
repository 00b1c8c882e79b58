import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPricesArrow } from '../../datasets/read/read-prices.js';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { sha256Hex } from '../../engine/core/hash.js';
import { shortQuickstartYaml } from '../helpers/short-quickstart.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bt(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function manifest(out: string): { outputs: Record<string, string>; inputs: Record<string, string> } {
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: Record<string, string>; inputs: Record<string, string> };
}

/** A scenario folder in the temp dir pointing at the repo's real-stocks dataset. */
function scenarioFile(name: string, body: string): string {
  const scen = join(dir, 'scenarios');
  mkdirSync(scen, { recursive: true });
  const data = join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/');
  const path = join(scen, `${name}.yaml`);
  writeFileSync(path, body.replaceAll('DATA', data));
  return path;
}

// the quickstart's universe, whole (test/helpers/short-quickstart.ts); NAME and DATA replaced per test
const BASE = shortQuickstartYaml('NAME', 'DATA', { end: null });

/** The real-stocks prices with the last row's close -1, written as `name` in the temp dir; returns the file and the error bt gives for it. */
function pricesWithBadLastRow(name: string): { file: string; expected: string } {
  const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
  const close = p.close.slice();
  close[p.length - 1] = -1;
  const file = join(dir, name);
  writePricesArrow(file, { ...p, close });
  return { file, expected: `${name}: row ${p.length}: close: expected a finite number > 0, found -1` };
}

beforeAll(() => {
  copyFileSync(join(repo, 'scenarios/quickstart.yaml'), join(dir, 'quickstart.yaml'));
});

describe('bt run', () => {
  it('gives identical output hashes for two runs of one scenario, and bt replay rebuilds the final state', () => {
    const a = bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', join(dir, 'q1'), '--quiet');
    const b = bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', join(dir, 'q2'));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(dir, 'q1', 'manifest.json'), 'utf8')).toBe(readFileSync(join(dir, 'q2', 'manifest.json'), 'utf8'));
    for (const [file, hash] of Object.entries(manifest(join(dir, 'q1')).outputs)) {
      expect(readFileSync(join(dir, 'q2', file)).equals(readFileSync(join(dir, 'q1', file))), file).toBe(true);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const r = bt(repo, 'replay', join(dir, 'q1'));
    expect(r.code, r.stderr).toBe(0);
    // bt run and bt replay count the same thing: the rows of events.arrow, read here independently
    const rows = tableFromIPC(readFileSync(join(dir, 'q1', 'events.arrow'))).numRows;
    expect(rows).toBeGreaterThan(100);
    expect(b.stdout).toContain(` -> logged events ${rows} (events.arrow), `);
    expect(r.stdout).toBe(`bt replay: ${rows} logged events (events.arrow) rebuild final_state.json exactly\n`);
  });

  it('stops at a snapshot and resumes to outputs byte-identical to the unbroken run; refuses another scenario\'s snapshot', () => {
    const snap = join(dir, 'snap.bin');
    const stop = bt(repo, 'run', 'scenarios/quickstart.yaml', '--stop-after', '2005-06-30', '--snapshot', snap);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(/stopped after 2005-06-30T00:00:00.000Z/);
    expect(bt(repo, 'run', 'scenarios/quickstart.yaml', '--resume', snap, '--out', join(dir, 'resumed'), '--quiet').code).toBe(0);
    expect(bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', join(dir, 'unbroken'), '--quiet').code).toBe(0);
    const outputs = manifest(join(dir, 'unbroken')).outputs;
    expect(Object.keys(outputs).length).toBeGreaterThan(5);
    for (const file of [...Object.keys(outputs), 'manifest.json']) {
      expect(readFileSync(join(dir, 'resumed', file)).equals(readFileSync(join(dir, 'unbroken', file))), file).toBe(true);
    }
    const other = bt(repo, 'run', 'scenarios/pnl-weighted.yaml', '--resume', snap, '--out', join(dir, 'other'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/snap\.bin: scenario: expected the value of this run .*A snapshot resumes only the run that wrote it/);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('says so when --stop-after is past the run (the whole run written, no snapshot), and refuses --snapshot without --stop-after', () => {
    const snap = join(dir, 'never.bin');
    const past = bt(repo, 'run', 'scenarios/quickstart.yaml', '--stop-after', '2020-01-01', '--snapshot', snap, '--out', join(dir, 'past'), '--no-report');
    expect(past.code, past.stderr).toBe(0);
    expect(past.stderr).toBe("bt run quickstart: note: --stop-after 2020-01-01 is at or after the run's last event: ran to the end, wrote no snapshot\n");
    expect(existsSync(join(dir, 'past', 'manifest.json'))).toBe(true);
    expect(existsSync(snap)).toBe(false);
    const alone = bt(repo, 'run', 'scenarios/quickstart.yaml', '--snapshot', snap, '--out', join(dir, 'alone'));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^bt: --snapshot: expected together with --stop-after \(the date to stop at\), found '.*never\.bin' without --stop-after\n$/);
    expect(existsSync(join(dir, 'alone'))).toBe(false);
  });

  it('refuses a kill-list class that is a misspelling of one of the run\'s classes (sentimnet: DISABLED was ignored), naming the file and the class', () => {
    const kl = join(dir, 'typo-kill-list.yaml');
    writeFileSync(kl, readFileSync(join(repo, 'datasets/data/real-stocks/kill_list.yaml'), 'utf8').replace(/^sentiment:/m, 'sentimnet:'));
    const scen = join(dir, 'typo.yaml');
    writeFileSync(scen, readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8').replace('name: quickstart', 'name: typo').replace('../datasets/data/real-stocks/kill_list.yaml', kl).replaceAll('../datasets', join(repo, 'datasets')));
    const r = bt(dir, 'run', scen, '--out', join(dir, 'typo-out'), '--quiet', '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bt: typo-kill-list.yaml: sentimnet: expected a strategy class of the run's agents (arb, funding, macro, momentum, sentiment), found 'sentimnet', which no agent has. Did you mean 'sentiment'?\n`);
    expect(existsSync(join(dir, 'typo-out'))).toBe(false);
  });

  it('writes an equity curve and metrics that an independent numpy reference reproduces to 1e-9', () => {
    const out = join(dir, 'ref');
    expect(bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', out, '--quiet', '--csv').code).toBe(0);
    const prices = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
    const lines = ['ts,symbol,close'];
    for (let i = 0; i < prices.length; i++) lines.push(`${prices.tsMs[i]},${prices.symbol.dictionary[prices.symbol.codes[i] as number]},${prices.close[i]}`);
    writeFileSync(join(dir, 'prices.csv'), `${lines.join('\n')}\n`);
    const m = manifest(out) as unknown as { scenario: { costs: { bps_per_turnover: number; slippage_bps: number }; portfolio: { initial_capital: number } } };
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, number>;
    const costBps = m.scenario.costs.bps_per_turnover + m.scenario.costs.slippage_bps;
    const equity = tableFromIPC(readFileSync(join(out, 'equity.arrow')));
    const ts = Array.from(equity.getChild('ts')?.toArray() as BigInt64Array, Number);
    const py = JSON.parse(
      execFileSync('python3', [
        join(repo, 'test/reference/equity_reference.py'),
        join(dir, 'prices.csv'),
        join(out, 'targets.csv'),
        String(m.scenario.portfolio.initial_capital),
        String(costBps),
        String(prices.tsMs[0]), // the run's start: time.start unset, the data's first close (2000-01-01)
        String(metrics['periods_per_year']),
      ], { encoding: 'utf8' }),
    ) as { ts: number[]; equity: number[]; sharpe: number; max_drawdown: number; annualized_return: number };
    const ours = Array.from(equity.getChild('equity')?.toArray() as Float64Array);
    expect(py.ts).toEqual(ts);
    expect(ours.length).toBeGreaterThan(100);
    for (let i = 0; i < ours.length; i++) expect(Math.abs((ours[i] as number) - (py.equity[i] as number))).toBeLessThanOrEqual(1e-9 * Math.abs(py.equity[i] as number));
    for (const k of ['sharpe', 'max_drawdown', 'annualized_return'] as const) {
      expect(Math.abs((metrics[k] as number) - py[k]), k).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(py[k])));
    }
    // A real backtest: capital was deployed and moved.
    expect(metrics['rebalances']).toBeGreaterThan(10);
    expect(metrics['final_equity']).not.toBe(metrics['initial_equity']);
    // bt metrics on the run's own equity.arrow gives the figures of its metrics.json (same periods).
    const again = bt(repo, 'metrics', join(out, 'equity.arrow'), '--prices', '--json', '--periods-per-year', String(metrics['periods_per_year']));
    expect(again.code, again.stderr).toBe(0);
    const col = (JSON.parse(again.stdout) as { columns: Record<string, Record<string, number>> }).columns['equity'] ?? {};
    for (const k of ['n', 'total_return', 'annualized_return', 'sharpe', 'max_drawdown'] as const) expect(col[k], k).toBe(metrics[k]);
  });

  it('with --csv writes a CSV beside every Arrow table (times ISO 8601 UTC plus ts_ms, exact numbers), each in the manifest and the marker, and replaces that folder', () => {
    const out = join(dir, 'csv');
    expect(bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', out, '--quiet', '--csv', '--no-report').code).toBe(0);
    const outputs = manifest(out).outputs;
    const marker = JSON.parse(readFileSync(join(out, '.bt-output.json'), 'utf8')) as { files: string[] };
    for (const name of ['events', 'targets', 'agent_weights', 'kills', 'equity']) {
      const csv = readFileSync(join(out, `${name}.csv`), 'utf8');
      expect(outputs[`${name}.csv`], name).toBe(sha256Hex(csv));
      expect(marker.files, name).toContain(`${name}.csv`);
      const t = tableFromIPC(readFileSync(join(out, `${name}.arrow`)));
      const lines = csv.trimEnd().split('\n');
      expect(lines.length, name).toBe(t.numRows + 1);
      const header = (lines[0] as string).split(',');
      expect(header, name).toEqual(t.schema.fields.flatMap((f) => (f.name === 'ts' ? ['ts', 'ts_ms'] : [f.name])));
      // the columns before ts hold no commas (seq at most)
      const at = header.indexOf('ts');
      const ms = Number(t.getChild('ts')?.get(t.numRows - 1));
      expect((lines[lines.length - 1] as string).split(',').slice(at, at + 2), name).toEqual([new Date(ms).toISOString(), String(ms)]);
    }
    expect(readFileSync(join(out, 'kills.csv'), 'utf8').split('\n')[1]).toMatch(/^2005-07-03T00:00:00\.000Z,1120348800000,class_retired,,sentiment,max_drawdown_breach,"\{""hitRate"":/);
    expect(readFileSync(join(out, 'benchmark.csv'), 'utf8').split('\n').slice(0, 2)).toEqual(['ts,ts_ms,close', '2000-01-01T00:00:00.000Z,946684800000,1394.459961']);
    const equity = tableFromIPC(readFileSync(join(out, 'equity.arrow'))).getChild('equity')?.toArray() as Float64Array;
    const csvEquity = readFileSync(join(out, 'equity.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
    expect(csvEquity).toEqual(Array.from(equity));
    // bt wrote them: a run without --csv replaces the folder, CSV files included
    expect(bt(repo, 'run', 'scenarios/quickstart.yaml', '--out', out, '--quiet', '--no-report').code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('retires the class whose edge disappears after its break and gives its agents no capital afterwards', () => {
    const out = join(dir, 'kill');
    const path = scenarioFile('kill', BASE.replace('NAME', 'kill'));
    const r = bt(dir, 'run', path, '--out', out, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const universe = JSON.parse(readFileSync(join(repo, 'datasets/data/real-stocks/universe.json'), 'utf8')) as { sample: { break: string } };
    const breakMs = Date.parse(universe.sample.break);
    const kills = tableFromIPC(readFileSync(join(out, 'kills.arrow')));
    const rows = kills.toArray().map((row) => row.toJSON() as { ts: bigint | number; kind: string; strategy: string | null });
    const cls = rows.find((k) => (k.kind === 'class_retired' || k.kind === 'class_killed') && k.strategy === 'sentiment');
    expect(cls, JSON.stringify(rows.map((k) => [k.kind, k.strategy]))).toBeDefined();
    const killMs = Number((cls as { ts: bigint | number }).ts);
    expect(killMs).toBeGreaterThan(breakMs);
    const weights = tableFromIPC(readFileSync(join(out, 'agent_weights.arrow')));
    const w = weights.toArray().map((row) => row.toJSON() as { ts: bigint | number; agent: string; weight: number });
    // agent_weights.arrow records changes: as of the kill tick and ever after, each sentiment agent is at 0.
    for (const agent of ['sentiment_01', 'sentiment_02']) {
      const rows = w.filter((x) => x.agent === agent);
      expect(rows.some((x) => Number(x.ts) < killMs && x.weight > 0), `${agent} had capital before`).toBe(true);
      const asOfKill = rows.filter((x) => Number(x.ts) <= killMs).at(-1);
      expect(asOfKill?.weight).toBe(0);
      for (const x of rows.filter((r) => Number(r.ts) >= killMs)) expect(x.weight).toBe(0);
    }
  });

  it('exits 2 naming the window and the data span when the window holds no prices, and writes nothing', () => {
    // real-stocks: monthly closes on the 1st, 2000-01-01 .. 2010-03-01
    const windows: [string, string, string][] = [
      ['after', '2030-01-01', '2030-12-31'],
      ['between-closes', '2005-01-05', '2005-01-20'],
    ];
    for (const [name, start, end] of windows) {
      const path = scenarioFile(`window-${name}`, BASE.replace('NAME', `window-${name}`) + `time:\n  start: ${start}\n  end: ${end}\n`);
      const out = join(dir, 'results', `window-${name}`);
      const r = bt(dir, 'run', path, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(
        `bt: ${path}: time: expected a window holding at least one price, found ${start} .. ${end} with no prices (prices 2000-01-01 .. 2010-03-01, findings 2000-01-01 .. 2009-11-01). Set time.start and time.end around some of the prices\n`,
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it('exits 2 up front, writing nothing, when the window holds too many ticks or a time no Date holds, instead of running out of memory', () => {
    // a 1 s cadence over ten years is 320M ticks (it ran out of memory); prices in microseconds under a millisecond type end past year 275760
    const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
    const micros = join(dir, 'prices-micros.arrow');
    const far = join(dir, 'prices-far.arrow');
    writePricesArrow(micros, { ...p, tsMs: p.tsMs.map((t) => t * 1000) });
    // past what a Date holds (nanoseconds would be; the writer takes safe integers only)
    const last = p.tsMs[p.length - 1] as number;
    writePricesArrow(far, { ...p, tsMs: p.tsMs.map((t) => t - last + 8.7e15) });
    const cases: [string, string, string][] = [
      ['second-ticks', BASE.replace('cadence: 1d', 'cadence: 1s'), "clock.cadence: expected at most 10,000,000 ticks in the run's window, found 320,716,801 ticks of 1 s from 2000-01-01T00:00:00.000Z (the first price or finding) to 2010-03-01T00:00:00.000Z (the last price)"],
      ['micro-prices', BASE.replace('DATA/prices.arrow', micros), "clock.cadence: expected at most 10,000,000 ticks in the run's window, found 14,658,044 ticks of 86400 s from 2000-01-01T00:00:00.000Z (the first price or finding) to +042132-05-11T00:00:00.000Z (the last price). Set a longer clock.cadence, or time.start and time.end around the data you mean to replay. Were the data's times written in microseconds"],
      ['far-prices', BASE.replace('DATA/prices.arrow', far), "time.end: expected a time between years -271821 and 275760 (±8.64e15 ms), found 8700000000000000 ms since 1970 (the last price). Were the data's times written in microseconds or nanoseconds"],
    ];
    for (const [name, body, message] of cases) {
      const path = scenarioFile(`limits-${name}`, body.replace('NAME', `limits-${name}`));
      const out = join(dir, 'results', `limits-${name}`);
      const r = bt(dir, 'run', path, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`bt: ${path}: ${message}`);
      expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'results')) ? readdirSync(join(dir, 'results')).filter((f) => f.startsWith('.bt-tmp')) : []).toEqual([]);
    }
  });

  it('exits 2 naming the window and each file\'s span when the run replays no finding (no rows, all after the last price, prices in seconds), and writes nothing', () => {
    const f = readFindingsArrow(join(repo, 'datasets/data/real-stocks/findings.arrow'));
    const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
    const cut = (n: number): typeof f => ({ ...f, length: n, tsMs: f.tsMs.slice(0, n), agent: { ...f.agent, codes: f.agent.codes.slice(0, n) }, symbol: { ...f.symbol, codes: f.symbol.codes.slice(0, n) }, severity: { ...f.severity, codes: f.severity.codes.slice(0, n) }, confidence: f.confidence.slice(0, n), direction: f.direction.slice(0, n), horizonHours: f.horizonHours.slice(0, n), strategy: { ...f.strategy, codes: f.strategy.codes.slice(0, n) } });
    const years20 = 20 * 365 * 86_400_000;
    const files = { none: join(dir, 'findings-none.arrow'), later: join(dir, 'findings-later.arrow'), seconds: join(dir, 'prices-seconds.arrow') };
    writeFindingsArrow(files.none, cut(0));
    writeFindingsArrow(files.later, { ...f, tsMs: f.tsMs.map((t) => t + years20) });
    writePricesArrow(files.seconds, { ...p, tsMs: p.tsMs.map((t) => t / 1000) });
    const cases: [string, string, string][] = [
      ['no-rows', BASE.replace('DATA/findings.arrow', files.none), 'found 2000-01-01 .. 2010-03-01 with no findings (prices 2000-01-01 .. 2010-03-01, findings no rows). data.findings has no rows'],
      ['all-after-prices', BASE.replace('DATA/findings.arrow', files.later), 'found 2000-01-01 .. 2010-03-01 with no findings (prices 2000-01-01 .. 2010-03-01, findings 2019-12-27 .. 2029-10-27). Every finding comes after the last price, so none can be filled or reconciled'],
      ['prices-in-seconds', BASE.replace('DATA/prices.arrow', files.seconds), "The prices' times lie in January 1970: were they written in seconds"],
    ];
    for (const [name, body, message] of cases) {
      const path = scenarioFile(`window-${name}`, body.replace('NAME', name));
      const out = join(dir, 'results', `window-${name}`);
      const r = bt(dir, 'run', path, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`bt: ${path}: time: expected a window holding at least one finding, `);
      expect(r.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('ends the run at the last price when findings go on after it, and says so; a time.end past it is taken, with a note on the stale closes', () => {
    const f = readFindingsArrow(join(repo, 'datasets/data/real-stocks/findings.arrow'));
    const months6 = 182 * 86_400_000;
    const file = join(dir, 'findings-past-prices.arrow');
    writeFindingsArrow(file, { ...f, tsMs: f.tsMs.map((t) => t + months6) });
    const body = BASE.replace('DATA/findings.arrow', file);
    const path = scenarioFile('past-prices', body.replace('NAME', 'past-prices'));
    const r = bt(dir, 'run', path, '--out', join(dir, 'past-prices'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2000-01-01 .. 2010-03-01');
    expect(r.stderr).toContain('note: findings go on to 2010-05-02, after the last price (2010-03-01): the run ends at the last price and leaves them out');
    const withEnd = scenarioFile('past-prices-end', body.replace('NAME', 'past-prices-end') + 'time:\n  end: 2010-06-01\n');
    const e = bt(dir, 'run', withEnd, '--out', join(dir, 'past-prices-end'));
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain('.. 2010-06-01');
    expect(e.stderr).toContain('time.end 2010-06-01 replays them on the last closes');
  });

  it("says when a position is held at the end in a symbol whose closes stopped (a delisting): marked at its last close, never sold", () => {
    // IBM's closes stop after 2006-12-01 while the book holds it; its findings go on. The book
    // sells everything else by the end; IBM's sale waits for a close that never comes.
    const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
    const ibm = p.symbol.dictionary.indexOf('IBM');
    const cutMs = Date.UTC(2006, 11, 1);
    const keep: number[] = [];
    for (let i = 0; i < p.length; i++) if (p.symbol.codes[i] !== ibm || (p.tsMs[i] as number) <= cutMs) keep.push(i);
    const file = join(dir, 'prices-ibm-delisted.arrow');
    writePricesArrow(file, { length: keep.length, tsMs: Float64Array.from(keep, (i) => p.tsMs[i] as number), symbol: { dictionary: p.symbol.dictionary, codes: Int32Array.from(keep, (i) => p.symbol.codes[i] as number) }, close: Float64Array.from(keep, (i) => p.close[i] as number) });
    const path = scenarioFile('delisted', BASE.replace('NAME', 'delisted').replace('DATA/prices.arrow', file));
    const out = join(dir, 'delisted');
    const r = bt(dir, 'run', path, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const final = JSON.parse(readFileSync(join(out, 'final_state.json'), 'utf8')) as { positions: Record<string, number>; cash: number };
    expect(Object.keys(final.positions)).toEqual(['IBM']);
    const close = p.close[keep.filter((i) => p.symbol.codes[i] === ibm).at(-1) as number] as number;
    const value = (final.positions['IBM'] as number) * close;
    const equity = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { final_equity: number };
    expect(final.cash + value).toBeCloseTo(equity.final_equity, 6);
    expect(r.stderr).toContain(`bt run delisted: note: IBM's prices end on 2006-12-01, before the run's last price (2010-03-01), while ${Number((final.positions['IBM'] as number).toPrecision(6))} units are held: bt knows no delisting, so the position (${value.toFixed(0)}, `);
    expect(r.stderr).toContain(`is marked at its last close (${close}) to the end, no fill could trade it, and any finding on IBM after that day was reconciled on that close (no price move). Add its closes up to the end, or its exit price as a last close\n`);
    // the real prices, where every symbol trades to the end: no such note
    const whole = bt(dir, 'run', scenarioFile('not-delisted', BASE.replace('NAME', 'not-delisted')), '--out', join(dir, 'not-delisted'));
    expect(whole.stderr).not.toContain('bt knows no delisting');
  });

  it('names a bad input file as the user would type it from the working folder, not as the scenario in another folder writes it', () => {
    const f = readFindingsArrow(join(repo, 'datasets/data/real-stocks/findings.arrow'));
    writeFindingsArrow(join(dir, 'findings-ghost-here.arrow'), { ...f, agent: { ...f.agent, dictionary: f.agent.dictionary.map((a, i) => (i === 0 ? 'ghost_01' : a)) } });
    mkdirSync(join(dir, 'desk'), { recursive: true });
    writeFileSync(join(dir, 'desk', 'ghost.yaml'), BASE.replace('NAME', 'ghost-here').replace('DATA/findings.arrow', '../findings-ghost-here.arrow').replaceAll('DATA', join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/')));
    const r = bt(dir, 'run', 'desk/ghost.yaml', '--out', join(dir, 'results', 'ghost-here'));
    expect(r.code, r.stderr).toBe(2);
    // the scenario writes '../findings-ghost-here.arrow' (from desk/); from the working folder it is 'findings-ghost-here.arrow'
    expect(r.stderr).toMatch(/^bt: findings-ghost-here\.arrow: row \d+: agent: expected an agent listed in /);
  });

  it('fails with a clear message and leaves nothing behind for a typo, a missing file, an unknown agent, a symbol without prices or one whose prices start after its finding', () => {
    const cases: [string, string, RegExp][] = [
      ['typo', BASE.replace('NAME', 'typo').replace('  cadence: 1d', '  cadense: 1d'), /unknown key 'cadense'.*Did you mean 'cadence'/],
      ['missing', BASE.replace('NAME', 'missing').replace('DATA/prices.arrow', 'DATA/no-such-prices.arrow'), /^bt: \S*missing\.yaml:5: data\.prices: expected an existing file \(paths in data are relative to the scenario file's folder\), found '\S*no-such-prices\.arrow' \(no such file\)$/m],
      // every missing input at once, each at its own key and line
      ['missing-two', BASE.replace('NAME', 'missing-two').replace('DATA/agents.arrow', 'agents.arrow').replace('DATA/kill_list.yaml', 'DATA'), /^bt: \S*missing-two\.yaml:6: data\.agents: .*found 'agents\.arrow' \(no such file\)\n\S*missing-two\.yaml:7: data\.kill_list: .*found '\S*real-stocks' \(a folder\)$/m],
    ];
    // a scenario reached through a link reads its data beside the link, and the message says so
    mkdirSync(join(dir, 'linked-target'), { recursive: true });
    writeFileSync(join(dir, 'linked-target', 'linked.yaml'), BASE.replace('NAME', 'linked').replace(/^(  prices: ).*$/m, '$1prices-beside.arrow').replaceAll('DATA', join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/')));
    symlinkSync(join(dir, 'linked-target', 'linked.yaml'), join(dir, 'linked.yaml'));
    const linked = bt(dir, 'run', 'linked.yaml', '--out', join(dir, 'results', 'linked'));
    expect(linked.code, linked.stderr).toBe(2);
    expect(linked.stderr).toMatch(/^bt: linked\.yaml:5: data\.prices: expected an existing file \(paths in data are relative to the scenario file's folder: the link's, not its target's\), found 'prices-beside\.arrow' \(no such file\)$/m);
    for (const [name, body, message] of cases) {
      const path = scenarioFile(name, body);
      const out = join(dir, 'results', name);
      const r = bt(dir, 'run', path, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    // Findings naming an agent the agents file lacks, or a symbol with no prices.
    const f = readFindingsArrow(join(repo, 'datasets/data/real-stocks/findings.arrow'));
    const ghostAgent = { ...f, agent: { ...f.agent, dictionary: f.agent.dictionary.map((a, i) => (i === 0 ? 'ghost_01' : a)) } };
    const ghostSymbol = { ...f, symbol: { ...f.symbol, dictionary: f.symbol.dictionary.map((s, i) => (i === 0 ? 'NOPE' : s)) } };
    const bad: [string, typeof f, RegExp][] = [
      // one line for the agent, however many rows name it, with the fix
      ['ghost-agent', ghostAgent, /^bt: \S*findings-ghost-agent\.arrow: row \d+: agent: expected an agent listed in \S*agents\.arrow, found 'ghost_01' \(its first row; later rows naming it are not listed\)\. Add a row for 'ghost_01' to \S*agents\.arrow \(bt data import agents\), or drop its findings\n$/],
      ['ghost-symbol', ghostSymbol, /^bt: \S*findings-ghost-symbol\.arrow: row \d+: symbol: expected a symbol with prices in \S*prices\.arrow, found 'NOPE' \(no prices; its first row; later rows naming it are not listed\)\. Add closes of 'NOPE' to \S*prices\.arrow, or drop its findings\n$/],
    ];
    for (const [name, cols, message] of bad) {
      const file = join(dir, `findings-${name}.arrow`);
      writeFindingsArrow(file, cols);
      const path = scenarioFile(name, BASE.replace('NAME', name).replace('DATA/findings.arrow', file.replaceAll('\\', '/')));
      const out = join(dir, 'results', name);
      const r = bt(dir, 'run', path, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    // Prices of AAPL only from 2001: its findings of 2000 have no entry price. The replay finds
    // that, and names the findings file, row and field as the checks before it do.
    const p = readPricesArrow(join(repo, 'datasets/data/real-stocks/prices.arrow'));
    const aapl = p.symbol.dictionary.indexOf('AAPL');
    const kept = (k: number): boolean => p.symbol.codes[k] !== aapl || (p.tsMs[k] as number) >= Date.UTC(2001, 0, 1);
    const pick = <T extends Float64Array | Int32Array>(a: T): T => a.filter((_, k) => kept(k)) as T;
    const latePrices = join(dir, 'prices-aapl-from-2001.arrow');
    writePricesArrow(latePrices, { length: pick(p.tsMs).length, tsMs: pick(p.tsMs), symbol: { dictionary: p.symbol.dictionary, codes: pick(p.symbol.codes) }, close: pick(p.close) });
    const late = scenarioFile('late-symbol', BASE.replace('NAME', 'late-symbol').replace('DATA/prices.arrow', latePrices.replaceAll('\\', '/')));
    const r = bt(dir, 'run', late, '--out', join(dir, 'results', 'late-symbol'));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^bt: \S*findings\.arrow: row \d+: symbol: expected a price for symbol 'AAPL' at or before the finding's time 2000-\S+, found none \(its first price comes later\)/);
    expect(existsSync(join(dir, 'results')) ? readdirSync(join(dir, 'results')) : []).toEqual([]);
  });

  it('reports an invalid price row the replay reads last before an output folder it may not replace, exits 2 and leaves that folder as it was', () => {
    const { file, expected } = pricesWithBadLastRow('prices-bad-last.arrow');
    const path = scenarioFile('bad-last-price', BASE.replace('NAME', 'bad-last-price').replace('DATA/prices.arrow', file.replaceAll('\\', '/')));
    const fresh = join(dir, 'results-bad-price', 'fresh');
    const r = bt(dir, 'run', path, '--out', fresh);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(existsSync(fresh)).toBe(false);
    // a folder bt did not write: the invalid row is still the error reported, as when rows were checked before anything else
    const foreign = join(dir, 'results-bad-price', 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const f = bt(dir, 'run', path, '--out', foreign);
    expect(f.code, f.stderr).toBe(2);
    expect(f.stderr).toContain(expected);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
  });

  it('reports an invalid price row before a window with too many ticks, as when rows were checked before anything else', () => {
    // the window's check ran outside the replay (the fill-lag count built its own configuration first), so its error won
    const { file, expected } = pricesWithBadLastRow('prices-bad-last-second-ticks.arrow');
    const body = BASE.replace('NAME', 'bad-price-second-ticks').replace('DATA/prices.arrow', file.replaceAll('\\', '/')).replace('cadence: 1d', 'cadence: 1s');
    const r = bt(dir, 'run', scenarioFile('bad-price-second-ticks', body), '--out', join(dir, 'results-bad-price', 'second-ticks'));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toContain('clock.cadence');
  });
});

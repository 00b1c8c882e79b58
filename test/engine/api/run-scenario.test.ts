import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { toArquero } from '../../../engine/api/to-arquero.js';
import { BtInputError } from '../../../engine/core/errors.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out;
}

describe('runScenario', () => {
  it('writes the same bytes as bt run with the same options (run_info.json aside: wall time)', async () => {
    const cli = join(dir, 'cli');
    const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'scenarios/quickstart.yaml', '--out', cli, '--csv', '--quiet'], { cwd: repo, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lib = join(dir, 'lib');
    await runScenario('scenarios/quickstart.yaml', { out: lib, csv: true });
    const names = filesUnder(cli).filter((f) => f !== 'run_info.json');
    expect(filesUnder(lib).filter((f) => f !== 'run_info.json')).toEqual(names);
    expect(names).toContain('report/index.html');
    for (const f of names) expect(readFileSync(join(lib, f)).equals(readFileSync(join(cli, f))), f).toBe(true);
  });

  it('returns the run as Arrow tables, typed arrays and a metrics object without writing anything', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const scenario = loadScenario(join(repo, 'scenarios/quickstart.yaml'), { cwd });
    const r = await runScenario(scenario);
    expect(readdirSync(cwd)).toEqual([]);
    expect(r.tables.equity.numRows).toBe(r.equity.equity.length);
    expect(r.equity.equity[r.equity.equity.length - 1]).toBe(r.metrics.final_equity);
    expect(r.tables.targets.schema.fields.map((f) => f.name)).toEqual(['ts', 'symbol', 'weight']);
    expect(r.tables.kills.numRows).toBe(r.metrics.n_kills);
    expect(Object.keys(r.files).sort()).toEqual(['agent_weights.arrow', 'equity.arrow', 'events.arrow', 'final_state.json', 'kills.arrow', 'metrics.json', 'targets.arrow']);
  });
});

describe('runScenario with out', () => {
  it("refuses to read a table back once another run replaced the folder, instead of returning that run's rows", async () => {
    const out = join(dir, 'replaced');
    const a = await runScenario('scenarios/quickstart.yaml', { out, report: false });
    const b = await runScenario('scenarios/pnl-weighted.yaml', { out, report: false });
    expect(a.loggedEvents).not.toBe(b.loggedEvents);
    expect(() => a.tables.events).toThrow(BtInputError);
    expect(() => a.files['targets.arrow']).toThrow(/events\.arrow|targets\.arrow: expected this run's file .*found other bytes: the folder was replaced or changed after the run/);
    // the run that wrote the folder last reads it as before
    expect(b.tables.events.numRows).toBe(b.loggedEvents);
  });
});

describe('runScenario with reconcile.expected_model: ridge', () => {
  it('runs, logs each fit in events.arrow and counts fits and fallbacks in metrics.json', async () => {
    const data = join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/');
    const text = readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8')
      .replaceAll('../datasets/data/real-stocks', data)
      .replace('  error_abs_bps: 5000\n', '  error_abs_bps: 5000\n  expected_model: ridge\n  ridge:\n    lambda: 10\n    retrain: 30d\n    min_outcomes: 100\n');
    const file = join(dir, 'ridge.yaml');
    writeFileSync(file, text);
    const r = await runScenario(file, { out: join(dir, 'ridge-run'), report: false });
    const fits = r.tables.events.toArray().filter((e: { kind: string }) => e.kind === 'model_fitted');
    expect(fits.length).toBeGreaterThan(0);
    expect(r.metrics.expected_model_fits).toBe(fits.length);
    const metrics = JSON.parse(readFileSync(join(dir, 'ridge-run/metrics.json'), 'utf8')) as Record<string, number>;
    expect(metrics['expected_model_fits']).toBe(fits.length);
    // the first fit waits for min_outcomes reconciled outcomes: every one before it fell back
    expect(metrics['expected_model_fallbacks']).toBe((fits[0] as { v1: number }).v1);
  });
});

describe('toArquero', () => {
  it('gives an arquero view with the Arrow table rows and columns', async () => {
    const r = await runScenario(join(repo, 'scenarios/quickstart.yaml'));
    const t = toArquero(r.tables.targets);
    expect(t.numRows()).toBe(r.tables.targets.numRows);
    expect(t.columnNames()).toEqual(['ts', 'symbol', 'weight']);
    const first = r.tables.targets.get(0);
    expect(t.object(0)).toMatchObject({ symbol: first?.['symbol'], weight: first?.['weight'] });
  });
});

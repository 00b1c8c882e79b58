import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { BtInputError } from '../../../engine/core/errors.js';
import type { Scenario } from '../../../engine/scenario/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-lib-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inputError(f: () => unknown): BtInputError {
  try {
    f();
  } catch (err) {
    if (err instanceof BtInputError) return err;
    throw err;
  }
  throw new Error('expected a BtInputError');
}

describe('loadScenario', () => {
  it('applies set at its dotted path before validating, in both trees of the Scenario', () => {
    const sc = loadScenario('scenarios/quickstart.yaml', { set: { 'targets.cash_buffer': 0.2, 'allocator.variant': 'pnl-weighted' } });
    expect(sc.targets.cashBuffer).toBe(0.2);
    expect((sc.settings['targets'] as Record<string, unknown>)['cash_buffer']).toBe(0.2);
    expect(sc.allocator.variant).toBe('pnl-weighted');
    expect(loadScenario('scenarios/quickstart.yaml').targets.cashBuffer).toBe(0.1);
  });

  it("runs another variant than the file's on its own defaults: the file's allocator.params are its variant's", () => {
    // the quickstart sets risk-penalized's dd_penalty_k and cvar_penalty_k
    expect(Object.keys(readScenarioParams('scenarios/quickstart.yaml')).sort()).toEqual(['cvar_penalty_k', 'dd_penalty_k']);
    const pnl = loadScenario('scenarios/quickstart.yaml', { set: { 'allocator.params.min_weight': 0.1, 'allocator.variant': 'pnl-weighted' } });
    expect(pnl.allocator.params).toEqual({ min_weight: 0.1 });
    const own = loadScenario('scenarios/quickstart.yaml', { set: { 'allocator.variant': 'risk-penalized', 'allocator.params.max_weight': 0.2 } });
    expect(own.allocator.params).toEqual({ ...loadScenario('scenarios/quickstart.yaml').allocator.params, max_weight: 0.2 });
  });

  it('refuses an out-of-range value in set as if the file held it, naming the field', () => {
    const err = inputError(() => loadScenario('scenarios/quickstart.yaml', { set: { 'targets.cash_buffer': 1.5 } }));
    expect(err.details[0]?.field).toBe('targets.cash_buffer');
    expect(err.details[0]?.file).toBe('scenarios/quickstart.yaml');
    // no line: the file has none for a value set gave (the edited text's would point at a comment)
    expect(err.message).toBe("scenarios/quickstart.yaml: targets.cash_buffer: expected a number in [0, 1), found 1.5. The value comes from loadScenario's set option");
  });

  it("keeps the file's lines for later messages, but none for a key set gives (the edited text's would name another line)", () => {
    const file = 'scenarios/quickstart-costs.yaml';
    const text = readFileSync(file, 'utf8').split('\n');
    const line = (key: string): number => text.findIndex((l) => l.startsWith(`  ${key}:`)) + 1;
    // set adds clock.offset (a line in the edited text, moving every key after it) and costs.spread_column, and changes impact_window
    const sc = loadScenario(file, { set: { 'clock.offset': '1h', 'costs.spread_column': true, 'costs.impact_window': 6 } });
    expect(sc.keyLines?.['clock.offset']).toBeUndefined();
    expect(sc.keyLines?.['costs.spread_column']).toBeUndefined();
    expect(sc.keyLines?.['costs.impact_window']).toBeUndefined();
    expect(sc.keyLines?.['costs.bps_per_turnover']).toBe(line('bps_per_turnover'));
    expect(loadScenario(file).keyLines?.['costs.impact_window']).toBe(line('impact_window'));
  });

  it('refuses an unknown key in set with a did-you-mean', () => {
    expect(() => loadScenario('scenarios/quickstart.yaml', { set: { 'targets.cash_bufer': 0.2 } })).toThrow(/cash_buffer/);
  });

  it('refuses a path in set through a value that is not a mapping', () => {
    const err = inputError(() => loadScenario('scenarios/quickstart.yaml', { set: { 'targets.max_symbol_weight.x': 1 } }));
    expect(err.details[0]?.field).toBe("set['targets.max_symbol_weight.x']");
  });
});

describe('runScenario, given a Scenario object', () => {
  it('refuses a copy changed by hand, which would run one setting and record another in manifest.json', async () => {
    const sc = loadScenario('scenarios/quickstart.yaml');
    const copy = { ...sc, targets: { ...sc.targets, cashBuffer: 0.2 } } as Scenario;
    await expect(runScenario(copy)).rejects.toThrow(BtInputError);
    await expect(runScenario(copy)).rejects.toThrow(/scenario: expected a Scenario from loadScenario.*loadScenario\(path, \{ set:/);
    // nothing half-written: the refusal comes before any output
    const out = join(dir, 'copy');
    await expect(runScenario(copy, { out })).rejects.toThrow(BtInputError);
    expect(() => readFileSync(join(out, 'manifest.json'))).toThrow();
  });

  it('refuses something that is not a Scenario with an input error, not a TypeError from inside the run', async () => {
    await expect(runScenario(null as unknown as Scenario)).rejects.toThrow(BtInputError);
    await expect(runScenario({} as Scenario)).rejects.toThrow(BtInputError);
  });

  it('runs a Scenario loaded with set as the YAML with that setting runs', async () => {
    // the quickstart with the setting written in, its data paths made absolute (the file is elsewhere)
    const text = readFileSync('scenarios/quickstart.yaml', 'utf8').replace('targets:\n', 'targets:\n  cash_buffer: 0.2\n').replaceAll('../datasets/', `${process.cwd()}/datasets/`);
    const file = join(dir, 'quickstart-cash-0.2.yaml');
    writeFileSync(file, text);
    const [viaSet, viaFile, base] = await Promise.all([runScenario(loadScenario('scenarios/quickstart.yaml', { set: { 'targets.cash_buffer': 0.2 } })), runScenario(file), runScenario('scenarios/quickstart.yaml')]);
    // (metrics.json names the benchmark's file as the scenario wrote it: the equity curves are the comparison)
    expect(viaSet.equity.equity).toEqual(viaFile.equity.equity);
    expect(viaSet.metrics.final_equity).not.toBe(base.metrics.final_equity);
  });
});

function readScenarioParams(path: string): Record<string, unknown> {
  return (parse(readFileSync(path, 'utf8')) as { allocator: { params: Record<string, unknown> } }).allocator.params;
}

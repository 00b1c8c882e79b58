import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { compare, type CompareOptions } from '../../../engine/api/compare.js';
import type { BacktestResult } from '../../../engine/api/backtest-result.js';
import { BtInputError } from '../../../engine/core/errors.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { variantScenarioText } from '../../../engine/report/compare/variant-scenario-text.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { runBt, type CliResult } from '../../helpers/run-cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-lib-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, repo);

describe('compare', () => {
  it('returns what bt compare --json prints for the same variants', async () => {
    const cli = bt('compare', 'scenarios/quickstart.yaml', '--variant', 'risk-penalized', '--variant', 'pnl-weighted', '--resamples', '200', '--json');
    expect(cli.code, cli.stderr).toBe(0);
    // the quickstart's allocator.params are risk-penalized's: its row is bt run's, pnl-weighted runs on its defaults
    expect(cli.stderr).toBe("bt compare: note: allocator.params (cvar_penalty_k, dd_penalty_k) are risk-penalized's, the scenario's variant, and its run uses them; pnl-weighted runs on its own defaults\n");
    const a = await runScenario('scenarios/quickstart.yaml');
    // the quickstart with another allocator, as bt compare --variant builds it
    const text = variantScenarioText(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'pnl-weighted');
    const b = await runScenario(parseScenario(text, 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs() }));
    expect(`${stableStringify(compare([a, b], { resamples: 200 }), 2)}\n`).toBe(cli.stdout);
  });

  it('refuses two runs of one variant without labels', async () => {
    const a = await runScenario('scenarios/quickstart.yaml');
    expect(() => compare([a, a])).toThrow("labels: expected 2 distinct labels, one per run, found risk-penalized, risk-penalized");
  });

  it('draws the same bootstrap whatever the labels: a label names a run, it changes no figure', async () => {
    const [a, b] = await Promise.all([runScenario('scenarios/quickstart.yaml'), runScenario('scenarios/pnl-weighted.yaml')]);
    const plain = compare([a, b], { resamples: 200 });
    const labelled = compare([a, b], { resamples: 200, labels: ['base', 'other'] });
    expect(labelled.runs.map((r) => r.sharpe_diff_vs_first)).toEqual(plain.runs.map((r) => r.sharpe_diff_vs_first));
  });

  it('refuses option values bt compare refuses, naming the option, before any resample', async () => {
    const [a, b] = await Promise.all([runScenario('scenarios/quickstart.yaml'), runScenario('scenarios/pnl-weighted.yaml')]);
    const bad: [CompareOptions, string][] = [
      [{ resamples: -1 }, 'resamples: expected an integer >= 10, found -1'],
      [{ resamples: '500' as unknown as number }, "resamples: expected an integer >= 10, found '500'"],
      [{ seed: 1.5 }, 'seed: expected an integer >= 0, found 1.5'],
      [{ meanBlock: 0 }, 'meanBlock: expected an integer >= 1, found 0'],
      [{ level: 2 }, 'level: expected a number in (0, 1), found 2'],
      [{ level: Number.NaN }, 'level: expected a number in (0, 1), found NaN'],
    ];
    for (const [opts, message] of bad) {
      let thrown: unknown = null;
      try {
        compare([a, b], opts);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, message).toBeInstanceOf(BtInputError);
      expect((thrown as Error).message).toBe(message);
    }
  });

  it('refuses something other than an array of results with an input error, not a TypeError', () => {
    expect(() => compare(undefined as unknown as BacktestResult[])).toThrow(BtInputError);
  });
});

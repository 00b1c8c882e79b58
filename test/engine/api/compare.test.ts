import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { compare } from '../../../engine/api/compare.js';
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
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { sweep } from '../../../engine/api/sweep.js';
import { resultsCsv } from '../../../engine/sweep/results-table.js';
import { runBt, type CliResult } from '../../helpers/run-cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-lib-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, repo);

describe('sweep', () => {
  it('returns the rows and summary bt sweep writes, run in this thread', () => {
    const out = join(dir, 'sweep');
    const cli = bt('sweep', 'scenarios/sweeps/quickstart-sweep.yaml', '--out', out, '--workers', '2', '--no-report', '--quiet');
    expect(cli.code, cli.stderr).toBe(0);
    const s = sweep('scenarios/sweeps/quickstart-sweep.yaml');
    expect(s.rows).toHaveLength(12);
    expect(resultsCsv(s.rows, s.header, s.failures)).toBe(readFileSync(join(out, 'results.csv'), 'utf8'));
    expect(`${stableStringify(s.summary, 2)}\n`).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.tables.results.numRows).toBe(12);
  });
});

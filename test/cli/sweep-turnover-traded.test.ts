import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOverrides } from '../../engine/sweep/apply-overrides.js';
import { splitCsvRecord } from '../../engine/io/csv-line.js';
import { csvCell } from '../../engine/core/csv-cell.js';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { expectSameSweepOutputs } from '../helpers/sweep-outputs.js';

/**
 * results.csv/.arrow's turnover_traded_annualized (docs/sweeps.md, Changes 2026-12-04.4) on a
 * cost sweep over scenarios/quickstart-costs.yaml: each configuration's cell is the text of its own
 * bt run metrics.json value, on every path that writes results (pool and staged, 1 and 2 workers,
 * shards + bt merge, resume), and a baseline results.csv written without it compares the rest.
 */

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-sweep-traded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bt = (...args: string[]): CliResult => runBt(args, dir);

// the band and the minimum trade skip fills: the traded turnover moves, the target turnover does not
const SWEEP = `base: base.yaml
objective: sharpe
space:
  grid:
    costs.no_trade_band: [0.01, 0.04]
    costs.min_trade_notional: [5000, 50000]
`;
const PARAMS = ['costs.min_trade_notional', 'costs.no_trade_band'] as const;
const COLUMN = 'turnover_traded_annualized';

let baseText = '';
beforeAll(() => {
  const data = join(repo, 'datasets/data').replaceAll('\\', '/');
  baseText = readFileSync(join(repo, 'scenarios/quickstart-costs.yaml'), 'utf8').replaceAll('../datasets/data', data);
  writeFileSync(join(dir, 'base.yaml'), baseText);
  writeFileSync(join(dir, 'costs.yaml'), SWEEP);
  const staged = bt('sweep', 'costs.yaml', '--workers', '2', '--out', 'staged', '--quiet', '--no-report');
  expect(staged.code, staged.stderr).toBe(0);
  const pool = bt('sweep', 'costs.yaml', '--workers', '1', '--no-share-stages', '--out', 'pool', '--quiet', '--no-report');
  expect(pool.code, pool.stderr).toBe(0);
}, 120_000);

/** Returns results.csv as header and rows of cells. */
function csvOf(out: string): { header: string[]; rows: string[][] } {
  const [head, ...rows] = readFileSync(join(dir, out, 'results.csv'), 'utf8').split('\n').filter((l) => l !== '');
  return { header: splitCsvRecord(head as string), rows: rows.map((r) => splitCsvRecord(r)) };
}

describe('turnover_traded_annualized in sweep results', () => {
  it("is each configuration's bt run metrics.json value, text for text, right after turnover_annualized", () => {
    const { header, rows } = csvOf('staged');
    const col = header.indexOf(COLUMN);
    expect(header[col - 1]).toBe('turnover_annualized');
    expect(rows).toHaveLength(4);
    const values = new Set<string>();
    for (const row of rows) {
      const overrides = PARAMS.map((p) => [p, Number(row[header.indexOf(p)])] as [string, number]);
      const id = row[0] as string;
      writeFileSync(join(dir, `${id}.yaml`), applyOverrides(baseText, overrides));
      const r = bt('run', `${id}.yaml`, '--out', `run-${id}`, '--quiet', '--no-report');
      expect(r.code, r.stderr).toBe(0);
      const text = /"turnover_traded_annualized": ([^,\n]+)/.exec(readFileSync(join(dir, `run-${id}`, 'metrics.json'), 'utf8'))?.[1];
      expect(row[col], id).toBe(text);
      values.add(row[col] as string);
    }
    // the cost settings move it (a wider band, a larger minimum trade less)
    expect(values.size).toBe(4);
    const arrow = tableFromIPC(readFileSync(join(dir, 'staged', 'results.arrow')));
    const names = arrow.schema.fields.map((f) => f.name);
    expect(names.indexOf(COLUMN)).toBe(col);
    expect(rows.map((_, i) => String(arrow.getChild(COLUMN)?.get(i)))).toEqual(rows.map((row) => row[col]));
  }, 120_000);

  it('is the same from the staged sweep on 2 workers as from the unstaged pool on 1', () => {
    expectSameSweepOutputs(dir, 'pool', 'staged');
  });

  it('merges shards into the unsharded table, the column included', () => {
    for (const s of ['1/2', '2/2']) {
      const r = bt('sweep', 'costs.yaml', '--workers', '1', '--shard', s, '--out', `shard${s[0]}`, '--quiet', '--no-report');
      expect(r.code, r.stderr).toBe(0);
    }
    const m = bt('merge', 'shard1', 'shard2', '--out', 'merged', '--quiet', '--no-report');
    expect(m.code, m.stderr).toBe(0);
    expectSameSweepOutputs(dir, 'pool', 'merged');
  }, 120_000);

  it('resumes a killed sweep into the tables of an unbroken one, the column included', () => {
    cpSync(join(dir, 'pool'), join(dir, 'resumed'), { recursive: true });
    const path = join(dir, 'resumed', 'journal.jsonl');
    // killed after two configurations
    writeFileSync(path, `${readFileSync(path, 'utf8').split('\n').slice(0, 3).join('\n')}\n`);
    for (const f of ['results.csv', 'results.arrow', 'curves.arrow', 'summary.json']) rmSync(join(dir, 'resumed', f));
    const r = bt('sweep', 'costs.yaml', '--workers', '2', '--out', 'resumed', '--resume', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 run, 2 resumed/);
    expectSameSweepOutputs(dir, 'pool', 'resumed');
  }, 120_000);

  it('compares a baseline written without the column on the columns both have, names the missing one and passes', () => {
    const { header, rows } = csvOf('pool');
    const col = header.indexOf(COLUMN);
    const without = (cells: string[]): string => cells.filter((_, k) => k !== col).map((c) => csvCell(c)).join(',');
    writeFileSync(join(dir, 'old-baseline.csv'), `${[header, ...rows].map(without).join('\n')}\n`);
    const r = bt('sweep', 'costs.yaml', '--out', 'pool', '--resume', '--no-report', '--baseline', 'old-baseline.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`    the baseline has no ${COLUMN} column (written by an earlier bt): not compared; refresh it from this sweep's results.csv to gate it\n`);
    const summary = JSON.parse(readFileSync(join(dir, 'pool', 'summary.json'), 'utf8')) as { baseline: { missing_columns: string[]; compared: number } };
    expect(summary.baseline.missing_columns).toEqual([COLUMN]);
    // against the full table the column is compared too: one more metric per configuration
    const full = bt('sweep', 'costs.yaml', '--out', 'pool', '--resume', '--no-report', '--baseline', join('pool', 'results.csv'), '--json');
    expect(full.code, full.stderr).toBe(0);
    const fullSummary = JSON.parse(full.stdout) as { baseline: { missing_columns: string[]; compared: number } };
    expect(fullSummary.baseline.missing_columns).toEqual([]);
    expect(fullSummary.baseline.compared).toBe(summary.baseline.compared + rows.length);
  }, 120_000);
});

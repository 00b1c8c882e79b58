import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { runBt } from '../../helpers/run-cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-class-label-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = resolve(repo, 'datasets/data/real-stocks');
const CUT = Date.UTC(2006, 0, 1);

/** The quickstart's findings with arb_01 unlabelled before 2006 and, from 2006 on, labelled `later` ('' = unlabelled). */
function findingsWith(later: string, file: string): void {
  const f = readFindingsArrow(join(data, 'findings.arrow'));
  const dictionary = [...f.strategy.dictionary, ...(later !== '' && !f.strategy.dictionary.includes(later) ? [later] : [])];
  const codes = Int32Array.from(f.strategy.codes);
  const arb = f.agent.dictionary.indexOf('arb_01');
  for (let i = 0; i < f.length; i++) {
    if (f.agent.codes[i] !== arb) continue;
    codes[i] = (f.tsMs[i] as number) >= CUT && later !== '' ? dictionary.indexOf(later) : -1;
  }
  writeFindingsArrow(file, { ...f, strategy: { dictionary, codes } });
}

function scenarioFile(name: string, findings: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `name: ${name}\nseed: 42\nallocator:\n  variant: risk-penalized\ndata:\n  findings: ${findings}\n  prices: ${join(data, 'prices.arrow')}\n  kill_list: ${join(data, 'kill_list.yaml')}\nclock:\n  cadence: 1d\nreconcile:\n  horizon_hours: 2232\n  error_abs_bps: 5000\nkill:\n  retire_pnl_sum_bps: -5000\n  retire_drawdown_bps: -60000\n`,
  );
  return path;
}

/** Every row of a table before `CUT` (ts column in epoch ms), as JSON lines. */
function rowsBefore(t: Table): string[] {
  const out: string[] = [];
  for (const row of t) {
    const r = row.toJSON() as Record<string, unknown>;
    if (Number(r['ts']) < CUT) out.push(JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return out;
}

describe("an agent's class without an agents file", () => {
  it('comes from the finding it joins with: a label first seen in 2006 changes no output row before 2006 (in memory and streamed)', async () => {
    const none = join(dir, 'none.arrow');
    const later = join(dir, 'later.arrow');
    findingsWith('', none);
    findingsWith('sentiment', later);
    const [a, b] = await Promise.all([runScenario(loadScenario(scenarioFile('none', none))), runScenario(loadScenario(scenarioFile('later', later)))]);
    for (const name of ['events', 'targets', 'agent_weights', 'kills', 'equity'] as const) {
      const before = rowsBefore(a.tables[name]);
      expect(before.length, name).toBeGreaterThan(0);
      expect(rowsBefore(b.tables[name]), name).toEqual(before);
    }
    // arb_01 has no class in either run (it joined unlabelled), so the sentiment class is judged without it.
    const classOf = (t: Table): unknown => [...t].map((r) => r.toJSON() as Record<string, unknown>).find((r) => r['kind'] === 'agent_joined' && r['agent'] === 'arb_01')?.['strategy'];
    expect(classOf(a.tables.events)).toBeNull();
    expect(classOf(b.tables.events)).toBeNull();
    // bt run streams the findings: the same rule.
    for (const name of ['none', 'later']) {
      const r = runBt(['run', join(dir, `${name}.yaml`), '--out', join(dir, `out-${name}`), '--quiet', '--no-report'], repo);
      expect(r.code, r.stderr).toBe(0);
    }
    const { tableFromIPC } = await import('apache-arrow');
    const { readFileSync } = await import('node:fs');
    for (const f of ['kills.arrow', 'equity.arrow', 'agent_weights.arrow']) {
      const x = rowsBefore(tableFromIPC(readFileSync(join(dir, 'out-none', f))));
      expect(rowsBefore(tableFromIPC(readFileSync(join(dir, 'out-later', f)))), f).toEqual(x);
      expect(x, f).toEqual(rowsBefore(a.tables[f.replace('.arrow', '') as 'kills' | 'equity' | 'agent_weights']));
    }
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../../bench/export-csv.js';
import { runBacktest } from '../../engine/run/run.js';
import { ALLOCATORS } from '../../strategies/index.js';
import type { AllocatorPlugin } from '../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../helpers/synthetic-run.js';

const script = join(process.cwd(), 'bench', 'reference', 'supervisor_cycle.py');
const dir = mkdtempSync(join(tmpdir(), 'bt-bench-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(args: string[], cwd?: string): string {
  const r = spawnSync('python3', args, { encoding: 'utf8', ...(cwd !== undefined ? { cwd } : {}) });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('supervisor_cycle.py', () => {
  it('replays the same prices, findings, reconciliations and ticks as bt on the exported CSV', () => {
    const data = syntheticRunData({ days: 90 });
    exportCsv(data, join(dir, 'csv'));
    const out = JSON.parse(python([script, join(dir, 'csv')])) as Record<string, number>;
    const params = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };
    const c = runBacktest(data, syntheticRunConfig(data), ALLOCATORS['risk-penalized'] as AllocatorPlugin, params).counters;
    expect({ prices: out['prices'], findings: out['findings'], reconciliations: out['reconciliations'], ticks: out['ticks'] }).toEqual({
      prices: c.prices,
      findings: c.findings,
      reconciliations: c.reconciliations,
      ticks: c.ticks,
    });
    expect(Number.isFinite(out['final_equity'])).toBe(true);
  });

  it('trades: live findings reach the seed 000 sizing under their agent names, so equity moves off the initial capital', () => {
    const data = syntheticRunData({ days: 90 });
    exportCsv(data, join(dir, 'csv-trades'));
    const out = JSON.parse(python([script, join(dir, 'csv-trades')])) as Record<string, number>;
    expect(out['rebalances']).toBeGreaterThan(0);
    expect(out['final_equity']).not.toBe(1_000_000);
  });

  it('sizes symbols as seed 000 does: normalize, cap at 5%, keep the 10% cash buffer', () => {
    // Agent weight 0.2: 0.2 x 0.5 x 1 = 0.1 on symbol 0 and 0.2 x 1 x 1.5 = 0.3 on symbol 1;
    // normalized 0.25 and 0.75, both capped at 0.05; cash = max(0.1, 1 - 0.1) = 0.9, scale 1.
    const code = [
      'import json, supervisor_cycle as m',
      "f = [{'agent': 'a', 'symbol': 0, 'confidence': 0.5, 'severity_mult': 1.0}, {'agent': 'a', 'symbol': 1, 'confidence': 1.0, 'severity_mult': 1.5}]",
      "print(json.dumps(m.allocate(f, {'a': {'enabled': True, 'weight': 0.2}})))",
    ].join('\n');
    const w = JSON.parse(python(['-c', code], join(process.cwd(), 'bench', 'reference'))) as Record<string, number>;
    expect(Object.keys(w).sort()).toEqual(['0', '1']);
    // 1 - 0.9 is 0.09999999999999998 in binary floating point, hence closeTo.
    expect(w['0']).toBeCloseTo(0.05, 15);
    expect(w['1']).toBeCloseTo(0.05, 15);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { sweep } from '../../../engine/api/sweep.js';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { planStages } from '../../../engine/sweep/stage-plan.js';
import { prepareSweep } from '../../../engine/sweep/prepare-sweep.js';
import { WHOLE_SWEEP } from '../../../engine/sweep/shard.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';

/*
 * A staged sweep (one supervisor run per supervisor key, allocation replays over its tape, one
 * upstream per upstream key, downstream and portfolio replays for the rest) gives every
 * configuration the metrics and equity curve of running it alone, on a generated universe
 * (4-hour bars, mixed horizons, a regime file, a kill list, a warm-up before time.start, weekly
 * ticks on an offset) and a grid that varies a parameter of every stage at once: the allocator
 * (variant and mode), the targets, the statistics window and the costs (the guardian on throughout: a
 * downstream stage with state), so the
 * planner must both split and share. The throwaway wide version (bt sweep over generated
 * universes: staged vs --no-share-stages, 1/2/3 workers, shards + merge, a resumed journal, and
 * configurations run alone) agreed on every table.
 */

const dir = mkdtempSync(join(tmpdir(), 'bt-staged-alone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRID: Readonly<Record<string, readonly (string | number | boolean)[]>> = {
  'allocator.variant': ['capital-governor', 'pnl-weighted'],
  'allocator.mode': ['default', 'seed'],
  'targets.cash_buffer': [0.05, 0.3],
  'stats.window_days': [5, 30],
  'costs.bps_per_turnover': [0, 40],
};

describe('sweep (staged)', () => {
  it('gives every configuration the metrics and curve of running it alone, over a grid that varies every stage', async () => {
    const start = Date.UTC(2022, 0, 3);
    const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 23, agents: 7, symbols: 3, startMs: start, endMs: start + 45 * MS.day, freqMs: 4 * MS.hour, findingsPerAgentPerBar: 0.3 });
    const horizonHours = Float64Array.from(u.findings.horizonHours, (_h, k) => [Number.NaN, 12, 48][k % 3] as number);
    writeFindingsArrow(join(dir, 'findings.arrow'), { ...u.findings, horizonHours });
    writePricesArrow(join(dir, 'prices.arrow'), u.prices as NonNullable<typeof u.prices>);
    writeAgentsArrow(join(dir, 'agents.arrow'), u.agents);
    writeKillListYaml(join(dir, 'kill_list.yaml'), u.killList);
    writeFileSync(join(dir, 'regime.csv'), 'ts,risk_multiplier\n2022-01-12T08:00:00Z,0.6\n2022-01-22T00:00:00Z,1\n');
    writeFileSync(
      join(dir, 'base.yaml'),
      [
        'name: base',
        'data: { findings: findings.arrow, prices: prices.arrow, agents: agents.arrow, kill_list: kill_list.yaml, regime: regime.csv }',
        "time: { start: '2022-01-06T00:00:00Z' }",
        'clock: { cadence: 1d, offset: 4h }',
        'allocator: { variant: capital-governor }',
        'targets: { max_symbol_weight: 0.5, max_agent_weight: 0.4 }',
        'governor: { reallocation_threshold: 0.01, guardian: { enabled: true, pause_drawdown: 0.01, resume_drawdown: 0.005 } }',
        'costs: { no_trade_band: 0.005 }',
        '',
      ].join('\n'),
    );
    const grid = Object.entries(GRID).map(([k, vs]) => `    ${k}: [${vs.join(', ')}]`);
    writeFileSync(join(dir, 'grid.yaml'), ['base: base.yaml', 'objective: sharpe', 'space:', '  grid:', ...grid, ''].join('\n'));

    // the plan shares and splits at every level, or the equality below proves less than its name says
    const prep = prepareSweep(join(dir, 'grid.yaml'), WHOLE_SWEEP, dir, allocatorParamSpecs());
    const plan = planStages(prep.mine);
    expect([plan.supervisorKeys, plan.upstreamKeys, plan.proposalsKeys, prep.mine.length]).toEqual([4, 8, 16, 32]);

    const s = sweep(join(dir, 'grid.yaml'), { cwd: dir });
    expect(s.failures).toEqual([]);
    expect(s.rows).toHaveLength(32);
    const finals = new Set<number>();
    for (const row of s.rows) {
      const alone = await runScenario(loadScenario(join(dir, 'base.yaml'), { set: row.params as Record<string, string | number | boolean> }));
      const name = JSON.stringify(row.params);
      expect(stableStringify(row.metrics), name).toBe(stableStringify(alone.metrics));
      expect(row.curve.ts, name).toEqual(Array.from(alone.equity.tsMs));
      expect(row.curve.equity, name).toEqual(Array.from(alone.equity.equity));
      finals.add(alone.metrics.final_equity);
    }
    // the grid is not inert: most configurations end elsewhere
    expect(finals.size).toBeGreaterThan(16);
  }, 120_000);
});

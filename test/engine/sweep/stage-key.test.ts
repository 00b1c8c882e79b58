import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { proposalsKey, supervisorKey, upstreamKey } from '../../../engine/sweep/stage-key.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import type { Overrides } from '../../../engine/sweep/space.js';
import type { Scenario } from '../../../engine/scenario/scenario.js';

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const scenario = (o: Overrides): Scenario => parseScenario(applyOverrides(baseText, o), 'scenarios/quickstart.yaml', opts);
const base = upstreamKey(scenario([]));

describe('upstreamKey', () => {
  it('is the same for configurations that differ only in what the downstream stages read', () => {
    const downstream: Overrides[] = [
      [['targets.cash_buffer', 0.3]],
      [['targets.max_agent_weight', 0.1], ['targets.max_symbol_weight', 0.15]],
      [['governor.reallocation_threshold', 0.01], ['governor.regime_default', 0.5]],
      [['governor.guardian.enabled', false]],
      [['costs.bps_per_turnover', 20], ['costs.slippage_bps', 0], ['costs.impact_k', 0.5]],
      [['portfolio.initial_capital', 5000]],
      [['benchmark.symbol', 'AAPL']],
    ];
    for (const o of downstream) expect(upstreamKey(scenario(o)), JSON.stringify(o)).toBe(base);
  });

  it('differs when anything an upstream stage reads differs', () => {
    const upstream: Overrides[] = [
      [['allocator.params.max_weight', 0.35]],
      [['allocator.mode', 'seed']],
      [['allocator.variant', 'pnl-weighted']],
      [['stats.window_days', 20]],
      [['decay.half_life_signals', 9]],
      [['cvar.level', 0.9]],
      [['promotion.min_hit_rate', 0.6]],
      [['kill.kill_error_rate', 0.5]],
      [['reconcile.error_abs_bps', 100]],
      [['clock.cadence', '2d']],
      [['time.end', '2005-01-01']],
      [['seed', 3]],
    ];
    const keys = upstream.map((o) => upstreamKey(scenario(o)));
    for (const k of keys) expect(k).not.toBe(base);
    expect(new Set(keys).size).toBe(upstream.length);
  });
});

describe('proposalsKey', () => {
  it('is shared by configurations that differ only in governor, costs, capital or benchmark, not in the targets settings', () => {
    const base = proposalsKey(scenario([]));
    for (const o of [[['governor.reallocation_threshold', 0.01]], [['costs.slippage_bps', 9]], [['portfolio.initial_capital', 5000]], [['benchmark.symbol', 'AAPL']]] as Overrides[]) expect(proposalsKey(scenario(o))).toBe(base);
    for (const o of [[['targets.cash_buffer', 0.3]], [['targets.max_agent_weight', 0.1]], [['targets.max_symbol_weight', 0.15]], [['allocator.params.max_weight', 0.35]]] as Overrides[]) expect(proposalsKey(scenario(o))).not.toBe(base);
  });
});

describe('supervisorKey', () => {
  it('is shared by configurations that differ only in the allocator variant, its parameters or downstream, not in its mode or anything else upstream', () => {
    const base = supervisorKey(scenario([]));
    const same: Overrides[] = [
      [['allocator.params.max_weight', 0.35]],
      [['allocator.variant', 'pnl-weighted']],
      [['allocator.variant', 'capital-governor'], ['targets.cash_buffer', 0.3]],
      [['allocator.params.cvar_penalty_k', 0.05], ['governor.reallocation_threshold', 0.01]],
    ];
    for (const o of same) expect(supervisorKey(scenario(o)), JSON.stringify(o)).toBe(base);
    const other: Overrides[] = [[['allocator.mode', 'seed']], [['decay.half_life_signals', 9]], [['cvar.level', 0.9]], [['kill.kill_error_rate', 0.5]], [['stats.window_days', 20]], [['seed', 3]]];
    for (const o of other) expect(supervisorKey(scenario(o)), JSON.stringify(o)).not.toBe(base);
  });
});

describe('stage keys asked again', () => {
  it('are each scenario\'s own: asked in any order, a scenario gets the keys a fresh parse of it gets', () => {
    const a = scenario([['allocator.params.max_weight', 0.35], ['targets.cash_buffer', 0.3]]);
    const b = scenario([['decay.half_life_signals', 9]]);
    const keys = (s: Scenario): string[] => [supervisorKey(s), upstreamKey(s), proposalsKey(s)];
    const first = [keys(a), keys(b)];
    expect([keys(b), keys(a), keys(a)]).toEqual([first[1], first[0], first[0]]);
    expect(keys(scenario([['allocator.params.max_weight', 0.35], ['targets.cash_buffer', 0.3]]))).toEqual(first[0]);
    expect(keys(scenario([['decay.half_life_signals', 9]]))).toEqual(first[1]);
    expect(new Set([...(first[0] as string[]), ...(first[1] as string[])]).size).toBe(6);
  });
});

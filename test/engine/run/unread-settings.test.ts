import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { unreadSettingsNotes } from '../../../engine/run/unread-settings.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';

const HEAD = `name: t
data: { findings: f.arrow, prices: p.arrow, kill_list: k.yaml }
clock: { cadence: 1d }
`;

function notesOf(body: string, variant = 'risk-penalized', params = ''): string[] {
  const yaml = `${HEAD}allocator: { variant: ${variant}${params === '' ? '' : `, params: { ${params} }`} }\n${body}`;
  const sc = parseScenario(yaml, 't.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
  return unreadSettingsNotes(sc, ALLOCATORS[variant] as AllocatorPlugin);
}

describe('unreadSettingsNotes: settings set away from their defaults that the run never reads', () => {
  it('names the decay keys of a variant that does not weigh agents by the confidence multiplier', () => {
    const notes = notesOf('decay: { half_life_signals: 18, loss_k_bps: 50 }', 'capital-governor');
    // loss_k_bps 50 is the default: not listed
    expect(notes).toEqual([
      "allocator.variant capital-governor does not weigh agents by the confidence multiplier: decay.half_life_signals (set away from its default) changes no weight or target, only the confidence multipliers recorded (agent_weights.arrow's confidence_multiplier, the governance files)",
    ]);
    for (const v of ['pnl-weighted', 'static-schedule']) expect(notesOf('decay: { floor: 0.2 }', v)).toHaveLength(1);
  });

  it('says nothing of keys left at their defaults, or of decay and cvar under risk-penalized, which reads both, nor of seed (every scenario sets one; only a sweep over it is noted)', () => {
    expect(notesOf('')).toEqual([]);
    expect(notesOf('seed: 42')).toEqual([]);
    expect(notesOf('decay: { floor: 0.2, half_life_signals: 10 }\ncvar: { window_days: 10 }')).toEqual([]);
    expect(notesOf('stats: { window_days: 10, pnl_window_days: 3 }', 'capital-governor')).toEqual([]);
  });

  it('names the cvar keys of a variant that reads no class CVaR, risk-penalized with cvar_penalty_k 0 included', () => {
    const cvar = 'cvar: { window_days: 10, level: 0.9 }';
    expect(notesOf(cvar, 'capital-governor')).toEqual(['allocator.variant capital-governor does not read the strategy-class CVaR with these allocator.params: cvar.window_days, cvar.level (set away from their defaults) change nothing in this run']);
    expect(notesOf(cvar, 'risk-penalized', 'cvar_penalty_k: 0')).toEqual(['allocator.variant risk-penalized does not read the strategy-class CVaR with these allocator.params: cvar.window_days, cvar.level (set away from their defaults) change nothing in this run']);
    expect(notesOf(cvar, 'risk-penalized', 'cvar_penalty_k: 0.001')).toEqual([]);
  });

  it('names stats.window_days and stats.pnl_window_days outside capital-governor, and not stats.lookback_outcomes, which every variant reads', () => {
    expect(notesOf('stats: { window_days: 10, pnl_window_days: 3, lookback_outcomes: 50 }', 'pnl-weighted')).toEqual([
      "allocator.variant pnl-weighted does not read pnl_7d, sharpe_30d, winrate_30d or max_dd_30d (capital-governor's inputs): stats.window_days, stats.pnl_window_days (set away from their defaults) change nothing in this run",
    ]);
  });

  it('names the tunables of a step the scenario switches off', () => {
    expect(notesOf('decay: { enabled: false, floor: 0.2 }')).toEqual(['decay.enabled is false: decay.floor (set away from its default) changes nothing in this run']);
    expect(notesOf('governor: { guardian: { enabled: false, pause_drawdown: 0.3 } }')).toEqual(['governor.guardian.enabled is false: governor.guardian.pause_drawdown (set away from its default) changes nothing in this run']);
    expect(notesOf('promotion: { enabled: false, min_hit_rate: 0.6 }')).toEqual(['promotion.enabled is false: promotion.min_hit_rate (set away from its default) changes nothing in this run']);
    // retire_min_outcomes also gates promotions: unread only when both steps are off
    expect(notesOf('kill: { enabled: false, kill_error_rate: 0.3, retire_min_outcomes: 30 }')).toEqual(['kill.enabled is false: kill.kill_error_rate (set away from its default) changes nothing in this run']);
    expect(notesOf('promotion: { enabled: false }\nkill: { enabled: false, retire_min_outcomes: 30 }')).toEqual(['kill.enabled is false: kill.retire_min_outcomes (set away from its default) changes nothing in this run']);
    expect(notesOf('kill: { class_kill: false, class_min_outcomes: 10 }')).toEqual(['kill.class_kill is false: kill.class_min_outcomes (set away from its default) changes nothing in this run']);
  });

  it('names the settings of a model the scenario does not use: reconcile.ridge without expected_model ridge, costs.impact_window without impact', () => {
    expect(notesOf('reconcile: { ridge: { lambda: 2 } }')).toEqual(['reconcile.expected_model is score-linear, not ridge: reconcile.ridge.lambda (set away from its default) changes nothing in this run']);
    expect(notesOf("reconcile: { expected_model: ridge, ridge: { lambda: 2 } }")).toEqual([]);
    expect(notesOf('costs: { impact_window: 5 }')).toEqual(['no costs.impact_k above 0 (here or in costs.symbols): costs.impact_window (set away from its default) changes nothing in this run']);
    expect(notesOf('costs: { impact_window: 5, symbols: { AAA: { impact_k: 0.1 } } }')).toEqual([]);
  });

  it('names class_min_outcomes when the scenario has no kill list', () => {
    const yaml = `name: t\ndata: { findings: f.arrow, prices: p.arrow }\nclock: { cadence: 1d }\nallocator: { variant: risk-penalized }\nkill: { class_min_outcomes: 10 }\n`;
    const sc = parseScenario(yaml, 't.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
    expect(unreadSettingsNotes(sc, ALLOCATORS['risk-penalized'] as AllocatorPlugin)).toEqual(['the scenario has no data.kill_list: kill.class_min_outcomes (set away from its default) changes nothing in this run']);
  });

  it('notes nothing for a plug-in that does not say what it reads', () => {
    const sc = parseScenario(`${HEAD}allocator: { variant: static-schedule }\ndecay: { floor: 0.2 }\n`, 't.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
    const { reads: _r, ...silent } = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    expect(unreadSettingsNotes(sc, silent)).toEqual([]);
  });
});

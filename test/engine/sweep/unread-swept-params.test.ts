import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { unreadSweptParamNotes } from '../../../engine/sweep/unread-swept-params.js';
import type { SweepConfig } from '../../../engine/sweep/build-configurations.js';

function config(body: string, i: number): SweepConfig {
  const yaml = `name: t\ndata: { findings: f.arrow, prices: p.arrow }\nclock: { cadence: 1d }\n${body}`;
  return { id: String(i), index: i, overrides: {}, scenario: parseScenario(yaml, 't.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() }), params: {} } as SweepConfig;
}

describe('unreadSweptParamNotes: swept keys no configuration reads', () => {
  it('names seed, which no run reads (a run draws no random numbers), and cvar.window_days under capital-governor', () => {
    const configs = [1, 2].map((seed, i) => config(`seed: ${seed}\nallocator: { variant: capital-governor }\ncvar: { window_days: ${10 * seed} }\n`, i));
    expect(unreadSweptParamNotes(['seed', 'cvar.window_days'], configs, ALLOCATORS)).toEqual([
      'seed is swept but no configuration reads it (a run draws no random numbers in this version: seed only labels it (manifest.json)): its values give the same runs',
      'cvar.window_days is swept but no configuration reads it (allocator.variant capital-governor does not read the strategy-class CVaR with these allocator.params): its values give the same runs',
    ]);
  });

  it('says nothing of a key one configuration reads: cvar.window_days in a grid over capital-governor and risk-penalized', () => {
    const configs = ['capital-governor', 'risk-penalized'].map((v, i) => config(`allocator: { variant: ${v} }\ncvar: { window_days: 10 }\n`, i));
    expect(unreadSweptParamNotes(['cvar.window_days', 'allocator.variant'], configs, ALLOCATORS)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseKillListYaml, readKillListYaml } from '../../../datasets/read/read-kill-list.js';

describe('readKillListYaml', () => {
  it('reads the seed 004 kill list', () => {
    expect(readKillListYaml('test/fixtures/live/strategy_kill_list.yaml')).toEqual({
      arb: { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 },
      funding: { status: 'ACTIVE', maxDrawdownBps: -200 },
      sentiment: { status: 'DISABLED', reason: 'structural alpha decay' },
    });
  });
});

describe('parseKillListYaml', () => {
  it('names the line of an unknown key and suggests the nearest one', () => {
    expect(() => parseKillListYaml('arb:\n  status: ACTIVE\n  min_hit_rte: 0.4\n', 'k.yaml')).toThrow("k.yaml:3: unknown key 'arb.min_hit_rte'. Did you mean 'min_hit_rate'?");
  });
  it('lists the allowed statuses for a bad status', () => {
    expect(() => parseKillListYaml('arb:\n  status: PAUSED\n', 'k.yaml')).toThrow("k.yaml:2: arb.status: expected one of ACTIVE, DISABLED (any case), found 'PAUSED'");
  });
  it('keeps a status in any case as written (the mode reads it: docs/modules/kill.md)', () => {
    expect(parseKillListYaml('arb:\n  status: disabled\nfunding:\n  status: Active\n', 'k.yaml')).toEqual({ arb: { status: 'disabled' }, funding: { status: 'Active' } });
  });
  it('reports YAML syntax errors with their line', () => {
    expect(() => parseKillListYaml('arb:\n  status: ACTIVE\n   bad: [\n', 'k.yaml')).toThrow(/^k\.yaml:\d+: YAML syntax/);
  });
});

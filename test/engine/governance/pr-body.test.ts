import { describe, expect, it } from 'vitest';
import { PR_TITLE, prBody } from '../../../engine/governance/pr-body.js';
import { day, ev, fixtureInput } from './governance-fixture.js';

describe('prBody', () => {
  it("has the seed's title and a RETIREMENTS section with each decision's time, reason and numbers", () => {
    const body = prBody(fixtureInput(), day(6), Number.NEGATIVE_INFINITY);
    expect(PR_TITLE).toBe('Meta-Supervisor: Promotions / Retirements');
    expect(body.startsWith(`# ${PR_TITLE}\n`)).toBe(true);
    expect(body).not.toContain('### PROMOTIONS');
    const section = body.slice(body.indexOf('### RETIREMENTS\n'));
    expect(section.split('\n').slice(1, 3)).toEqual([
      '- s2 (sentiment): KILL at 2005-01-03T00:00:00Z: error_rate 0.3 > 0.25',
      '- class sentiment: CLASS_RETIRE at 2005-01-05T00:00:00Z: max_drawdown_breach; pnl_sum_bps -900.0, hit_rate 0.400, max_drawdown_bps -1300.0, n_outcomes 120; agents retired with it: s1',
    ]);
  });

  it('lists promotions under PROMOTIONS and only the decisions of its window', () => {
    const input = fixtureInput([ev('agent_promoted', day(4), { agent: 'a1', strategy: 'arb', text: 'promotion gate passed' })]);
    const body = prBody(input, day(4), day(3));
    expect(body).toContain('### PROMOTIONS\n- a1 (arb): PROMOTE at 2005-01-04T00:00:00Z: promotion gate passed\n');
    expect(body).not.toContain('RETIREMENTS');
  });

  it('says no pull request would open when the window has no decision', () => {
    expect(prBody(fixtureInput(), day(2), Number.NEGATIVE_INFINITY)).toContain('the live system would not open a pull request');
  });
});

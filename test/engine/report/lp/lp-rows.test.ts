import { describe, expect, it } from 'vitest';
import { lpPeriod } from '../../../../engine/report/lp/lp-period.js';
import { AGENT_HEADS, AGENT_PNL_NOTE, agentCells, periodTable, toDateTable } from '../../../../engine/report/lp/lp-rows.js';
import { lpDailyMarkdown } from '../../../../engine/report/lp/lp-markdown.js';
import { day, ev, fixtureInput } from '../../governance/governance-fixture.js';

// The fixture: equity 100 on day 1, 110 on day 5; on day 2, a1's finding reconciles at +120 bps
// and s1's at -30; s2, killed on day 3, has one more finding reconciling on day 4 at +50.
const input = fixtureInput([ev('outcome_reconciled', day(4), { agent: 's2', strategy: 'sentiment', v1: 50 })]);
const dayTwo = lpPeriod(input, '2005-01-02', day(2), day(3), []);
const dayFour = lpPeriod(input, '2005-01-04', day(4), day(5), []);

describe('periodTable', () => {
  it("labels the PnL and drawdown as the portfolio's and the hit rate as the share of the period's reconciled findings with PnL > 0", () => {
    // day 2: equity 100 at the start and at the end: 0 bps; findings +120 and -30: one hit of two
    expect(periodTable(dayTwo).slice(3, 7)).toEqual([
      ['Portfolio PnL (bps: equity at end / at start - 1)', '0.0'],
      ['Portfolio max drawdown (bps, from the running peak)', '0.0'],
      ['Hit rate of findings (reconciled in the period, PnL > 0)', '50.00%'],
      ['Findings reconciled (every agent, retired ones too)', '2'],
    ]);
  });

  it("counts a killed agent's findings, which still reconcile", () => {
    expect(periodTable(dayFour).slice(5, 7)).toEqual([
      ['Hit rate of findings (reconciled in the period, PnL > 0)', '100.00%'],
      ['Findings reconciled (every agent, retired ones too)', '1'],
    ]);
  });
});

describe('toDateTable', () => {
  it("says the to-date hit_rate is of the equity curve's periods, not of findings", () => {
    expect(toDateTable(dayTwo).map(([label]) => label)).toEqual(['final_equity', 'total_return', 'annualized_return', 'sharpe', 'sortino', 'max_drawdown', 'hit_rate (equity periods with a return > 0)']);
  });
});

describe('agentCells', () => {
  it("gives each agent the sum of its findings' realized PnL in bps under heads that say so, and the note under the table says what it is", () => {
    expect(AGENT_HEADS).toEqual(['agent', 'class', 'status', 'weight', 'findings bps', 'to date bps', 'decision']);
    const byAgent = new Map(agentCells(dayFour).map((c) => [c[0], c]));
    expect(byAgent.get('s2')?.slice(2, 6)).toEqual(['KILLED', '0.0%', '50.0', '50.0']);
    expect(byAgent.get('a1')?.slice(4, 6)).toEqual(['0.0', '120.0']);
    expect(AGENT_PNL_NOTE).toMatch(/^findings bps: the sum of realized_pnl_bps of the agent's findings reconciled in the period .*not weighted by capital/);
    expect(lpDailyMarkdown(dayFour, 'Run fixture')).toContain(`\n${AGENT_PNL_NOTE}\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { lpPeriod } from '../../../../engine/report/lp/lp-period.js';
import { periodTable } from '../../../../engine/report/lp/lp-rows.js';
import { day, fixtureInput } from '../../governance/governance-fixture.js';

const TOL = 1e-9;

// The fixture's log with an equity curve that moves: initial capital 100; closes marked 102 on
// day 1, 96 on day 3, 110 on day 5 (each held until the next).
const input = { ...fixtureInput(), equity: { tsMs: Float64Array.from([day(1), day(3), day(5)]), equity: Float64Array.from([102, 96, 110]) } };

describe('lpPeriod', () => {
  it('takes the PnL from the equity held just before the period to the last equity in it, in bps', () => {
    // day 3 opens at 102 (day 1's, held), its own point 96 is its end: (96 / 102 - 1) x 1e4
    const three = lpPeriod(input, '2005-01-03', day(3), day(4), []);
    expect([three.startEquity, three.endEquity]).toEqual([102, 96]);
    expect(Math.abs(three.pnlBps - (96 / 102 - 1) * 1e4)).toBeLessThan(TOL);
    expect(three.pnlBps).toBeLessThan(-588.2); // -588.235...
    expect(periodTable(three)[3]).toEqual(['Portfolio PnL (bps: equity at end / at start - 1)', '-588.2']);
    // the run's first day opens at the initial capital, before the first point: 102 / 100 - 1
    const first = lpPeriod(input, '2005-01-01', day(1), day(2), []);
    expect([first.startEquity, first.endEquity]).toEqual([100, 102]);
    expect(Math.abs(first.pnlBps - 200)).toBeLessThan(TOL);
    // ISO week 2005-W01, Monday 3 to Sunday 9: 102 held into it, 110 at its end
    const week = lpPeriod(input, '2005-W01', day(3), day(10), []);
    expect([week.startEquity, week.endEquity]).toEqual([102, 110]);
    expect(Math.abs(week.pnlBps - (110 / 102 - 1) * 1e4)).toBeLessThan(TOL);
    // day 4 has no point: it opens and ends at 96
    expect(lpPeriod(input, '2005-01-04', day(4), day(5), []).pnlBps).toBe(0);
  });

  it('takes the drawdown from the running peak since the run started, the level a period opens with included', () => {
    // the peak is day 1's 102; day 3 falls to 96: (1 - 96 / 102) x 1e4 = 588.235... bps
    const dd = (1 - 96 / 102) * 1e4;
    expect(Math.abs(lpPeriod(input, '2005-01-03', day(3), day(4), []).maxDrawdownBps - dd)).toBeLessThan(TOL);
    // day 4 has no point of its own: it stands in day 3's drawdown
    expect(Math.abs(lpPeriod(input, '2005-01-04', day(4), day(5), []).maxDrawdownBps - dd)).toBeLessThan(TOL);
    // day 5's point at its very start, 110, a new peak, replaces the level it would open with
    expect(lpPeriod(input, '2005-01-05', day(5), day(6), []).maxDrawdownBps).toBe(0);
    // day 2 holds day 1's 102, at its peak
    expect(lpPeriod(input, '2005-01-02', day(2), day(3), []).maxDrawdownBps).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { walkForward } from '../../../engine/sweep/walk-forward.js';
import { walkForwardSummaryLines } from '../../../engine/sweep/walk-forward-summary.js';
import { resultOf } from './fixtures.js';

function curve(returns: number[]): { ts: number[]; equity: number[] } {
  const equity: number[] = [];
  let e = 100;
  for (const r of returns) {
    e *= 1 + r;
    equity.push(e);
  }
  return { ts: returns.map((_, i) => i + 1), equity };
}

describe('walkForward', () => {
  it('chooses on each window and scores the choice on the next one', () => {
    // 'up' wins windows 0 and 2, 'down' wins window 1 (objective total_return)
    const up = curve([0.1, 0.1, -0.1, -0.1, 0.2, 0.2]);
    const down = curve([-0.1, -0.1, 0.1, 0.1, -0.2, -0.2]);
    const rows = [resultOf('down', { initial_equity: 100 }, {}, down), resultOf('up', { initial_equity: 100 }, {}, up)];
    const wf = walkForward(rows, 'total_return', 'maximize', 3);
    expect(wf.skipped).toBeNull();
    expect(wf.folds.map((f) => f.chosen)).toEqual(['up', 'down']);
    // fold 1: 'up' chosen on window 0, scored on window 1: 0.9 * 0.9 - 1 = -0.19, rank 2 of 2
    expect(wf.folds[0]?.out_of_sample_value).toBeCloseTo(-0.19, 12);
    expect(wf.folds[0]?.out_of_sample_rank).toBe(2);
    expect(wf.folds[0]?.in_sample).toEqual({ start_ts: 1, end_ts: 2 });
    expect(wf.folds[0]?.out_of_sample).toEqual({ start_ts: 3, end_ts: 4 });
    // stitched out-of-sample returns: -0.1, -0.1 (up in window 1), -0.2, -0.2 (down in window 2)
    expect(wf.stitched.total_return).toBeCloseTo(0.9 * 0.9 * 0.8 * 0.8 - 1, 12);
  });

  it('gives no rank to a choice whose out-of-sample objective is undefined and says why', () => {
    // 'flat' has the best in-sample Sharpe (steady gains), then no movement: out-of-sample
    // standard deviation 0, Sharpe undefined; the other two have defined Sharpe ratios there
    const flat = curve([0.1, 0.2, 0.1, 0, 0, 0]);
    const steady = curve([0.01, -0.01, 0.02, 0.01, 0.02, 0.01]);
    const choppy = curve([-0.01, 0.01, -0.02, 0.01, -0.02, 0]);
    const rows = [resultOf('choppy', { initial_equity: 100 }, {}, choppy), resultOf('flat', { initial_equity: 100 }, {}, flat), resultOf('steady', { initial_equity: 100 }, {}, steady)];
    const wf = walkForward(rows, 'sharpe', 'maximize', 2);
    expect(wf.folds).toHaveLength(1);
    const fold = wf.folds[0];
    expect(fold?.chosen).toBe('flat');
    expect(fold?.out_of_sample_value).toBeNull();
    expect(fold?.out_of_sample_rank).toBeNull();
    expect(fold?.out_of_sample_note).toMatch(/^sharpe is undefined on the out-of-sample window \(sharpe: .+\), so the choice has no rank there$/);
    const lines = walkForwardSummaryLines(wf, 3);
    expect(lines[0]).toMatch(/out-of-sample ranks none of 2$/);
    expect(lines[1]).toMatch(/^    fold 1: in sample .+, chose flat \(sharpe .+\); out of sample .+: /);
    expect(lines[1]?.endsWith(`: ${fold?.out_of_sample_note ?? ''}`)).toBe(true);
  });

  it('ranks a defined choice among the defined values only', () => {
    // window 0 Sharpe: 'up' > 0 (0.1, 0.2), 'down' < 0, 'flat' undefined: 'up' is chosen.
    // window 1 Sharpe: 'up' < 0 (-0.1, -0.05), 'down' > 0, 'flat' undefined: rank 2 (only 'down' is better)
    const up = curve([0.1, 0.2, -0.1, -0.05]);
    const down = curve([-0.1, -0.05, 0.1, 0.05]);
    const flat = curve([0, 0, 0, 0]);
    const rows = [resultOf('down', { initial_equity: 100 }, {}, down), resultOf('flat', { initial_equity: 100 }, {}, flat), resultOf('up', { initial_equity: 100 }, {}, up)];
    const fold = walkForward(rows, 'sharpe', 'maximize', 2).folds[0];
    expect(fold?.chosen).toBe('up');
    expect(fold?.out_of_sample_rank).toBe(2);
    expect(fold?.out_of_sample_note).toBeNull();
    // out of the 2 ranked there: last, which 'rank 2 of 3' (all configurations) hid
    expect(fold?.out_of_sample_ranked).toBe(2);
    expect(walkForwardSummaryLines(walkForward(rows, 'sharpe', 'maximize', 2), 3)[1]).toMatch(/, rank 2 of 2$/);
  });

  it("takes each curve's first return against the initial equity, and breaks an in-sample tie by the smaller id", () => {
    // initial equity 100. 'early' marks 90 then 99: window 0 returns -0.1, +0.1, total 0.9 x 1.1 - 1 = -0.01
    // (from its first point it would be +0.1 and win); 'late' marks 100 then 100.5: total +0.005, chosen
    const early = { ts: [1, 2, 3, 4], equity: [90, 99, 99, 99] };
    const late = { ts: [1, 2, 3, 4], equity: [100, 100.5, 100.5, 100.5] };
    const fold = walkForward([resultOf('early', { initial_equity: 100 }, {}, early), resultOf('late', { initial_equity: 100 }, {}, late)], 'total_return', 'maximize', 2).folds[0];
    expect(fold?.chosen).toBe('late');
    expect(Math.abs((fold?.in_sample_value as number) - 0.005)).toBeLessThan(1e-12);
    // the same curve under two ids: the first id in order is chosen, as bestConfig picks
    const same = curve([0.1, 0.1, 0.1, 0.1]);
    const tie = walkForward([resultOf('a', { initial_equity: 100 }, {}, same), resultOf('b', { initial_equity: 100 }, {}, same)], 'total_return', 'maximize', 2);
    expect(tie.folds.map((f) => f.chosen)).toEqual(['a']);
  });

  it('skips configurations on different time grids', () => {
    const rows = [resultOf('a', {}, {}, { ts: [1, 2, 3, 4], equity: [1, 1, 1, 1] }), resultOf('b', {}, {}, { ts: [1, 2, 3, 5], equity: [1, 1, 1, 1] })];
    expect(walkForward(rows, 'sharpe', 'maximize', 2).skipped).toMatch(/do not share one time grid/);
  });

  it('says no configuration finished when none did (every one failed, or an empty shard), not that their grids differ', () => {
    const r = walkForward([], 'sharpe', 'maximize', 2);
    expect(r.skipped).toMatch(/no configuration finished/);
    expect(r.skipped).not.toMatch(/time grid/);
  });

  it('ranks an out-of-sample tie by config id, as the rank column does, not as a shared place', () => {
    // equity from 100 in exact binary steps, so equal returns are equal doubles. Window 0 (returns
    // 1-2): 'b' doubles twice (total return 3), 'a' and 'c' stay flat: 'b' is chosen. Window 1
    // (returns 3-4): 'a' and 'b' both double twice (3), 'c' halves twice (-0.75).
    // 'a' and 'b' tie: the smaller id ranks first, so 'b' is 2nd (before: 1st, shared with 'a')
    const ts = [1, 2, 3, 4];
    const rows = [
      resultOf('a', { initial_equity: 100 }, {}, { ts, equity: [100, 100, 200, 400] }),
      resultOf('b', { initial_equity: 100 }, {}, { ts, equity: [200, 400, 800, 1600] }),
      resultOf('c', { initial_equity: 100 }, {}, { ts, equity: [100, 100, 50, 25] }),
    ];
    const fold = walkForward(rows, 'total_return', 'maximize', 2).folds[0];
    expect(fold?.chosen).toBe('b');
    expect(fold?.out_of_sample_value).toBe(3);
    expect(fold?.out_of_sample_rank).toBe(2);
    expect(fold?.out_of_sample_ranked).toBe(3);
  });

  it('skips configurations annualized with different periods per year and names the field', () => {
    // one grid, one set of returns; 52 a year would multiply the same Sharpe by sqrt(52 / 12)
    const up = curve([0.01, 0.02, 0.01, 0.03]);
    const rows = [resultOf('a', { initial_equity: 100, periods_per_year: 12 }, {}, up), resultOf('b', { initial_equity: 100, periods_per_year: 52 }, {}, up)];
    const wf = walkForward(rows, 'sharpe', 'maximize', 2);
    expect(wf.folds).toEqual([]);
    expect(wf.skipped).toBe("the configurations annualize with different periods per year (metrics.periods_per_year: 12, 52), so each window's objective would compare annualizations, not returns; set metrics.periods_per_year in the base scenario rather than in the space");
  });

  it('neither chooses nor ranks a configuration that never traded', () => {
    // 'idle' kept its cash: no drawdown on any window, which would win every fold by max_drawdown
    const idle = curve([0, 0, 0, 0]);
    const busy = curve([-0.1, 0.05, -0.02, 0.01]);
    const calm = curve([-0.05, 0.01, -0.04, 0.02]);
    const rows = [resultOf('busy', { initial_equity: 100 }, {}, busy), resultOf('calm', { initial_equity: 100 }, {}, calm), resultOf('idle', { initial_equity: 100, turnover_traded_annualized: 0 }, {}, idle)];
    const fold = walkForward(rows, 'max_drawdown', 'minimize', 2).folds[0];
    expect(fold?.chosen).toBe('calm');
    expect(fold?.out_of_sample_ranked).toBe(2);
  });

  it('does not choose, in sample, a configuration that traded over the run but is flat on that window (max_drawdown 0 for doing nothing), nor rank it out of sample there', () => {
    // 3 windows of 2 returns, objective max_drawdown (minimize); 'sleeper' traded (its turnover is not 0) but
    // holds cash on window 1: returns 0, 0.
    // window 0: drawdowns sleeper 0.1, steady 0.05, wild 0.2: steady chosen. Window 1: sleeper flat (left out),
    // steady 1 - 0.98 = 0.02, wild 1 - 0.9 = 0.1: steady ranks 1 of 2 (with sleeper: 2 of 3), and is chosen
    // (before: sleeper, for its 0). Window 2: wild 0 (two gains), steady 0.01, sleeper 0.3: steady ranks 2 of 3.
    const sleeper = curve([-0.1, 0.2, 0, 0, -0.3, 0.1]);
    const steady = curve([-0.05, 0.1, -0.02, 0.01, -0.01, 0.01]);
    const wild = curve([-0.2, 0.1, -0.1, 0.05, 0.05, 0.05]);
    const rows = [resultOf('sleeper', { initial_equity: 100 }, {}, sleeper), resultOf('steady', { initial_equity: 100 }, {}, steady), resultOf('wild', { initial_equity: 100 }, {}, wild)];
    const wf = walkForward(rows, 'max_drawdown', 'minimize', 3);
    expect(wf.folds.map((f) => f.chosen)).toEqual(['steady', 'steady']);
    expect(wf.folds.map((f) => f.out_of_sample_rank)).toEqual([1, 2]);
    expect(wf.folds.map((f) => f.out_of_sample_ranked)).toEqual([2, 3]);
    expect(wf.folds[1]?.in_sample_value).toBeCloseTo(0.02, 12);
    expect(wf.folds[1]?.out_of_sample_value).toBeCloseTo(0.01, 12);
    expect(wf.unchosen).toEqual([]);
  });

  it("keeps the choice's own out-of-sample value when it is flat there, ranked among the configurations eligible there", () => {
    // window 0: calm 0.05 < busy 0.1 < quiet 0.2: calm chosen. Window 1: calm and quiet flat: calm's
    // drawdown there is 0 (what it did), rank 1 of 2 (itself and busy; quiet, flat, is not ranked)
    const rows = [
      resultOf('busy', { initial_equity: 100 }, {}, curve([-0.1, 0.05, -0.02, 0.01])),
      resultOf('calm', { initial_equity: 100 }, {}, curve([-0.05, 0.01, 0, 0])),
      resultOf('quiet', { initial_equity: 100 }, {}, curve([-0.2, 0.1, 0, 0])),
    ];
    const fold = walkForward(rows, 'max_drawdown', 'minimize', 2).folds[0];
    expect(fold?.chosen).toBe('calm');
    expect(fold?.out_of_sample_value).toBe(0);
    expect(fold?.out_of_sample_rank).toBe(1);
    expect(fold?.out_of_sample_ranked).toBe(2);
  });

  it('lists an in-sample window with no eligible configuration, with why, and says so in the summary instead of dropping the fold silently', () => {
    // window 0: 'a' and 'b' flat (returns 0, 0), 'c' never traded: nothing to choose; window 1 moves
    const rows = [
      resultOf('a', { initial_equity: 100 }, {}, curve([0, 0, 0.1, -0.1, 0.05, 0.01])),
      resultOf('b', { initial_equity: 100 }, {}, curve([0, 0, -0.1, 0.1, 0.02, 0.02])),
      resultOf('c', { initial_equity: 100, turnover_traded_annualized: 0 }, {}, curve([0, 0, 0, 0, 0, 0])),
    ];
    const wf = walkForward(rows, 'max_drawdown', 'minimize', 3);
    expect(wf.unchosen).toEqual([{ in_sample: { start_ts: 1, end_ts: 2 }, reason: 'no configuration is eligible on this window (1 never traded, 2 flat there (equity unchanged)), so none is chosen and its fold is left out' }]);
    // window 1: a 1 - 1.1 x 0.9 / 1.1 = 0.1, b 0.1: equal up to rounding; the fold is window 1 -> 2
    expect(wf.folds).toHaveLength(1);
    expect(wf.folds[0]?.in_sample).toEqual({ start_ts: 3, end_ts: 4 });
    const lines = walkForwardSummaryLines(wf, 3);
    expect(lines).toHaveLength(3);
    // times 1 and 2 ms: to the millisecond, so the window's ends read apart
    expect(lines[1]).toMatch(/^    no fold: in sample 1970-01-01 00:00:00\.001 UTC \.\. 1970-01-01 00:00:00\.002 UTC: no configuration is eligible on this window \(1 never traded, 2 flat there \(equity unchanged\)\), so none is chosen and its fold is left out$/);
    expect(lines[2]).toMatch(/^    fold 1: in sample /);
  });
});

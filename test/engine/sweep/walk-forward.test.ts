import { describe, expect, it } from 'vitest';
import { walkForward } from '../../../engine/sweep/walk-forward.js';
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

  it('skips configurations on different time grids', () => {
    const rows = [resultOf('a', {}, {}, { ts: [1, 2, 3, 4], equity: [1, 1, 1, 1] }), resultOf('b', {}, {}, { ts: [1, 2, 3, 5], equity: [1, 1, 1, 1] })];
    expect(walkForward(rows, 'sharpe', 'maximize', 2).skipped).toMatch(/do not share one time grid/);
  });
});

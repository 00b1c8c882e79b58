import { describe, expect, it } from 'vitest';
import { appendOutcomes, newOutcomeTable } from '../../../engine/events/outcome-table.js';
import type { ScoreLinearModel } from '../../../engine/modules/reconcile/reconcile.js';

const linear: ScoreLinearModel = { kind: 'score-linear', bpsPerScore: 100 };
const f64 = (...x: number[]): Float64Array => Float64Array.from(x);

describe('the outcome table', () => {
  it('makes no columns while its blocks store nothing (consecutive rows, pnl recomputed, expected from the model)', () => {
    const t = newOutcomeTable(1_000_000, linear);
    expect(appendOutcomes(t, null, null, f64(), 3)).toBe(0);
    expect(appendOutcomes(t, null, null, f64(), 4)).toBe(3);
    expect(t.length).toBe(7);
    expect(t.row.length + t.pnl.length + t.expected.length).toBe(0);
  });

  it('makes its columns the reserved size at the first block that stores, at the block\'s own index', () => {
    const t = newOutcomeTable(5000, linear);
    appendOutcomes(t, null, null, f64(), 7);
    expect(appendOutcomes(t, f64(40, 12), f64(1.5, -2.5), f64(), 2)).toBe(7);
    expect(t.row.length).toBe(5000);
    expect(Array.from(t.row.subarray(7, 9))).toEqual([40, 12]);
    expect(Array.from(t.pnl.subarray(7, 9))).toEqual([1.5, -2.5]);
    expect(t.pnlStoredFrom).toBe(7);
    expect(t.expected.length).toBe(0); // the model gives it
  });

  it('stores expected pnl from the first block without a model, and grows by doubling past its room', () => {
    const t = newOutcomeTable(2, null);
    appendOutcomes(t, null, null, f64(3, 4), 2);
    expect(Array.from(t.expected.subarray(0, 2))).toEqual([3, 4]);
    appendOutcomes(t, null, null, f64(5, 6, 7), 3);
    expect(Array.from(t.expected.subarray(0, 5))).toEqual([3, 4, 5, 6, 7]);
    expect(t.row.length).toBeGreaterThanOrEqual(5);
  });
});

import { describe, expect, it } from 'vitest';
import { drawdownDetail, maxDrawdown } from '../../../engine/metrics/max-drawdown.js';

describe('drawdownDetail', () => {
  it('finds peak, trough and recovery of the deepest drawdown', () => {
    // wealth: 1.1, 0.55, 1.1, 1.21, 1.089 -> deepest 0.55/1.1 - 1 = -0.5 at 1, back at 1.1 on 2.
    const d = drawdownDetail(Float64Array.from([0.1, -0.5, 1.0, 0.1, -0.1]));
    expect(d).toEqual({ maxDrawdown: 0.5, peakIndex: 0, startIndex: 1, troughIndex: 1, recoveryIndex: 2, longestDurationPeriods: 1 });
  });

  it('uses the initial wealth of 1 as the first peak (index -1)', () => {
    const d = drawdownDetail(Float64Array.from([-0.1, 0.05]));
    // wealth 0.9, 0.945: drawdown 0.1 from the start, not recovered, 2 periods under water.
    expect(d.peakIndex).toBe(-1);
    expect(d.startIndex).toBe(0);
    expect(d.recoveryIndex).toBeNull();
    expect(d.longestDurationPeriods).toBe(2);
    expect(Math.abs(d.maxDrawdown - 0.1)).toBeLessThan(1e-15);
  });

  it('counts the longest under-water run even when it is not the deepest drawdown', () => {
    // -0.5 then +1 (recovered after 1 period), then four small losses never recovered.
    const d = drawdownDetail(Float64Array.from([-0.5, 1.0, -0.01, -0.01, -0.01, -0.01]));
    expect(d.troughIndex).toBe(0);
    expect(d.recoveryIndex).toBe(1);
    expect(d.longestDurationPeriods).toBe(4);
  });

  it('reports no drawdown for rising wealth', () => {
    expect(drawdownDetail(Float64Array.from([0.01, 0.02]))).toEqual({
      maxDrawdown: 0, peakIndex: null, startIndex: null, troughIndex: null, recoveryIndex: null, longestDurationPeriods: 0,
    });
  });
});

describe('maxDrawdown', () => {
  it('is positive by default and negative with the empyrical sign', () => {
    const r = Float64Array.from([0.1, -0.5]);
    expect(maxDrawdown(r).value).toBe(0.5);
    expect(maxDrawdown(r, 'negative').value).toBe(-0.5);
  });

  it('notes a zero drawdown', () => {
    expect(maxDrawdown(Float64Array.from([0.1]))).toEqual({ value: 0, note: 'no drawdown: wealth never fell below its running peak' });
  });
});

import { describe, expect, it } from 'vitest';
import { newTrailingWindow, pushBar, trailingAdv, trailingSigma } from '../../../engine/portfolio/trailing-window.js';

const TOL = 1e-9;

describe('trailingSigma', () => {
  it('gives no sigma until the window holds N returns: two equal returns are no estimate of 0', () => {
    // Window 5. Closes 100, 110, 121: returns 0.1 and 0.1, whose sample sd is 0.
    const w = newTrailingWindow(1, 5);
    for (const c of [100, 110, 121]) pushBar(w, 0, c, 1);
    expect(trailingSigma(w, 0)).toBeNaN();
    // Then 121, 108.9, 119.79: returns 0.1, 0.1, 0, -0.1, 0.1; mean 0.04; squared deviations
    // 0.0036 + 0.0036 + 0.0016 + 0.0196 + 0.0036 = 0.032; / 4 = 0.008; sd sqrt(0.008) = 0.0894427191.
    for (const c of [121, 108.9, 119.79]) pushBar(w, 0, c, 1);
    expect(Math.abs(trailingSigma(w, 0) - Math.sqrt(0.008))).toBeLessThan(TOL);
  });

  it('keeps the last N returns only', () => {
    // Window 2 after closes 100, 200, 100, 110: the last two returns -0.5 and 0.1, sd |0.1 + 0.5| / sqrt(2).
    const w = newTrailingWindow(1, 2);
    for (const c of [100, 200, 100, 110]) pushBar(w, 0, c, 1);
    expect(Math.abs(trailingSigma(w, 0) - 0.6 / Math.SQRT2)).toBeLessThan(TOL);
  });
});

describe('trailingAdv', () => {
  it('averages close x volume over the bars with a volume, from the first one', () => {
    // closes 10, 20 with volumes 3, none, then 30 with 1: (30 + 30) / 2
    const w = newTrailingWindow(1, 5);
    pushBar(w, 0, 10, 3);
    pushBar(w, 0, 20, Number.NaN);
    pushBar(w, 0, 30, 1);
    expect(trailingAdv(w, 0)).toBe(30);
  });
});

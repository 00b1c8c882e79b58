import { describe, expect, it } from 'vitest';
import { simulateRegimes } from '../../../datasets/generate/regime-chain.js';
import { createRng } from '../../../engine/core/rng.js';

describe('simulateRegimes', () => {
  it('stays calm when stress never starts', () => {
    expect([...simulateRegimes(5, 0, 1, createRng(1, 't'))]).toEqual([0, 0, 0, 0, 0]);
  });

  it('alternates when both switches are certain', () => {
    expect([...simulateRegimes(5, 1, 1, createRng(1, 't'))]).toEqual([0, 1, 0, 1, 0]);
  });

  it('spends about p_enter / (p_enter + p_leave) of the bars stressed', () => {
    // stationary share of a 2-state chain: 0.01 / (0.01 + 0.04) = 0.2
    const path = simulateRegimes(200_000, 0.01, 0.04, createRng(3, 't'));
    const share = path.reduce((a, b) => a + b, 0) / path.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.02);
  });
});

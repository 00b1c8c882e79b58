import { describe, expect, it } from 'vitest';
import { bareLoop } from '../../bench/bare-loop.js';
import { syntheticRunData } from '../helpers/synthetic-run.js';

describe('bareLoop', () => {
  it('visits every price and every finding once', () => {
    const data = syntheticRunData({ days: 30 });
    // 30 days x 4 symbols of prices, 29 days x 6 agents of findings (synthetic-run.ts).
    expect(bareLoop(data)).toBe(30 * 4 + 29 * 6);
  });
});

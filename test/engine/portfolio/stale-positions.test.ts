import { describe, expect, it } from 'vitest';
import { markCloseTime, newPortfolio } from '../../../engine/portfolio/portfolio.js';
import { stalePositions } from '../../../engine/portfolio/stale-positions.js';

const DAY = 86_400_000;

describe('stalePositions', () => {
  it('lists a held symbol whose closes stopped, not one that trades less often, nor a flat one', () => {
    // A daily to the end; B daily until day 10 (delisted); C weekly (last close 5 days before the end); D stopped but flat
    const p = newPortfolio(4, 1_000_000);
    for (let d = 0; d <= 30; d++) {
      markCloseTime(p, 0, d * DAY);
      if (d <= 10) markCloseTime(p, 1, d * DAY);
      if (d % 7 === 4) markCloseTime(p, 2, d * DAY);
      if (d <= 3) markCloseTime(p, 3, d * DAY);
    }
    p.lastClose.set([10, 20, 30, 40]);
    p.qty.set([1, 2, 3, 0]);
    expect(p.longestCloseGapMs[2]).toBe(7 * DAY);
    expect(stalePositions(p, ['A', 'B', 'C', 'D'], 30 * DAY)).toEqual([{ symbol: 'B', qty: 2, close: 20, lastCloseMs: 10 * DAY }]);
    // a run that ends at B's last close: nothing stopped before it
    expect(stalePositions(p, ['A', 'B', 'C', 'D'], 10 * DAY)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { topSelfTime } from '../../bench/cpu-profile-top.js';

describe('topSelfTime', () => {
  it('charges each sample to the function on top of the stack, largest self time first', () => {
    const frame = (functionName: string, lineNumber: number) => ({ functionName, url: 'file:///repo/engine/run/tick.js', lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: frame('runTick', 9) },
        { id: 3, callFrame: frame('collectLive', 99) },
      ],
      samples: [2, 3, 2, 3],
      timeDeltas: [10, 15, 20, 25],
    };
    // runTick 10 + 20 = 30 us, collectLive 15 + 25 = 40 us, of 70 us sampled.
    expect(topSelfTime(profile, '/repo')).toEqual([
      { name: 'collectLive engine/run/tick.js:100', micros: 40, share: 40 / 70 },
      { name: 'runTick engine/run/tick.js:10', micros: 30, share: 30 / 70 },
    ]);
  });
});

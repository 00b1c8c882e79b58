import { describe, expect, it } from 'vitest';
import { finishVectorTape, newVectorTapeRecorder, pushTickVector, repeatTickVector, tickVector } from '../../../../engine/run/staged/vector-tape.js';

describe('repeatTickVector', () => {
  it('records a tick as the row the last tick left, the tape pushing the same vector again records', () => {
    const ticks = [[1, 2], [1, 2], [3, 4], [3, 4], [3, 4], [1, 2]];
    const pushed = newVectorTapeRecorder(2);
    for (const v of ticks) pushTickVector(pushed, v);
    const repeated = newVectorTapeRecorder(2);
    ticks.forEach((v, i) => {
      if (i > 0 && v.join() === (ticks[i - 1] as number[]).join()) repeatTickVector(repeated);
      else pushTickVector(repeated, v);
    });
    const a = finishVectorTape(pushed);
    const b = finishVectorTape(repeated);
    expect(Array.from(b.tickRow)).toEqual(Array.from(a.tickRow));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(Array.from(b.tickRow)).toEqual([0, 0, 1, 1, 1, 2]);
    expect(Array.from(tickVector(b, 4))).toEqual([3, 4]);
  });

  it('grows the tick column past its first room', () => {
    const r = newVectorTapeRecorder(1);
    pushTickVector(r, [7]);
    for (let i = 1; i < 5000; i++) repeatTickVector(r);
    const t = finishVectorTape(r);
    expect(t.tickRow.length).toBe(5000);
    expect(t.tickRow.every((row) => row === 0)).toBe(true);
  });

  it('refuses a tape with no tick recorded yet', () => {
    expect(() => repeatTickVector(newVectorTapeRecorder(3))).toThrow();
  });
});

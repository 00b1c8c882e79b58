import { describe, expect, it } from 'vitest';
import { progressBar } from '../../../engine/cli/progress-bar.js';

/** A stand-in for stderr that records what is drawn, and a clock that advances 1 s a call. */
function fakeTerminal(isTTY: boolean): { stream: { isTTY: boolean; write: (t: string) => boolean }; drawn: string[]; clock: () => number } {
  const drawn: string[] = [];
  let now = 0;
  return { stream: { isTTY, write: (t) => drawn.push(t) > 0 }, drawn, clock: () => (now += 1000) };
}

describe('progressBar', () => {
  it('shows the writing phase after the bar reaches 100%, then clears the line', () => {
    const t = fakeTerminal(true);
    const bar = progressBar('bt run q', t.clock, true, t.stream);
    bar.update(64, 64);
    expect(t.drawn.at(-1)).toContain('100% ETA 0s');
    bar.phase('writing outputs');
    expect(t.drawn.at(-1)).toBe('\rbt run q [##############################] 100% writing outputs…\x1b[K');
    bar.finish();
    expect(t.drawn.at(-1)).toBe('\r\x1b[K');
  });

  it('draws nothing, writing phase included, when the stream is not a TTY', () => {
    const t = fakeTerminal(false);
    const bar = progressBar('bt run q', t.clock, true, t.stream);
    bar.update(10, 64);
    bar.phase('writing outputs');
    bar.finish();
    expect(t.drawn).toEqual([]);
  });
});

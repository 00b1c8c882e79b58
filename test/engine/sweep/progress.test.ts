import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatProgress } from '../../../engine/sweep/progress.js';

describe('formatProgress', () => {
  it('shows the bar, count, percent, rate and ETA from this session only', () => {
    // 4 of 12 done, 2 of them run now in 1 s: 2 configs/s, 8 left -> 4 s
    expect(formatProgress(4, 12, 2, 1000, 12)).toBe('[####........] 4/12 33%  2.0 configs/s  ETA 0:04');
    expect(formatProgress(0, 5, 0, 0, 5)).toBe('[.....] 0/5 0%  0.0 configs/s  ETA ?');
  });
});

describe('formatDuration', () => {
  it('prints m:ss below an hour and h:mm:ss above', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('createProgress', () => {
  it('draws on a TTY only, at most every 100 ms, and always at the end', () => {
    let t = 0;
    const out: string[] = [];
    const p = createProgress(3, 0, { isTTY: true, write: (s: string) => out.push(s) }, () => t);
    t = 50;
    p.update(1);
    t = 60;
    p.update(2);
    t = 500;
    p.update(3);
    p.finish();
    expect(out.filter((s) => s.startsWith('\r'))).toHaveLength(3);
    expect(out.at(-1)).toBe('\n');
    const silent: string[] = [];
    const q = createProgress(3, 0, { isTTY: false, write: (s: string) => silent.push(s) }, () => t);
    q.update(1);
    q.finish();
    expect(silent).toEqual([]);
  });
});

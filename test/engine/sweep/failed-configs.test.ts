import { describe, expect, it } from 'vitest';
import { failedConfigsText, failureText } from '../../../engine/sweep/failed-configs.js';

describe('failureText', () => {
  it('keeps an input error whole and drops an internal error\'s stack frames', () => {
    expect(failureText({ kind: 'error', id: 'a', message: 'q.yaml: x: expected 1, found 2\nq.yaml: y: expected 3, found 4', input: true })).toBe('q.yaml: x: expected 1, found 2\nq.yaml: y: expected 3, found 4');
    expect(failureText({ kind: 'error', id: 'a', message: 'TypeError: boom\n    at f (a.js:1:2)\n    at g (b.js:3:4)', input: false })).toBe('internal error: TypeError: boom');
  });
});

describe('failedConfigsText', () => {
  it('lists the first five failures with the first line of each error and counts the rest', () => {
    const f = Array.from({ length: 7 }, (_, i) => ({ kind: 'failure' as const, config_id: `c${i}`, params: {}, error: `e${i}\nmore` }));
    const lines = failedConfigsText(f, 10).trimEnd().split('\n');
    expect(lines[0]).toBe('bt: 7 of 10 configurations failed (status and error columns of results.csv):');
    expect(lines.slice(1)).toEqual(['  c0: e0', '  c1: e1', '  c2: e2', '  c3: e3', '  c4: e4', '  … and 2 more']);
    expect(failedConfigsText([], 3)).toBe('');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_DIRECTION } from '../../engine/sweep/metric-columns.js';

const doc = readFileSync('docs/sweeps.md', 'utf8');
const names = (text: string): string[] => [...text.matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1] ?? '').sort();
const between = (from: string, to: string): string => {
  const i = doc.indexOf(from);
  expect(i, from).toBeGreaterThanOrEqual(0);
  return doc.slice(i + from.length, doc.indexOf(to, i + from.length));
};
const withDirection = (d: string): string[] => Object.entries(METRIC_DIRECTION).filter(([, v]) => v === d).map(([k]) => k).sort();

describe("docs/sweeps.md's metric directions", () => {
  it('name the metrics a sweep minimizes by default, the baseline scores higher, and the ones it does not compare, as the code has them', () => {
    expect(names(between('Default: `minimize` for the metrics where lower is better (', ')'))).toEqual(withDirection('lower'));
    expect(names(between('each metric with a better direction\n  (higher: ', '; lower:'))).toEqual(withDirection('higher'));
    expect(names(between('Descriptive fields (', ') are not compared'))).toEqual(withDirection('neutral'));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../engine/core/rng.js';
import { quantileSorted, sharpeDiffInterval, sharpeDiffIntervals } from '../../../../engine/report/compare/sharpe-diff-interval.js';
import { defaultMeanBlock, stationaryBootstrapIndices } from '../../../../engine/report/compare/stationary-bootstrap.js';

const TOL = 1e-9;
const t = Array.from({ length: 40 }, (_, i) => i);
const a = Float64Array.from(t, (x) => 0.01 * Math.sin(x) + 0.002);
const b = Float64Array.from(t, (x) => 0.012 * Math.sin(x + 0.5) + 0.003);
const settings = { seed: 7, resamples: 200, meanBlock: 3, level: 0.95, periodsPerYear: 252 };

describe('stationaryBootstrapIndices', () => {
  it('draws the index sequences of an independent Python stream and bootstrap for seed 7', () => {
    // test/reference/compare_bootstrap_reference.py writes the CSV: seedrandom's ARC4 and the
    // stationary bootstrap reimplemented from their definitions (seeded_stream.py), not bt's draws.
    const rng = createRng(7, 'compare-bootstrap:1:b');
    const want = readFileSync('test/reference/compare_bootstrap_indices.csv', 'utf8').trim().split('\n');
    for (const line of want) expect([...stationaryBootstrapIndices(40, 3, rng)].join(',')).toBe(line);
  });

  it('continues blocks with mean length near meanBlock', () => {
    const rng = createRng(1, 'block-length');
    const idx = stationaryBootstrapIndices(100_000, 5, rng);
    let starts = 1;
    for (let i = 1; i < idx.length; i++) if (idx[i] !== ((idx[i - 1] as number) + 1) % idx.length) starts += 1;
    // geometric block lengths with mean 5 (a new start can by chance continue the block: ~1e-5)
    expect(idx.length / starts).toBeGreaterThan(4.8);
    expect(idx.length / starts).toBeLessThan(5.2);
  });
});

describe('defaultMeanBlock', () => {
  it('rounds the cube root of the sample size', () => {
    expect(defaultMeanBlock(123)).toBe(5);
    expect(defaultMeanBlock(1)).toBe(1);
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (numpy default)', () => {
    // h = 3 * 0.25 = 0.75 -> 1 + 0.75 * (2 - 1)
    expect(quantileSorted(Float64Array.from([1, 2, 4, 8]), 0.25)).toBe(1.75);
  });
});

describe('sharpeDiffInterval', () => {
  it('matches the numpy reference on the same paired resamples', () => {
    const ref = JSON.parse(readFileSync('test/reference/compare_bootstrap_reference.json', 'utf8')) as { estimate: number; low: number; high: number };
    const r = sharpeDiffInterval(a, b, settings, '1:b');
    expect(Math.abs((r.estimate as number) - ref.estimate)).toBeLessThan(TOL);
    expect(Math.abs((r.low as number) - ref.low)).toBeLessThan(TOL);
    expect(Math.abs((r.high as number) - ref.high)).toBeLessThan(TOL);
    expect(r.valid).toBe(200);
  });

  it('gives a zero-width interval at zero for identical series', () => {
    const r = sharpeDiffInterval(a, a, settings, 'same');
    expect([r.estimate, r.low, r.high]).toEqual([0, 0, 0]);
  });

  it('repeats itself for one seed and moves with another', () => {
    const x = sharpeDiffInterval(a, b, settings, '1:b');
    expect(sharpeDiffInterval(a, b, settings, '1:b')).toEqual(x);
    expect(sharpeDiffInterval(a, b, { ...settings, seed: 8 }, '1:b').low).not.toBe(x.low);
  });

  it('gives each series of one draw (sharpeDiffIntervals) the interval it gets alone', () => {
    // one stream, the same index sequences for every series: common random numbers, as bt sweep tests its ranks
    const c = Float64Array.from(t, (x) => 0.02 * Math.cos(x) + 0.001);
    expect(sharpeDiffIntervals(a, [b, c, a], settings, '1:b')).toEqual([sharpeDiffInterval(a, b, settings, '1:b'), sharpeDiffInterval(a, c, settings, '1:b'), sharpeDiffInterval(a, a, settings, '1:b')]);
  });
});

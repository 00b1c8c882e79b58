import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../engine/core/rng.js';
import { blockSharpe, blockSumsOf } from '../../../../engine/report/compare/block-sharpe.js';
import { quantileSorted, sharpeAt, sharpeDiffInterval, sharpeDiffIntervals, sharpeDiffReplicatesEach } from '../../../../engine/report/compare/sharpe-diff-interval.js';
import { createBootstrapBlocks, defaultMeanBlock, drawStationaryBlocks, type BootstrapBlocks } from '../../../../engine/report/compare/stationary-bootstrap.js';

const TOL = 1e-9;
const t = Array.from({ length: 40 }, (_, i) => i);
const a = Float64Array.from(t, (x) => 0.01 * Math.sin(x) + 0.002);
const b = Float64Array.from(t, (x) => 0.012 * Math.sin(x + 0.5) + 0.003);
const settings = { seed: 7, resamples: 200, meanBlock: 3, level: 0.95, periodsPerYear: 252 };

/** The slow reference path: the index sequence the blocks stand for (each block's indices in turn, wrapping). */
function indicesOf(blocks: BootstrapBlocks, n: number): Int32Array {
  const out = new Int32Array(n);
  let i = 0;
  for (let k = 0; k < blocks.count; k++) for (let j = 0; j < (blocks.lengths[k] as number); j++) out[i++] = ((blocks.starts[k] as number) + j) % n;
  expect(i).toBe(n);
  return out;
}

describe('drawStationaryBlocks', () => {
  it('draws the index sequences of an independent Python stream and bootstrap for seed 7', () => {
    // test/reference/compare_bootstrap_reference.py writes the CSV: seedrandom's ARC4 and the
    // block recipe reimplemented from their definitions (seeded_stream.py), not bt's draws.
    const rng = createRng(7, 'compare-bootstrap:1:b');
    const blocks = createBootstrapBlocks(40);
    const want = readFileSync('test/reference/compare_bootstrap_indices.csv', 'utf8').trim().split('\n');
    for (const line of want) {
      blocks.count = 0;
      drawStationaryBlocks(40, 3, rng, blocks);
      expect([...indicesOf(blocks, 40)].join(',')).toBe(line);
    }
  });

  it('draws geometric block lengths with mean meanBlock, two numbers of the stream a block, the last cut to fill n', () => {
    let draws = 0;
    const base = createRng(1, 'block-length');
    const rng = (): number => ((draws += 1), base());
    const blocks = createBootstrapBlocks(1000);
    let [sum, count, ones] = [0, 0, 0];
    for (let r = 0; r < 200; r++) {
      blocks.count = 0;
      drawStationaryBlocks(1000, 5, rng, blocks);
      const lengths = [...blocks.lengths.subarray(0, blocks.count)];
      expect(lengths.reduce((x, y) => x + y, 0)).toBe(1000);
      for (const len of lengths.slice(0, -1)) [sum, count, ones] = [sum + len, count + 1, ones + (len === 1 ? 1 : 0)];
      expect([...blocks.starts.subarray(0, blocks.count)].every((st) => st >= 0 && st < 1000)).toBe(true);
    }
    expect(draws).toBe(2 * (count + 200));
    // ~40,000 blocks: mean 5 (s.e. sqrt(20 / 40000) = 0.022), P(L = 1) = p = 0.2 (s.e. 0.002)
    expect(Math.abs(sum / count - 5)).toBeLessThan(0.1);
    expect(Math.abs(ones / count - 0.2)).toBeLessThan(0.01);
  });

  it('draws blocks of one period for a mean block of 1', () => {
    const blocks = createBootstrapBlocks(50);
    drawStationaryBlocks(50, 1, createRng(2, 'p1'), blocks);
    expect(blocks.count).toBe(50);
    expect([...blocks.lengths].every((len) => len === 1)).toBe(true);
  });
});

describe('blockSharpe', () => {
  it('equals the two-pass Sharpe of the same index sequence to 1e-10 relative: n 3 to 50,000, with drift, with a huge outlier', () => {
    const g = createRng(1, 'block-sharpe-series');
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - g())) * Math.cos(2 * Math.PI * g());
    let compared = 0;
    for (const n of [3, 4, 10, 40, 1000, 17_520, 50_000]) {
      for (const kind of ['flat', 'zero-mean', 'drift', 'outlier 1', 'outlier 100'] as const) {
        const sd = 1e-3 * 10 ** g(); // returns ~1e-3..1e-2
        const level = kind === 'zero-mean' ? 0 : 2e-4;
        const x = Float64Array.from({ length: n }, (_, i) => (kind === 'drift' ? 5e-3 + (1e-2 * i) / n : level) + sd * normal());
        if (kind.startsWith('outlier')) x[Math.floor(n / 3)] = Number(kind.slice(8));
        const sums = blockSumsOf(x);
        const blocks = createBootstrapBlocks(n);
        const rng = createRng(3, `${kind}:${n}`);
        for (let r = 0; r < (n > 10_000 ? 20 : 200); r++) {
          blocks.count = 0;
          drawStationaryBlocks(n, defaultMeanBlock(n), rng, blocks);
          const fast = blockSharpe(sums, blocks, 0, blocks.count, 252);
          const slow = sharpeAt(Float64Array.from(indicesOf(blocks, n), (i) => x[i] as number), 252);
          if (Number.isNaN(slow)) expect(fast).toBeNaN();
          else expect(Math.abs(fast - slow)).toBeLessThanOrEqual(1e-10 * Math.abs(slow));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(5 * (5 * 200 + 2 * 20));
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

  it('draws the resamples of a long series in chunks in stream order: each replicate as drawn alone', () => {
    // 40,000 periods, mean block 34: ~22 resamples fill the 65,536-block scratch, so 50 take 3 chunks
    const g = createRng(5, 'long-series');
    const [x, y] = [0, 1].map(() => Float64Array.from({ length: 40_000 }, () => 1e-3 * (g() - 0.45)));
    const s = { ...settings, resamples: 50, meanBlock: defaultMeanBlock(40_000) };
    const rng = createRng(s.seed, 'compare-bootstrap:long');
    const [sx, sy] = [blockSumsOf(x as Float64Array), blockSumsOf(y as Float64Array)];
    const blocks = createBootstrapBlocks(40_000);
    const alone = Array.from({ length: 50 }, () => {
      blocks.count = 0;
      drawStationaryBlocks(40_000, s.meanBlock, rng, blocks);
      return blockSharpe(sy, blocks, 0, blocks.count, 252) - blockSharpe(sx, blocks, 0, blocks.count, 252);
    });
    expect([...(sharpeDiffReplicatesEach(x as Float64Array, [y as Float64Array], s, 'long')[0] as Float64Array)]).toEqual(alone);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../engine/core/rng.js';
import { newProgressiveFillScratch, reserve, type ProgressiveFillScratch } from '../../../../engine/modules/targets/progressive-fill.js';
import { finishPairsTape, loadTickPairs, newPairsTapeRecorder, pushTickPairs } from '../../../../engine/run/staged/pairs-tape.js';

type Pairs = { agent: number[]; symbol: number[]; raw: number[] };

function put(s: ProgressiveFillScratch, p: Pairs): void {
  reserve(s, p.agent.length);
  s.agent.set(p.agent);
  s.symbol.set(p.symbol);
  s.raw.set(p.raw);
  s.pairs = p.agent.length;
}

function read(s: ProgressiveFillScratch): Pairs {
  return { agent: Array.from(s.agent.subarray(0, s.pairs)), symbol: Array.from(s.symbol.subarray(0, s.pairs)), raw: Array.from(s.raw.subarray(0, s.pairs)) };
}

describe('the pairs tape', () => {
  it('gives back every tick its pairs: rows of any size, repeats and skipped ticks stored once, no row split between chunks', () => {
    const rng = createRng(20261203, 'pairs-tape');
    const rec = newPairsTapeRecorder();
    const s = newProgressiveFillScratch(8, 8);
    const expected: Pairs[] = [];
    let last: Pairs = { agent: [], symbol: [], raw: [] };
    let distinct = 0;
    for (let t = 0; t < 400; t++) {
      const u = rng();
      const evaluated = t === 0 || t === 102 || u > 0.2;
      if (t === 102 || (evaluated && u > 0.35)) {
        // sizes from empty to past the largest chunk (1 << 18 pairs) once
        const n = t === 102 ? (1 << 18) + 3 : Math.floor(rng() * (t % 3 === 0 ? 5000 : 300));
        last = { agent: [], symbol: [], raw: [] };
        for (let k = 0; k < n; k++) {
          last.agent.push(Math.floor(rng() * 8));
          last.symbol.push(k);
          last.raw.push(k === 0 ? -0 : rng());
        }
        distinct++;
      }
      put(s, last); // a skipped tick's scratch holds the last evaluated tick's pairs
      pushTickPairs(rec, s, evaluated);
      expected.push(last);
    }
    const tape = finishPairsTape(rec);
    expect(tape.tickRow.length).toBe(400);
    expect(tape.rowChunk.length).toBeLessThanOrEqual(distinct + 1);
    expect(tape.chunks.length).toBeGreaterThan(2);
    expect(tape.chunks.some((c) => c.agent.length > 1 << 18)).toBe(true); // the row past the largest chunk got one of its own
    const out = newProgressiveFillScratch(8, 8);
    expected.forEach((p, t) => {
      const row = tape.tickRow[t] as number;
      const chunk = tape.chunks[tape.rowChunk[row] as number];
      expect(tape.rowEnd[row] as number).toBeLessThanOrEqual(chunk?.agent.length ?? -1);
      loadTickPairs(tape, row, out);
      const got = read(out);
      expect(got.agent).toEqual(p.agent);
      expect(got.symbol).toEqual(p.symbol);
      expect(got.raw.map((x) => Object.is(x, -0) ? '-0' : x)).toEqual(p.raw.map((x) => Object.is(x, -0) ? '-0' : x));
    });
    // equal consecutive ticks share a row
    for (let t = 1; t < 400; t++) if (expected[t] === expected[t - 1]) expect(tape.tickRow[t]).toBe(tape.tickRow[t - 1]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strategyCvar } from '../../../../engine/modules/cvar/strategy-cvar.js';

const TOL = 1e-9;

interface Reference {
  values: number[][];
  cases: { level: number; classes: { n: number; var_bps: number | null; cvar_bps: number | null }[] }[];
}
const REF = JSON.parse(
  readFileSync(new URL('../../../reference/strategy_cvar_reference.json', import.meta.url), 'utf8'),
) as Reference;

function csr(groups: readonly number[][]): { values: Float64Array; offsets: Int32Array } {
  const offsets = new Int32Array(groups.length + 1);
  groups.forEach((g, i) => (offsets[i + 1] = (offsets[i] as number) + g.length));
  return { values: Float64Array.from(groups.flat()), offsets };
}

function close(a: number, e: number): boolean {
  return Math.abs(a - e) <= TOL * Math.max(1, Math.abs(e));
}

describe('strategyCvar', () => {
  it('matches numpy (test/reference/strategy_cvar_reference.py) at four levels', () => {
    const { values, offsets } = csr(REF.values);
    for (const c of REF.cases) {
      const r = strategyCvar(values, offsets, c.level, 1);
      c.classes.forEach((e, k) => {
        expect(r.n[k]).toBe(e.n);
        if (e.var_bps === null || e.cvar_bps === null) {
          expect(Number.isNaN(r.varBps[k])).toBe(true);
          expect(Number.isNaN(r.cvarBps[k])).toBe(true);
        } else {
          expect(close(r.varBps[k] as number, e.var_bps), `var level ${c.level} class ${k}`).toBe(true);
          expect(close(r.cvarBps[k] as number, e.cvar_bps), `cvar level ${c.level} class ${k}`).toBe(true);
        }
      });
    }
  });

  it('computes a small case by hand', () => {
    // sorted 1..10 (shuffled input); p = 1 - 0.8 = 0.2 (0.19999999999999996); h = 9p = 1.8
    // VaR = 2 + 0.8 * (3 - 2) = 2.8; below VaR: {1, 2} -> CVaR = 1.5
    const r = strategyCvar(Float64Array.from([7, 3, 10, 1, 9, 2, 8, 4, 6, 5]), Int32Array.from([0, 10]), 0.8, 5);
    expect(Math.abs((r.varBps[0] as number) - 2.8)).toBeLessThanOrEqual(TOL);
    expect(r.cvarBps[0]).toBe(1.5);
  });

  it('returns NaN where a class has fewer than minN values', () => {
    const r = strategyCvar(Float64Array.from([1, 2, 3, 4]), Int32Array.from([0, 3, 4]), 0.95, 3);
    expect(Number.isNaN(r.cvarBps[1])).toBe(true);
    expect(Number.isNaN(r.cvarBps[0])).toBe(false);
    expect(Array.from(r.n)).toEqual([3, 1]);
  });

  it('leaves its input untouched', () => {
    const v = Float64Array.from([3, 1, 2]);
    strategyCvar(v, Int32Array.from([0, 3]), 0.95, 1);
    expect(Array.from(v)).toEqual([3, 1, 2]);
  });
});

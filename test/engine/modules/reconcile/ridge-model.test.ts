import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitRidge, predictRidge, ridgeWidth, type RidgeRows } from '../../../../engine/modules/reconcile/ridge-model.js';

const TOL = 1e-9;
const ref = JSON.parse(readFileSync('test/reference/ridge_reference.json', 'utf8')) as { n_agents: number; n_classes: number; lambda: number; coefficients: number[]; prefix_fits: Record<string, number[]> };

function rowsOf(csv: string, n?: number): RidgeRows {
  const lines = csv.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const col = (j: number): Float64Array => Float64Array.from(lines, (r) => r[j] as number);
  return { n: n ?? lines.length, confidence: col(0), severity: col(1), direction: col(2), horizonDays: col(3), agent: col(4), cls: col(5), y: col(6) };
}

const csv = readFileSync('test/reference/ridge_rows.csv', 'utf8');
const work = new Float64Array(ridgeWidth(ref.n_agents, ref.n_classes) * (ridgeWidth(ref.n_agents, ref.n_classes) + 1));

describe('fitRidge', () => {
  it("matches numpy's closed form (X'X + lambda D)^-1 X'y with an unpenalized intercept (test/reference/ridge_reference.py)", () => {
    const coef = fitRidge(rowsOf(csv), ref.n_agents, ref.n_classes, ref.lambda, work);
    expect(coef).toHaveLength(ref.coefficients.length);
    ref.coefficients.forEach((c, i) => expect(Math.abs((coef?.[i] as number) - c), `coef ${i}`).toBeLessThan(TOL * Math.max(1, Math.abs(c))));
  });

  it('fits on the first n rows only, ignoring whatever follows in the buffer', () => {
    for (const [k, want] of Object.entries(ref.prefix_fits)) {
      const rows = rowsOf(csv, Number(k));
      rows.y.fill(1e9, Number(k)); // poison after the n-th row changes nothing
      const coef = fitRidge(rows, ref.n_agents, ref.n_classes, ref.lambda, work);
      want.forEach((c, i) => expect(Math.abs((coef?.[i] as number) - c), `fit ${k} coef ${i}`).toBeLessThan(TOL * Math.max(1, Math.abs(c))));
    }
  });
});

describe('fitRidge on a lambda too small for its rows', () => {
  it('returns null (not positive definite in floating point), for the run to name reconcile.ridge.lambda', () => {
    // one agent, one class: the agent's indicator equals the class's and the intercept, so X'X is
    // singular; lambda 1e-300 vanishes against the rounding of X'X and Cholesky meets a zero pivot
    const n = 4;
    const rows: RidgeRows = { n, confidence: Float64Array.from([0.5, 0.6, 0.7, 0.8]), severity: new Float64Array(n).fill(1), direction: new Float64Array(n).fill(1), horizonDays: new Float64Array(n).fill(1), agent: new Float64Array(n), cls: new Float64Array(n), y: Float64Array.from([1, 2, 3, 4]) };
    const w = new Float64Array(ridgeWidth(1, 1) * (ridgeWidth(1, 1) + 1));
    expect(fitRidge(rows, 1, 1, 1e-300, w)).toBeNull();
    expect(fitRidge(rows, 1, 1, 1, w)).toHaveLength(ridgeWidth(1, 1));
  });
});

describe('predictRidge', () => {
  it('sums the intercept, the slopes and the agent and class effects', () => {
    // p = 5 + 2 agents + 1 class + 1 unclassified = 9
    const coef = Float64Array.from([10, 100, 20, 5, 2, 1, -1, 3, 7]);
    // 10 + 100*0.5 + 20*1.5 + 5*(-1) + 2*3 + agent 1 (-1) + unclassified (7) = 97
    expect(predictRidge(coef, 2, 1, 0.5, 1.5, -1, 3, 1, -1)).toBe(97);
    // agent 0 (+1), class 0 (+3): 10 + 50 + 30 - 5 + 6 + 1 + 3 = 95
    expect(predictRidge(coef, 2, 1, 0.5, 1.5, -1, 3, 0, 0)).toBe(95);
  });
});

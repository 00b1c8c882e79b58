/**
 * Bench: computeMetrics on 10 million periods of daily-like returns (every metric, incl. the
 * O(n) quantile selection for VaR/CVaR). Prints periods/s per run.
 * Run: `npx vitest bench bench/metrics.bench.ts` (BT_BENCH_SCALE=0.1 for a tenth).
 */
import { bench, describe } from 'vitest';
import { createRng } from '../engine/core/rng.js';
import { computeMetrics } from '../engine/metrics/compute-metrics.js';

const scale = Number(process.env['BT_BENCH_SCALE'] ?? '1');
const N_PERIODS = Math.round(10_000_000 * scale);

/** Deterministic returns: mean 0.0003, roughly normal (sum of 4 uniforms), sd about 0.01. */
function makeReturns(n: number): Float64Array {
  const rng = createRng(1, 'metrics-bench');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.0003 + (rng() + rng() + rng() + rng() - 2) * 0.017;
  return out;
}

const returns = makeReturns(N_PERIODS);

describe('computeMetrics', () => {
  bench(
    `${N_PERIODS / 1e6}M periods`,
    () => {
      const t0 = process.hrtime.bigint();
      const rec = computeMetrics(returns, { periodsPerYear: 252 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      process.stdout.write(`computeMetrics: ${N_PERIODS} periods in ${s.toFixed(3)} s = ${(N_PERIODS / s / 1e6).toFixed(1)}M periods/s (sharpe ${rec.sharpe?.toFixed(4)})\n`);
    },
    { iterations: 5, warmupIterations: 1, time: 0 },
  );
});

import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { costsPaidOf } from '../../../engine/portfolio/portfolio.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { createRng } from '../../../engine/core/rng.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { CostSpec } from '../../../engine/portfolio/cost-model.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { expandedLog } from '../../helpers/expanded-log.js';

const TOL = 1e-9;
const plugin = ALLOCATORS['static-schedule'] as AllocatorPlugin;
const kindOf = (st: RunState, i: number): string => LOGGED_EVENT_KINDS[st.log.kind[i] as number] as string;
const SPREAD_IMPACT: CostSpec = { bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 3, spreadColumn: true, impactK: 0.8, impactWindow: 10 };

/** The synthetic universe (4 symbols closing at the same daily times) with seeded volumes and quoted spreads. */
function dataWithVolume(): RunData {
  const base = syntheticRunData({ days: 160, seed: 3 });
  const rng = createRng(11, 'cost-volumes');
  const n = base.prices.n;
  const volume = new Float64Array(n);
  const spreadBps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    volume[i] = 2_000 + 20_000 * rng();
    // one bar in nine has no quoted spread: the constant half spread applies there
    spreadBps[i] = i % 9 === 4 ? Number.NaN : 2 + 10 * rng();
  }
  return { ...base, prices: { ...base.prices, volume, spreadBps } };
}

/** The run's final state, its event log as full rows. */
function run(data: RunData, costs: CostSpec): RunState {
  const st = runBacktest(data, syntheticRunConfig(data, { costs }), plugin, {}).state;
  return { ...st, log: expandedLog(st.log, data) };
}

/** Returns [time, summed cost] of each fill batch, in time order (log order). */
function fillBatches(st: RunState): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < st.log.length; i++) {
    if (kindOf(st, i) !== 'fill') continue;
    const t = st.log.tsMs[i] as number;
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === t) last[1] += st.log.v3[i] as number;
    else out.push([t, st.log.v3[i] as number]);
  }
  return out;
}

function targetsOf(st: RunState): string[] {
  const out: string[] = [];
  for (let i = 0; i < st.log.length; i++) if (kindOf(st, i) === 'targets_set') out.push(`${st.log.tsMs[i]} ${st.log.symbol[i]} ${st.log.v1[i]}`);
  return out;
}

describe('runBacktest costs', () => {
  it('reconciles: zero-cost equity minus costed equity is each fill batch cost compounded from the next fill on', () => {
    // Identity (docs/metrics.md): both runs set the same targets (no guardian, targets do not read
    // equity) and each fill batch resets every held symbol, so the state is linear in equity. A
    // batch cost C_j sits in cash until the next fill t_{j+1}, which sizes on the smaller equity;
    // from then on it compounds with the portfolio: D(t) = sum_{t_j <= t} C_j x g_j(t), with
    // g_j(t) = E_0(t) / E_0(t_{j+1}) once t >= t_{j+1}, else 1.
    const data = dataWithVolume();
    const zero = run(data, { bpsPerTurnover: 0, slippageBps: 0 });
    const costed = run(data, SPREAD_IMPACT);
    expect(targetsOf(costed)).toEqual(targetsOf(zero));
    const batches = fillBatches(costed);
    expect(batches.length).toBeGreaterThan(50);
    expect(fillBatches(zero).map((b) => b[0])).toEqual(batches.map((b) => b[0]));
    const e0 = new Map<number, number>();
    for (let i = 0; i < zero.out.equity.length; i++) e0.set(zero.out.equityTs.data[i] as number, zero.out.equity.data[i] as number);
    let checked = 0;
    for (let i = 0; i < costed.out.equity.length; i++) {
      const t = costed.out.equityTs.data[i] as number;
      const e0t = e0.get(t) as number;
      let expected = 0;
      for (let j = 0; j < batches.length && (batches[j] as [number, number])[0] <= t; j++) {
        const next = batches[j + 1];
        const growth = next !== undefined && next[0] <= t ? e0t / (e0.get(next[0]) as number) : 1;
        expected += (batches[j] as [number, number])[1] * growth;
      }
      const diff = e0t - (costed.out.equity.data[i] as number);
      expect(Math.abs(diff - expected), `at ${new Date(t).toISOString()}`).toBeLessThanOrEqual(TOL * Math.max(expected, 1));
      checked++;
    }
    expect(checked).toBe(zero.out.equity.length);
    const p = costed.portfolio;
    expect(p.costsSpread).toBeGreaterThan(0);
    expect(p.costsImpact).toBeGreaterThan(0);
    expect(p.costsFixed + p.costsSpread + p.costsImpact).toBe(costsPaidOf(p));
  });

  it('prices, volumes and spreads poisoned after T change no fill up to T (sigma and ADV use closes at or before the fill)', () => {
    const data = dataWithVolume();
    const P = data.prices;
    const T = P.tsMs[Math.floor(P.n / 2)] as number;
    const close = Float64Array.from(P.close);
    const volume = Float64Array.from(P.volume as Float64Array);
    const spreadBps = Float64Array.from(P.spreadBps as Float64Array);
    for (let i = 0; i < P.n; i++) {
      if ((P.tsMs[i] as number) <= T) continue;
      close[i] = (close[i] as number) * (i % 2 === 0 ? 3 : 0.2);
      volume[i] = (volume[i] as number) * 1e-3;
      spreadBps[i] = 500;
    }
    const poisoned: RunData = { ...data, prices: { ...P, close, volume, spreadBps } };
    const fillsUpTo = (st: RunState): string[] => {
      const out: string[] = [];
      for (let i = 0; i < st.log.length; i++) if (kindOf(st, i) === 'fill' && (st.log.tsMs[i] as number) <= T) out.push(`${st.log.tsMs[i]} ${st.log.symbol[i]} ${st.log.v1[i]} ${st.log.v3[i]}`);
      return out;
    };
    const a = fillsUpTo(run(data, SPREAD_IMPACT));
    expect(a.length).toBeGreaterThan(100);
    expect(fillsUpTo(run(poisoned, SPREAD_IMPACT))).toEqual(a);
  });

  it('skips fills inside the no-trade band and below the minimum, and every fill it makes clears both', () => {
    const data = dataWithVolume();
    const all = run(data, { bpsPerTurnover: 5, slippageBps: 2 });
    const banded = run(data, { bpsPerTurnover: 5, slippageBps: 2, noTradeBand: 0.02 });
    const minimum = run(data, { bpsPerTurnover: 5, slippageBps: 2, minTradeFraction: 0.01 });
    expect(all.portfolio.skippedBand + all.portfolio.skippedMinimum).toBe(0);
    expect(banded.portfolio.skippedBand).toBeGreaterThan(0);
    expect(minimum.portfolio.skippedMinimum).toBeGreaterThan(0);
    for (const [st, band, minFraction] of [[banded, 0.02, 0], [minimum, 0, 0.01]] as const) {
      // Each fill's weight change and traded notional, from the log: the position before is the
      // symbol's previous fill, equity before = equity after the fills at t + their costs.
      const qty = new Float64Array(data.symbols.length);
      const equityAt = new Map<number, number>();
      for (let i = 0; i < st.out.equityTs.length; i++) equityAt.set(st.out.equityTs.data[i] as number, st.out.equity.data[i] as number);
      const costAt = new Map(fillBatches(st));
      for (let i = 0; i < st.log.length; i++) {
        if (kindOf(st, i) !== 'fill') continue;
        const t = st.log.tsMs[i] as number;
        const s = st.log.symbol[i] as number;
        const close = st.log.v2[i] as number;
        const before = (equityAt.get(t) as number) + (costAt.get(t) as number);
        const traded = Math.abs(((st.log.v1[i] as number) - (qty[s] as number)) * close);
        expect(traded / before).toBeGreaterThanOrEqual(Math.max(band, minFraction) - TOL);
        qty[s] = st.log.v1[i] as number;
      }
    }
    expect(costsPaidOf(banded.portfolio)).toBeLessThan(costsPaidOf(all.portfolio));
  });
});

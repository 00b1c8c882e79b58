import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { costsPaidOf } from '../../../engine/portfolio/portfolio.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { createRng } from '../../../engine/core/rng.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { CostSpec } from '../../../engine/portfolio/cost-model.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { expandedLog } from '../../helpers/expanded-log.js';

/**
 * Every fill's cost against a brute force written from docs/metrics.md ("Costs") alone: sigma
 * and ADV recomputed from the symbol's raw bars at or before the fill, on calendars that differ
 * per symbol (one sparser than the ticks, one denser, one with a gap), with null and zero
 * volumes and the first bars short of the window (no sigma before N returns: no impact, counted).
 */
const TOL = 1e-9;
const plugin = ALLOCATORS['static-schedule'] as AllocatorPlugin;
const N = 5;
const COSTS: CostSpec = { bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 3, spreadColumn: true, impactK: 0.8, impactWindow: N, symbols: { DDD: { impactK: 3, halfSpreadBps: 1 } } };
const K = [0.8, 0.8, 0.8, 3];
const HALF_SPREAD = [3, 3, 3, 1];

interface Bar {
  readonly t: number;
  readonly s: number;
  readonly close: number;
  readonly volume: number;
  readonly spreadBps: number;
}

/**
 * The synthetic universe reshaped: AAA closes every day plus at noon (denser than the daily
 * ticks), BBB every third day (sparser), CCC pauses from day 60 to day 80 and has null volumes
 * one bar in four, DDD trades a fraction of a share a day (impact past the traded notional: capped) with
 * volume 0 one bar in five; one bar in seven has no quoted spread.
 */
function bars(): Bar[] {
  const base = syntheticRunData({ days: 140, seed: 7 });
  const P = base.prices;
  const rng = createRng(13, 'cost-brute-force');
  const t0 = P.tsMs[0] as number;
  const out: Bar[] = [];
  for (let i = 0; i < P.n; i++) {
    const t = P.tsMs[i] as number;
    const s = P.symbolId[i] as number;
    const day = Math.round((t - t0) / MS.day);
    if (s === 1 && day % 3 !== 0) continue;
    if (s === 2 && day >= 60 && day <= 80) continue;
    const close = P.close[i] as number;
    const volume = s === 2 && i % 4 === 1 ? Number.NaN : s === 3 ? (i % 5 === 2 ? 0 : 0.01 + 0.1 * rng()) : 2_000 + 20_000 * rng();
    const spreadBps = i % 7 === 3 ? Number.NaN : 2 + 10 * rng();
    out.push({ t, s, close, volume, spreadBps });
    if (s === 0) out.push({ t: t + 12 * MS.hour, s, close: close * (1 + (rng() - 0.5) * 0.01), volume: 1_000 + 5_000 * rng(), spreadBps: 2 + 10 * rng() });
  }
  return out.sort((a, b) => a.t - b.t || a.s - b.s);
}

function runData(rows: readonly Bar[]): RunData {
  const base = syntheticRunData({ days: 140, seed: 7 });
  return {
    ...base,
    prices: {
      n: rows.length,
      tsMs: Float64Array.from(rows, (r) => r.t),
      symbolId: Int32Array.from(rows, (r) => r.s),
      close: Float64Array.from(rows, (r) => r.close),
      volume: Float64Array.from(rows, (r) => r.volume),
      spreadBps: Float64Array.from(rows, (r) => r.spreadBps),
    },
  };
}

interface Fill {
  readonly t: number;
  readonly s: number;
  readonly qty: number;
  readonly close: number;
  readonly cost: number;
}

function run(data: RunData): { st: RunState; fills: Fill[] } {
  const st = runBacktest(data, syntheticRunConfig(data, { costs: COSTS }), plugin, {}).state;
  const log = expandedLog(st.log, data);
  const fills: Fill[] = [];
  for (let i = 0; i < log.length; i++) {
    if (LOGGED_EVENT_KINDS[log.kind[i] as number] !== 'fill') continue;
    fills.push({ t: log.tsMs[i] as number, s: log.symbol[i] as number, qty: log.v1[i] as number, close: log.v2[i] as number, cost: log.v3[i] as number });
  }
  return { st, fills };
}

/** The cost parts of trading `traded` of symbol s at its bar at t, from the raw bars (docs/metrics.md), and whether sigma lacked a full window though ADV was known. */
function referenceParts(rows: readonly Bar[], s: number, t: number, traded: number): { parts: [number, number, number]; shortWindow: boolean } {
  const own = rows.filter((r) => r.s === s && r.t <= t);
  const bar = own[own.length - 1] as Bar;
  expect(bar.t).toBe(t);
  const rets = own.slice(1).map((r, i) => r.close / (own[i] as Bar).close - 1).slice(-N);
  const values = own.filter((r) => r.volume >= 0).map((r) => r.close * r.volume).slice(-N);
  let sigma = Number.NaN;
  if (rets.length === N) {
    const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
    sigma = Math.sqrt(rets.reduce((a, r) => a + (r - mean) ** 2, 0) / (rets.length - 1));
  }
  const adv = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  const fixed = Math.min(7e-4 * traded, traded);
  const halfSpread = bar.spreadBps >= 0 ? bar.spreadBps / 2 : (HALF_SPREAD[s] as number);
  const spread = Math.min((halfSpread / 1e4) * traded, traded - fixed);
  const rawImpact = sigma >= 0 && adv > 0 ? (K[s] as number) * sigma * Math.sqrt(traded / adv) * traded : 0;
  return { parts: [fixed, spread, Math.max(0, Math.min(rawImpact, traded - fixed - spread))], shortWindow: rets.length < N && adv > 0 };
}

describe('every fill cost against a brute force from the raw bars', () => {
  const rows = bars();
  const { st, fills } = run(runData(rows));

  it('charges each fill fixed + spread + impact from the bars at or before it, on every calendar, capped at the traded notional', () => {
    const qty = new Float64Array(4);
    const sums = [0, 0, 0];
    let capped = 0;
    let shortWindow = 0;
    for (const f of fills) {
      const traded = Math.abs(f.qty - (qty[f.s] as number)) * f.close;
      qty[f.s] = f.qty;
      const { parts, shortWindow: short } = referenceParts(rows, f.s, f.t, traded);
      if (short && traded > 0) shortWindow++;
      const expected = parts[0] + parts[1] + parts[2];
      expect(Math.abs(f.cost - expected), `fill of ${f.s} at ${new Date(f.t).toISOString()}`).toBeLessThanOrEqual(TOL * Math.max(expected, 1));
      parts.forEach((v, j) => (sums[j] = (sums[j] as number) + v));
      if (expected >= traded * (1 - 1e-12)) capped++;
    }
    const p = st.portfolio;
    expect(fills.length).toBeGreaterThan(100);
    expect(new Set(fills.map((f) => f.s)).size).toBe(4);
    expect(capped).toBeGreaterThan(0); // DDD's thin volume passes the cap
    expect(p.costsCapped).toBe(capped);
    expect(shortWindow).toBeGreaterThan(0); // the first fills of each symbol come before N returns
    expect(p.impactShortWindow).toBe(shortWindow);
    [p.costsFixed, p.costsSpread, p.costsImpact].forEach((v, j) => expect(Math.abs(v - (sums[j] as number))).toBeLessThanOrEqual(TOL * costsPaidOf(p)));
    expect(Math.min(...st.out.equity.data.subarray(0, st.out.equity.length))).toBeGreaterThan(0);
  });

  it('keeps every fill up to T when the bars after T are altered or deleted', () => {
    const T = (rows[Math.floor(rows.length / 2)] as Bar).t;
    const upTo = (fs: readonly Fill[]): Fill[] => fs.filter((f) => f.t <= T);
    const altered = rows.map((r, i) => (r.t <= T ? r : { ...r, close: r.close * (i % 2 === 0 ? 4 : 0.25), volume: i % 3 === 0 ? Number.NaN : r.volume * 1e-4, spreadBps: 900 }));
    const deleted = rows.filter((r) => r.t <= T);
    expect(upTo(fills).length).toBeGreaterThan(50);
    expect(upTo(run(runData(altered)).fills)).toEqual(upTo(fills));
    expect(upTo(run(runData(deleted)).fills)).toEqual(upTo(fills));
  });
});

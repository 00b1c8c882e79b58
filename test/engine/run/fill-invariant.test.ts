import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runBacktest } from '../../../engine/run/run.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';

const TOL = 1e-9;
const kindOf = (st: RunState, i: number): string => LOGGED_EVENT_KINDS[st.log.kind[i] as number] as string;


/**
 * Checks that every fill trades its symbol to the latest target set strictly before it, with
 * the weight recovered from the fill itself: qty_after x close / equity before the fill
 * (equity after the fills at t plus the costs paid at t), or, a buy the cash at t could not
 * pay for (the book never borrows), short of it, with no cash left after the fills at t.
 * Returns how many fills it checked, how many of them were buys cut short, and how many
 * traded to a target that replaced another, different one set since the symbol's last fill.
 */
function checkFillsFollowLatestTargets(data: RunData, run: RunState): { fills: number; cut: number; replaced: number } {
  const st = { ...run, log: expandedLog(run.log, data) };
  const latest = new Float64Array(data.symbols.length);
  const equityAt = new Map<number, number>();
  const cashAt = new Map<number, number>(); // after the fills: equity x (1 - gross) on a long book
  for (let i = 0; i < st.out.equityTs.length; i++) {
    equityAt.set(st.out.equityTs.data[i] as number, st.out.equity.data[i] as number);
    cashAt.set(st.out.equityTs.data[i] as number, (st.out.equity.data[i] as number) * (1 - (st.out.gross.data[i] as number)));
  }
  const costsAt = new Map<number, number>();
  for (let i = 0; i < st.log.length; i++) {
    if (kindOf(st, i) === 'fill') costsAt.set(st.log.tsMs[i] as number, (costsAt.get(st.log.tsMs[i] as number) ?? 0) + (st.log.v3[i] as number));
  }
  let fills = 0;
  let cut = 0;
  let replaced = 0;
  const targetsSinceFill = data.symbols.map(() => new Set<number>());
  for (let i = 0; i < st.log.length; i++) {
    const kind = kindOf(st, i);
    const t = st.log.tsMs[i] as number;
    const s = st.log.symbol[i] as number;
    if (kind === 'targets_set') {
      latest[s] = st.log.v1[i] as number;
      targetsSinceFill[s]?.add(latest[s] as number);
    }
    if (kind !== 'fill') continue;
    if ((targetsSinceFill[s]?.size ?? 0) > 1) replaced++;
    targetsSinceFill[s]?.clear();
    const before = (equityAt.get(t) as number) + (costsAt.get(t) as number);
    const w = ((st.log.v1[i] as number) * (st.log.v2[i] as number)) / before;
    const at = `fill of ${data.symbols[s]} at ${new Date(t).toISOString()}`;
    if (Math.abs(w - (latest[s] as number)) > TOL) {
      // a buy cut short: below its target, and the fills at t left no cash
      expect(w, at).toBeLessThan(latest[s] as number);
      expect(Math.abs(cashAt.get(t) as number), at).toBeLessThan(TOL * before);
      cut++;
    }
    fills++;
  }
  return { fills, cut, replaced };
}

/** A period in hours as the calendars' names give it: hourly, 6-hour, daily, 3-day, weekly. */
function periodWord(hours: number): string {
  if (hours === 1) return 'hourly';
  if (hours === 24) return 'daily';
  if (hours === 168) return 'weekly';
  return hours % 24 === 0 ? `${hours / 24}-day` : `${hours}-hour`;
}

/** A calendar of generatedRunData: one close step per symbol (hours) and the tick cadence, named after them ('weekly, daily and 3-day closes, daily ticks'). */
function calendarOf(steps: readonly number[], cadenceMs: number): { name: string; steps: readonly number[]; cadence: number } {
  const words = [...new Set(steps)].map(periodWord);
  const closes = words.length === 1 ? (words[0] as string) : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] as string}`;
  return { name: `${closes} closes, ${periodWord(cadenceMs / MS.hour)} ticks`, steps, cadence: cadenceMs };
}

describe('runBacktest fills', () => {
  it('never fills a target set back to 0 before the symbol next closes (weekly closes, daily ticks)', () => {
    // Issue 9 item 1: one symbol, weekly closes 100, 110, 121; one finding at the first
    // close with a 24 h horizon; daily ticks; static schedule; zero costs. The tick of day 0
    // targets 0.2 (one live finding), day 1 targets 0 (reconciled): nothing may be bought.
    const t0 = Date.UTC(2021, 0, 4);
    const data: RunData = {
      agents: ['a'],
      symbols: ['X'],
      strategies: [],
      agentStrategy: Int32Array.of(-1),
      scheduleWeight: Float64Array.of(0.2),
      agentEnabled: Uint8Array.of(1),
      prices: { n: 3, tsMs: Float64Array.of(t0, t0 + 7 * MS.day, t0 + 14 * MS.day), symbolId: Int32Array.of(0, 0, 0), close: Float64Array.of(100, 110, 121) },
      findings: {
        n: 1,
        tsMs: Float64Array.of(t0),
        agentId: Int32Array.of(0),
        symbolId: Int32Array.of(0),
        confidence: Float64Array.of(1),
        severityMult: Float64Array.of(1),
        direction: Int8Array.of(1),
        horizonHours: Float64Array.of(24),
      },
      killList: null,
      regime: null,
    };
    const cfg = syntheticRunConfig(data, {
      costs: { bpsPerTurnover: 0, slippageBps: 0 },
      targets: { maxAgentWeight: 1, maxSymbolWeight: 0.2, cashBuffer: 0 },
      decay: { ...syntheticRunConfig(data).decay, enabled: false },
      promotion: { ...syntheticRunConfig(data).promotion, enabled: false },
      kill: { ...syntheticRunConfig(data).kill, enabled: false },
    });
    const r = runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {});
    const targets = Array.from(r.state.out.targetWeight.data.subarray(0, r.state.out.targetWeight.length));
    expect(targets).toEqual([0.2, 0]);
    const eq = r.state.out.equity;
    expect(eq.data[eq.length - 1]).toBe(1_000_000);
    expect(r.state.portfolio.qty[0]).toBe(0);
    expect(r.counters.fills).toBe(0);
  });

  it('trades every fill to the latest target set before it, over generated calendars, variants and modes', () => {
    // named from what they generate (the last was 'daily closes, hourly ticks': 2-day closes too, 6-hour ticks)
    const weekly = calendarOf([168, 168, 168], MS.day);
    const mixed = calendarOf([168, 24, 72], MS.day);
    const calendars = [weekly, mixed, calendarOf([1, 6, 24], MS.day), calendarOf([24, 24, 48], 6 * MS.hour)];
    const seen = new Map<string, { fills: number; cut: number; replaced: number }>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...calendars),
        fc.constantFrom(...Object.keys(ALLOCATORS)),
        fc.constantFrom('seed' as const, 'default' as const),
        fc.boolean(),
        (seed, cal, variant, mode, threshold) => {
          const data = generatedRunData({
            seed,
            days: 45,
            priceStepHours: cal.steps,
            agentClasses: [0, 0, 1, 1, 2, -1],
            findingsPerDay: 0.7,
            horizonsHours: [24, 72, 24 * 7],
            joinDay: [0, 3, 0, 10, 20, 0],
          });
          const base = syntheticRunConfig(data);
          const start = data.prices.tsMs[0] as number;
          const cfg = syntheticRunConfig(data, {
            mode,
            startMs: start,
            endMs: start + 44 * MS.day,
            cadenceMs: cal.cadence,
            governor: { ...base.governor, reallocationThreshold: threshold ? 0.05 : 0 },
          });
          const plug = ALLOCATORS[variant] as AllocatorPlugin;
          const r = runBacktest(data, cfg, plug, defaultsOf(plug));
          const n = checkFillsFollowLatestTargets(data, r.state);
          const c = seen.get(cal.name) ?? { fills: 0, cut: 0, replaced: 0 };
          seen.set(cal.name, { fills: c.fills + n.fills, cut: c.cut + n.cut, replaced: c.replaced + n.replaced });
        },
      ),
      { numRuns: 40, seed: 9 },
    );
    // What the check is about is met: fills on every calendar, targets replaced before the
    // symbol's next close where closes are sparser than ticks, buys cut short for cash.
    for (const cal of calendars) expect(seen.get(cal.name)?.fills ?? 0, cal.name).toBeGreaterThan(0);
    expect(seen.get(weekly.name)?.replaced ?? 0, weekly.name).toBeGreaterThan(0);
    expect(seen.get(mixed.name)?.replaced ?? 0, mixed.name).toBeGreaterThan(0);
    expect([...seen.values()].reduce((a, c) => a + c.cut, 0)).toBeGreaterThan(0);
  });

  it('matches the numpy reference equity on weekly closes with daily ticks', () => {
    const data = generatedRunData({ seed: 7, days: 90, priceStepHours: [168, 168, 24], agentClasses: [0, 0, 1, 1, -1], findingsPerDay: 0.8, horizonsHours: [24, 72] });
    const start = data.prices.tsMs[0] as number;
    const cfg = syntheticRunConfig(data, { startMs: start, endMs: start + 89 * MS.day, costs: { bpsPerTurnover: 5, slippageBps: 2 } });
    const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
    const r = runBacktest(data, cfg, plug, defaultsOf(plug));
    const o = r.state.out;
    const dir = mkdtempSync(join(tmpdir(), 'bt-fill-ref-'));
    const prices = ['ts,symbol,close', ...Array.from({ length: data.prices.n }, (_, i) => `${data.prices.tsMs[i]},${data.symbols[data.prices.symbolId[i] as number]},${data.prices.close[i]}`)];
    const targets = ['ts,symbol,weight', ...Array.from({ length: o.targetTs.length }, (_, i) => `${o.targetTs.data[i]},${data.symbols[o.targetSymbol.data[i] as number]},${o.targetWeight.data[i]}`)];
    writeFileSync(join(dir, 'prices.csv'), `${prices.join('\n')}\n`);
    writeFileSync(join(dir, 'targets.csv'), `${targets.join('\n')}\n`);
    const py = spawnSync('python3', ['test/reference/equity_reference.py', join(dir, 'prices.csv'), join(dir, 'targets.csv'), '1000000', '7', String(start), '252'], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const all = JSON.parse(py.stdout) as { ts: number[]; equity: number[] };
    // The reference replays every price; the run stops at its end time.
    const ref = { ts: all.ts.filter((t) => t <= cfg.endMs), equity: all.equity.filter((_, i) => (all.ts[i] as number) <= cfg.endMs) };
    expect(ref.ts).toEqual(Array.from(o.equityTs.data.subarray(0, o.equityTs.length)));
    expect(r.counters.fills).toBeGreaterThan(10);
    ref.equity.forEach((e, i) => expect(Math.abs(e - (o.equity.data[i] as number)) / e).toBeLessThan(TOL));
  });
});

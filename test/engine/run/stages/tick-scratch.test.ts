import { describe, expect, it } from 'vitest';
import { MS } from '../../../../engine/core/time.js';
import { tickTimes } from '../../../../engine/clock/schedule.js';
import { runBacktest, type KernelSnapshot } from '../../../../engine/run/run.js';
import type { RunState } from '../../../../engine/run/state.js';
import type { RunConfig } from '../../../../engine/run/config.js';
import type { RunData } from '../../../../engine/run/run-data.js';
import { newStatsScratch, readStatsTable } from '../../../../engine/run/stages/agent-stats.js';
import { computeMultipliers } from '../../../../engine/run/stages/decay.js';
import { strategyCvar } from '../../../../engine/modules/cvar/strategy-cvar.js';
import type { AgentStatsTable, AllocatorPlugin } from '../../../../engine/modules/allocator/plugin.js';
import type { TickView } from '../../../../engine/run/tick.js';
import { ALLOCATORS } from '../../../../strategies/index.js';
import { referenceScenario, type ReferenceScenarioSpec } from '../../../helpers/reference-scenario.js';
import { defaultsOf } from '../../../helpers/allocator-defaults.js';

/*
 * The stages keep their tables in st.scratch and update them in place, only where an input
 * moved. Stepping a run tick by tick (stop after a tick, resume), each tick's tables must equal
 * the same tables computed from scratch by the reference functions.
 */

const SPEC: ReferenceScenarioSpec = {
  name: 'scratch', seed: 41, agents: 10, symbols: 5, barMs: MS.hour * 6, bars: 4 * 120, cadenceMs: MS.day,
  variant: 'risk-penalized', mode: 'default', horizons: [null, 48, 72], lateJoiners: 2, killList: true, regime: false, guardian: false, gapChance: 0.1, findingChance: 0.6, limitRows: 120,
};

const bits = (x: ArrayLike<number>): string[] => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

function tableBits(t: AgentStatsTable): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // `eligible` is re-read for every agent at every tick (statuses change after the read): not incremental.
  for (const [k, v] of Object.entries(t)) if (ArrayBuffer.isView(v) && k !== 'eligible') out[k] = bits(v as Float64Array);
  return out;
}

/** The stats table computed whole, on fresh scratch (every row's seen counts unset). */
function freshStats(st: RunState, data: RunData, withDd: boolean, seedAverages: boolean): AgentStatsTable {
  return readStatsTable({ ...st, scratch: { ...st.scratch, stats: newStatsScratch(data) } }, data, withDd, seedAverages);
}

/** CVaR per slot by the sort/selection reference over the slot's current window (as computeStrategyCvar cuts it). */
function referenceCvar(st: RunState, cfg: RunConfig): number[] {
  return st.cvarVal.map((val, k) => {
    const n = Math.min(cfg.cvar.maxOutcomes, val.length - (st.cvarFront[k] as number));
    const w = val.data.slice(val.length - n, val.length);
    return strategyCvar(w, Int32Array.of(0, n), cfg.cvar.level, cfg.cvar.minN).cvarBps[0] as number;
  });
}

const FLOOR = 0.002;

describe('newTickScratch', () => {
  it('holds, tick after tick, the tables the reference functions compute from scratch', () => {
    const { data, cfg } = referenceScenario(SPEC);
    const c = { ...cfg, cvar: { ...cfg.cvar, maxOutcomes: 40, minN: 3 } };
    const plugin = ALLOCATORS[SPEC.variant] as AllocatorPlugin;
    const params = defaultsOf(plugin);
    const ticks = tickTimes(c.startMs, c.endMs, c.cadenceMs);
    let snap: KernelSnapshot | undefined;
    let views: TickView[] = [];
    let checked = 0;
    let prevWeights: Float64Array | null = null;
    for (const t of ticks) {
      views = [];
      const r = runBacktest(data, c, plugin, params, { ...(snap ? { resume: snap } : {}), stopAfterMs: t, onTick: (v) => views.push(v) });
      if (r.snapshot === null) break;
      snap = r.snapshot;
      const st = r.state;
      if (views.length === 0 || !(views[views.length - 1] as TickView).evaluated) continue;
      expect(bits(st.multipliers), `multipliers at ${t}`).toEqual(bits(computeMultipliers(st, data, c)));
      expect(tableBits(st.scratch.stats.table), `stats at ${t}`).toEqual(tableBits(freshStats(st, data, false, c.mode === 'seed')));
      const cv = referenceCvar(st, c);
      expect(bits(st.scratch.cvar.byClass), `cvar at ${t}`).toEqual(bits(cv.slice(0, -1)));
      expect(bits([st.scratch.cvar.unclassified])).toEqual(bits(cv.slice(-1)));
      // Double buffer: this tick's weights never overwrite the previous tick's array.
      if (prevWeights !== null) expect(st.agentWeights).not.toBe(prevWeights);
      prevWeights = st.agentWeights;
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  }, 120_000);

  it('holds the reference multipliers while agents fall to the floor and leave it (records cached only when a product reads them)', () => {
    // Dense outcomes (dozens per agent between ticks, more than a floor proof reads) and a
    // floor the agents fall to and leave: proofs from the newest rows succeed and fail both.
    const dense: ReferenceScenarioSpec = { ...SPEC, name: 'dense-decay', agents: 3, symbols: 10, barMs: MS.hour, bars: 24 * 60, findingChance: 0.9, lateJoiners: 0, killList: false };
    const { data, cfg } = referenceScenario(dense);
    const c = { ...cfg, decay: { ...cfg.decay, floor: FLOOR, penaltyCap: 0.5, halfLifeSignals: 20 } };
    const plugin = ALLOCATORS[dense.variant] as AllocatorPlugin;
    const params = defaultsOf(plugin);
    const ticks = tickTimes(c.startMs, c.endMs, c.cadenceMs);
    let snap: KernelSnapshot | undefined;
    let floored = 0;
    let checked = 0;
    for (const t of ticks) {
      const r = runBacktest(data, c, plugin, params, { ...(snap ? { resume: snap } : {}), stopAfterMs: t });
      if (r.snapshot === null) break;
      snap = r.snapshot;
      const st = r.state;
      expect(bits(st.multipliers), `multipliers at ${t}`).toEqual(bits(computeMultipliers(st, data, c)));
      for (const m of st.multipliers) floored += m === FLOOR ? 1 : 0;
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
    expect(floored).toBeGreaterThan(checked);
  }, 120_000);
});

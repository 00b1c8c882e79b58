import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { findingColumns, newPendingFindings, nextDueMs, popDue, pushPending, release, releaseInOrderTo, type PendingFindings } from '../../../engine/run/pending-findings.js';
import { MS } from '../../../engine/core/time.js';
import { toF64 } from '../../../engine/core/growable.js';
import { runBacktest, type KernelSnapshot } from '../../../engine/run/run.js';
import { newRunState } from '../../../engine/run/state.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';

/** Pushes findings with the given due times, interleaving pops of everything due by each push's time. */
function drain(dues: readonly number[], times: readonly number[]): number[] {
  const p = newPendingFindings(4);
  const order: number[] = [];
  const popUntil = (t: number): void => {
    while (nextDueMs(p) <= t) {
      const c = popDue(p);
      order.push(c); // the counter is the row: findings are pushed in row order
      release(p, c);
    }
  };
  dues.forEach((due, row) => {
    popUntil((times[row] as number) - 1);
    expect(pushPending(p, 0, 0, 1, 1, 1, 24, 100, due)).toBe(row);
  });
  popUntil(Number.MAX_VALUE);
  expect(p.head).toBe(p.tail);
  return order;
}

/** The reference order: by (due, row), among rows pushed before the pop time. */
function expected(dues: readonly number[], times: readonly number[]): number[] {
  const out: number[] = [];
  const done = new Set<number>();
  const popUntil = (t: number, pushed: number): void => {
    for (;;) {
      let best = -1;
      for (let r = 0; r < pushed; r++) {
        if (done.has(r) || (dues[r] as number) > t) continue;
        if (best < 0 || (dues[r] as number) < (dues[best] as number)) best = r;
      }
      if (best < 0) return;
      done.add(best);
      out.push(best);
    }
  };
  dues.forEach((_, row) => popUntil((times[row] as number) - 1, row));
  popUntil(Number.MAX_VALUE, dues.length);
  return out;
}

describe('PendingFindings', () => {
  it('hands out findings in order of emission when due times arrive in order', () => {
    const times = Array.from({ length: 50 }, (_, i) => i * 10);
    const dues = times.map((t) => t + 24);
    expect(drain(dues, times)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('hands out findings by (due time, emission order) once horizons differ, growing past its capacity', () => {
    const rng = createRng(3, 'pending-test');
    for (let trial = 0; trial < 20; trial++) {
      const times = Array.from({ length: 200 }, (_, i) => i * 10);
      // horizons of 1, 2 or 5 steps, some ties in due time
      const dues = times.map((t) => t + 10 * [1, 2, 5][Math.floor(rng() * 3)]!);
      expect(drain(dues, times)).toEqual(expected(dues, times));
    }
  });
});

/** Every field of a pending set, typed arrays as plain arrays (for equality). */
function stateOf(p: PendingFindings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
}

describe('releaseInOrderTo', () => {
  it('leaves the same ring as releasing each counter in order, across the wrap', () => {
    const each = newPendingFindings(8);
    const once = newPendingFindings(8);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 6; i++) for (const p of [each, once]) pushPending(p, 0, 0, 1, 1, 1, 24, 100, round * 10 + i);
      for (let i = 0; i < 6; i++) release(each, popDue(each));
      for (let i = 0; i < 6; i++) popDue(once);
      releaseInOrderTo(once, once.dueHead);
      expect(stateOf(once)).toEqual(stateOf(each));
    }
  });
});

describe('a pending ring over in-memory findings', () => {
  it('copies none of their own columns, and hands readers the findings themselves indexed by counter', () => {
    const data = generatedRunData({ seed: 5, days: 10, priceStepHours: [24, 24], agentClasses: [0, 1], findingsPerDay: 2, horizonsHours: [24, 72] });
    const p = newPendingFindings(4, true);
    for (let r = 0; r < 9; r++) pushPending(p, 1, 1, 0.5, 1, 1, 24, 100, 10 + r);
    expect([p.capacity, p.agent.length, p.confidence.length, p.direction.length, p.expectedBps.length]).toEqual([16, 0, 0, 0, 0]);
    expect(p.entryClose.length).toBe(16);
    const cols = findingColumns(p, data.findings);
    expect(cols.agent).toBe(data.findings.agentId);
    expect(7 & cols.mask).toBe(7);
    const copying = newPendingFindings(4);
    pushPending(copying, 3, 2, 0.5, 1.5, -1, 24, 100, 10);
    const own = findingColumns(copying, data.findings);
    expect([own.agent[0 & own.mask], own.symbol[0], own.severityMult[0], own.direction[0]]).toEqual([3, 2, 1.5, -1]);
  });

  it('gives a run (default and seed mode, horizons due out of order) the same log and outputs as a ring that copies them', () => {
    const data = generatedRunData({ seed: 41, days: 60, priceStepHours: [24, 168, 6, 24, 24], agentClasses: [0, 1, -1, 2, 0, 1], findingsPerDay: 4, horizonsHours: [24, 72, 100], shortFraction: 0.3 });
    const t0 = data.prices.tsMs[0] as number;
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    for (const mode of ['default', 'seed'] as const) {
      const base = syntheticRunConfig(data, { startMs: t0, endMs: t0 + 59 * MS.day });
      const cfg = { ...base, mode };
      const byRow = runBacktest(data, cfg, plug, {}).state;
      const copiedStart: KernelSnapshot = { state: { ...newRunState(data, cfg), pending: newPendingFindings(1024, false) }, cursor: { pi: 0, fi: 0, ti: 0 }, counters: { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 }, stoppedAfterMs: Number.NEGATIVE_INFINITY };
      const copied = runBacktest(data, cfg, plug, {}, { resume: copiedStart }).state;
      expect(byRow.pending.byRow && !copied.pending.byRow).toBe(true);
      expect(copied.pending.useHeap).toBe(true);
      expect(logRows(expandedLog(byRow.log, data)), mode).toEqual(logRows(expandedLog(copied.log, data)));
      expect(toF64(byRow.out.equity)).toEqual(toF64(copied.out.equity));
      expect(toF64(byRow.out.targetWeight)).toEqual(toF64(copied.out.targetWeight));
      expect(byRow.out.targetTs.length).toBeGreaterThan(50);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { newPendingFindings, nextDueMs, popDue, pushPending, release, releaseInOrderTo, type PendingFindings } from '../../../engine/run/pending-findings.js';

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

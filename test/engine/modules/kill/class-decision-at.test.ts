import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classDecisionAt, evaluateKillList } from '../../../../engine/modules/kill/strategy-kill.js';
import type { KillList } from '../../../../datasets/schemas/columns.js';

describe('classDecisionAt', () => {
  it('decides as evaluateKillList for every class, in both modes (statuses in any case, thresholds met exactly, no hit rate)', () => {
    const arbEntry = fc.record(
      {
        status: fc.constantFrom('ACTIVE', 'DISABLED', 'disabled', 'Disabled', 'active'),
        maxDrawdownBps: fc.constantFrom(-250, -500, 0),
        minHitRate: fc.constantFrom(0.4, 0.5, 0),
      },
      { requiredKeys: [] },
    );
    const arbClass = fc.record({
      dd: fc.oneof(fc.constantFrom(-250, -500, 0, -251), fc.double({ min: -1000, max: 0, noNaN: true })),
      hit: fc.oneof(fc.constant(Number.NaN), fc.constantFrom(0.4, 0.5, 0), fc.double({ min: 0, max: 1, noNaN: true })),
      entry: fc.option(arbEntry, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbClass, { minLength: 1, maxLength: 5 }), fc.constantFrom('seed' as const, 'default' as const), (classes, mode) => {
        const names = classes.map((_, c) => `class_${c}`);
        const list: KillList = Object.fromEntries(classes.flatMap((c, i) => (c.entry === undefined ? [] : [[names[i] as string, c.entry]])));
        const stats = { nEvents: new Int32Array(classes.length), maxDrawdownBps: Float64Array.from(classes, (c) => c.dd), hitRate: Float64Array.from(classes, (c) => c.hit) };
        const want = evaluateKillList(stats, names, list, mode).decision;
        classes.forEach((c, i) => expect(classDecisionAt(c.dd, c.hit, names[i] as string, list, mode)).toBe(want[i]));
      }),
      { numRuns: 1000 },
    );
  });
});

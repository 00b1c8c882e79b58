import { describe, expect, it } from 'vitest';
import { compare, evaluateChecks, formatGateTable, parseCheck, parseCheckTarget, refuseWholeSweepGatesOnShard, type GateContext } from '../../../engine/sweep/checks.js';
import type { JournalResult } from '../../../engine/sweep/journal.js';
import type { NoiseVerdict } from '../../../engine/sweep/noise-vs-best.js';
import { rankSweep, type SweepRanking } from '../../../engine/sweep/rank-sweep.js';
import { resultOf } from './fixtures.js';

const rows = [resultOf('a1', { sharpe: 0.9, max_drawdown: 0.3 }), resultOf('b2', { sharpe: 0.5, max_drawdown: 0.1 }), resultOf('c3', { sharpe: null })];

/** A gate context over `rows` with the given best (the ranking by Sharpe; no base). */
const ctxOf = (best: JournalResult | null, over: Partial<GateContext> = {}): GateContext => ({ best, baseId: null, ranking: rankSweep(rows, 'sharpe', 'maximize'), ...over });

/** A ranking written by hand: ranks and verdicts by id (what rankSweep would give; the bootstrap is tested in noise-vs-best.test.ts). */
function rankingOf(ranks: Record<string, number>, verdicts: Record<string, NoiseVerdict>): SweepRanking {
  return { ranks: new Map(Object.entries(ranks)), verdicts: new Map(Object.entries(verdicts)), noise: null };
}

describe('parseCheck', () => {
  it('reads metric, operator and value with or without spaces', () => {
    expect(parseCheck('sharpe>=0.8')).toEqual({ text: 'sharpe>=0.8', metric: 'sharpe', op: '>=', value: 0.8, ref: null });
    expect(parseCheck(' var_95 < -0.1 ')).toEqual({ text: 'var_95<-0.1', metric: 'var_95', op: '<', value: -0.1, ref: null });
  });

  it('reads a threshold relative to the best or the base configuration, with an optional offset', () => {
    expect(parseCheck('sharpe >= best - 0.2')).toEqual({ text: 'sharpe>=best-0.2', metric: 'sharpe', op: '>=', value: -0.2, ref: 'best' });
    expect(parseCheck('max_drawdown<=base+0.05')).toEqual({ text: 'max_drawdown<=base+0.05', metric: 'max_drawdown', op: '<=', value: 0.05, ref: 'base' });
    expect(parseCheck('sharpe>base')).toEqual({ text: 'sharpe>base', metric: 'sharpe', op: '>', value: 0, ref: 'base' });
    expect(() => parseCheck('sharpe>=best*2')).toThrowError(/--check: expected a number, or best or base with an optional \+\/- number \(e\.g\. 'sharpe>=0\.8', 'sharpe>=best-0\.2'\), after sharpe>=, found 'sharpe>=best\*2'/);
    expect(() => parseCheck('sharpe>=worst')).toThrowError(/--check: expected a number, or best or base/);
  });

  it('reads the ranking columns rank, the Sharpe difference bounds and psr, and vs_best with == or != a verdict', () => {
    expect(parseCheck('rank<=3')).toMatchObject({ metric: 'rank', op: '<=', value: 3 });
    expect(parseCheck('sharpe_diff_vs_best_high<=-0.1')).toMatchObject({ metric: 'sharpe_diff_vs_best_high', value: -0.1 });
    expect(parseCheck('psr>=0.95')).toMatchObject({ metric: 'psr', value: 0.95 });
    expect(parseCheck('vs_best != distinct')).toEqual({ text: 'vs_best!=distinct', metric: 'vs_best', op: '!=', verdict: 'distinct' });
    expect(() => parseCheck('vs_best>=distinct')).toThrowError(/--check: expected 'vs_best==VERDICT' or 'vs_best!=VERDICT' with VERDICT one of best, within_noise, distinct, never_traded, found 'vs_best>=distinct'/);
    expect(() => parseCheck('vs_best==untested')).toThrowError(/\('untested' is no verdict: the bootstrap drew no interval, so a vs_best gate fails there\)/);
  });

  it('refuses unknown metrics with a did-you-mean, and malformed gates', () => {
    expect(() => parseCheck('sharp>=1')).toThrowError(/--check: expected a metric or results.csv column \(n, total_return, .*, rank, sharpe_diff_vs_best_low, sharpe_diff_vs_best_high, psr, vs_best\), found 'sharp'\. Did you mean 'sharpe'\?/);
    expect(() => parseCheck('sharpe=>1')).toThrowError(/--check: expected 'metric OP number'/);
    expect(() => parseCheck('sharpe>=0.8x')).toThrowError(/--check: expected a number, or best or base/);
    expect(() => parseCheck('sharpe')).toThrowError(/--check: expected 'metric OP number'/);
  });

  it('refuses a threshold that is not a decimal number: blank (an unset shell variable), hex, digits split by a space', () => {
    // 'sharpe >= $MIN' with MIN unset passed every configuration as 'sharpe>=0'
    expect(() => parseCheck('sharpe >= ')).toThrowError(/--check: expected a number, or best or base with an optional \+\/- number .*found 'sharpe >= '/);
    expect(() => parseCheck('sharpe>=0x1')).toThrowError(/--check: expected a number, or best or base/);
    expect(() => parseCheck('sharpe>=0b1')).toThrowError(/--check: expected a number, or best or base/);
    expect(() => parseCheck('sharpe>=1 2')).toThrowError(/--check: expected a number, or best or base/);
    expect(() => parseCheck('sharpe>=best-0x1')).toThrowError(/--check: expected a number, or best or base/);
    expect(parseCheck('sharpe>=.5')).toMatchObject({ value: 0.5 });
    expect(parseCheck('sharpe>=-1e-1')).toMatchObject({ value: -0.1 });
    expect(parseCheck('sharpe>=best-1E-1')).toMatchObject({ value: -0.1, ref: 'best' });
  });
});

describe('parseCheckTarget', () => {
  it('accepts best, all, base and a 12-hex id', () => {
    expect(parseCheckTarget('all')).toEqual({ kind: 'all' });
    expect(parseCheckTarget('base')).toEqual({ kind: 'base' });
    expect(parseCheckTarget('0123456789ab')).toEqual({ kind: 'config', id: '0123456789ab' });
    expect(() => parseCheckTarget('worst')).toThrowError(/--check-on: expected 'best', 'all', 'base' \(the base scenario's own settings\) or a 12-hex config id/);
  });
});

describe('compare', () => {
  it('applies each operator, == within 1e-12 relative and != its negation', () => {
    expect([compare(1, '>=', 1), compare(1, '>', 1), compare(1, '<=', 1), compare(1, '<', 1), compare(0.1 + 0.2, '==', 0.3), compare(0.1 + 0.2, '!=', 0.3), compare(1, '!=', 2)]).toEqual([true, false, true, false, true, false, true]);
  });
});

describe('evaluateChecks', () => {
  it('checks the best, all, or one configuration; a null metric fails', () => {
    const checks = [parseCheck('sharpe>=0.8'), parseCheck('max_drawdown<=0.2')];
    const best = rows[0] ?? null;
    expect(evaluateChecks(rows, checks, { kind: 'best' }, ctxOf(best)).map((g) => [g.config_id, g.passed])).toEqual([['a1', true], ['a1', false]]);
    const all = evaluateChecks(rows, checks.slice(0, 1), { kind: 'all' }, ctxOf(best));
    expect(all.map((g) => g.passed)).toEqual([true, false, false]);
    expect(all[2]?.value).toBeNull();
    expect(evaluateChecks(rows, checks, { kind: 'config', id: 'b2' }, ctxOf(best)).map((g) => g.passed)).toEqual([false, true]);
    expect(() => evaluateChecks(rows, checks, { kind: 'config', id: 'zz' }, ctxOf(best))).toThrowError(/--check-on: expected a config id of this sweep/);
  });

  it('fails every gate of a configuration that failed, under all and under its own id', () => {
    // a failed configuration has no metrics: null fails, as for a null metric (before: left out of all, and its id refused)
    const failed = { kind: 'failure' as const, config_id: 'b0', params: {}, error: 'boom' };
    const checks = [parseCheck('sharpe>=0.1')];
    expect(evaluateChecks(rows, checks, { kind: 'all' }, ctxOf(null, { failures: [failed] })).map((g) => [g.config_id, g.value, g.passed])).toEqual([
      ['a1', 0.9, true],
      ['b0', null, false],
      ['b2', 0.5, true],
      ['c3', null, false],
    ]);
    expect(evaluateChecks(rows, checks, { kind: 'config', id: 'b0' }, ctxOf(null, { failures: [failed] })).map((g) => [g.config_id, g.passed])).toEqual([['b0', false]]);
  });

  it('passes all over an empty shard and fails best when there is none', () => {
    // --shard 14/20 of a 12-configuration sweep holds no configuration: every one of its (zero) configurations meets the gate,
    // so a CI job gating each shard with --check-on all (docs/sweeps.md) does not fail on it; a missing best is still a failure
    const checks = [parseCheck('sharpe>=0.1')];
    const empty: GateContext = { best: null, baseId: null, ranking: rankSweep([], 'sharpe', 'maximize') };
    expect(evaluateChecks([], checks, { kind: 'all' }, empty).map((g) => [g.config_id, g.passed])).toEqual([['(none)', true]]);
    expect(evaluateChecks([], checks, { kind: 'best' }, empty).map((g) => [g.config_id, g.passed])).toEqual([['(none)', false]]);
  });

  it("gates the base scenario's own configuration, and refuses when the sweep does not hold it", () => {
    const checks = [parseCheck('sharpe>=0.5'), parseCheck('max_drawdown<0.1')];
    // b2: sharpe 0.5 >= 0.5 passes; max_drawdown 0.1 < 0.1 fails
    expect(evaluateChecks(rows, checks, { kind: 'base' }, ctxOf(rows[0] ?? null, { baseId: 'b2' })).map((g) => [g.config_id, g.value, g.passed])).toEqual([
      ['b2', 0.5, true],
      ['b2', 0.1, false],
    ]);
    expect(() => evaluateChecks(rows, checks, { kind: 'base' }, ctxOf(null))).toThrowError(/--check-on base: expected a sweep whose space holds the base scenario's own settings, found the base scenario's own configuration is not among this sweep's configurations\. Add the base's values to the grid/);
  });

  it("compares with the best's or the base's value plus the offset; an undefined reference fails", () => {
    const best = rows[0] ?? null; // sharpe 0.9
    // all within 0.3 of the best: a1 0.9 >= 0.6 passes, b2 0.5 < 0.6 fails, c3 (no sharpe) fails
    const near = evaluateChecks(rows, [parseCheck('sharpe>=best-0.3')], { kind: 'all' }, ctxOf(best));
    expect(near.map((g) => [g.config_id, g.threshold, g.relative_to, g.passed])).toEqual([
      ['a1', 0.9 - 0.3, 'best', true],
      ['b2', 0.9 - 0.3, 'best', false],
      ['c3', 0.9 - 0.3, 'best', false],
    ]);
    // the best beats the base (b2, 0.5) by at least 0.35 (0.9 >= 0.85) but not by 0.45 (0.9 < 0.95)
    const beats = evaluateChecks(rows, [parseCheck('sharpe>=base+0.35'), parseCheck('sharpe>=base+0.45')], { kind: 'best' }, ctxOf(best, { baseId: 'b2' }));
    expect(beats.map((g) => [g.threshold, g.passed])).toEqual([
      [0.5 + 0.35, true],
      [0.5 + 0.45, false],
    ]);
    // a base whose metric is undefined (c3): no threshold, so the gate fails rather than pass unseen
    expect(evaluateChecks(rows, [parseCheck('sharpe>=base')], { kind: 'best' }, ctxOf(best, { baseId: 'c3' })).map((g) => [g.threshold, g.passed])).toEqual([[null, false]]);
    // named by the gate that asked for the base, not by a --check-on base the user never gave
    expect(() => evaluateChecks(rows, [parseCheck('sharpe>=base')], { kind: 'best' }, ctxOf(best))).toThrowError(/^--check sharpe>=base: expected a sweep whose space holds/);
  });

  it('gates rank and vs_best from the ranking; no verdict (untested, n/a, no rank) fails either operator', () => {
    const ranking = rankingOf(
      { a1: 1, b2: 2, c3: 3 },
      {
        a1: { vsBest: 'best', low: null, high: null },
        b2: { vsBest: 'within_noise', low: -0.4, high: 0.1 },
        c3: { vsBest: 'untested', low: null, high: null },
      },
    );
    const ctx = ctxOf(rows[0] ?? null, { ranking, baseId: 'b2' });
    expect(evaluateChecks(rows, [parseCheck('rank<=2')], { kind: 'base' }, ctx).map((g) => [g.value, g.passed])).toEqual([[2, true]]);
    const notDistinct = evaluateChecks(rows, [parseCheck('vs_best!=distinct')], { kind: 'all' }, ctx);
    expect(notDistinct.map((g) => [g.config_id, g.value, g.passed])).toEqual([
      ['a1', 'best', true],
      ['b2', 'within_noise', true],
      ['c3', 'untested', false],
    ]);
    expect(evaluateChecks(rows, [parseCheck('vs_best==within_noise')], { kind: 'base' }, ctx).map((g) => g.passed)).toEqual([true]);
    // the interval's upper end: the best beats b2 by more than 0.05 only if high <= -0.05 (it is +0.1)
    expect(evaluateChecks(rows, [parseCheck('sharpe_diff_vs_best_high<=-0.05'), parseCheck('sharpe_diff_vs_best_low>=-0.5')], { kind: 'base' }, ctx).map((g) => [g.value, g.passed])).toEqual([
      [0.1, false],
      [-0.4, true],
    ]);
    // a failed configuration has no verdict
    const failed = { kind: 'failure' as const, config_id: 'b0', params: {}, error: 'boom' };
    expect(evaluateChecks(rows, [parseCheck('vs_best!=distinct')], { kind: 'config', id: 'b0' }, { ...ctx, failures: [failed] }).map((g) => [g.value, g.passed])).toEqual([[null, false]]);
  });
});

describe('refuseWholeSweepGatesOnShard', () => {
  it('refuses base, ranking columns and relative thresholds on a shard, and lets its own figures through', () => {
    expect(() => refuseWholeSweepGatesOnShard([parseCheck('sharpe>=0.5')], { kind: 'base' }, '1/2')).toThrowError(/--check-on: expected a target a shard can gate \(all, best of its slice, or a config id\), not base on shard 1\/2, found 'base'\. Gate it on the output of bt merge/);
    for (const c of ['rank<=3', 'vs_best!=distinct', 'sharpe_diff_vs_best_low>=-0.2', 'sharpe>=best-0.2', 'sharpe>=base']) {
      expect(() => refuseWholeSweepGatesOnShard([parseCheck('n>=1'), parseCheck(c)], { kind: 'all' }, '2/3'), c).toThrowError(new RegExp(`--check: expected a gate a shard can evaluate on shard 2/3 .*, found '${c.replace(/[+]/g, '\\+')}'`));
    }
    expect(() => refuseWholeSweepGatesOnShard([parseCheck('sharpe>=0.5'), parseCheck('psr>=0.9')], { kind: 'all' }, '1/2')).not.toThrow();
    expect(() => refuseWholeSweepGatesOnShard([], { kind: 'base' }, '1/2')).not.toThrow();
  });
});

describe('formatGateTable', () => {
  it('lines up result, check, config, metric, value and threshold', () => {
    const t = formatGateTable(evaluateChecks(rows, [parseCheck('sharpe>=0.8')], { kind: 'all' }, ctxOf(null)));
    expect(t.split('\n')).toEqual([
      'result  check        config_id  metric  value  threshold',
      'pass    sharpe>=0.8  a1         sharpe  0.9    0.8',
      'FAIL    sharpe>=0.8  b2         sharpe  0.5    0.8',
      'FAIL    sharpe>=0.8  c3         sharpe  n/a    0.8',
    ]);
  });
});

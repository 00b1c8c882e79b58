import { describe, expect, it } from 'vitest';
import { inertParamNote, inertSweptParams } from '../../../engine/sweep/inert-params.js';
import type { JournalResult } from '../../../engine/sweep/journal.js';

/** A result whose curve is `equity` at times 1, 2, 3 (metrics are not read). */
function row(id: string, params: Record<string, number | string>, equity: number[]): JournalResult {
  return { kind: 'result', config_id: id, params, metrics: {} as JournalResult['metrics'], curve: { ts: equity.map((_, i) => i + 1), equity } };
}

describe('inertSweptParams', () => {
  it('names a path whose values give the same curve under every setting of the others, and not one that moves a curve', () => {
    // the curve depends on b only: a changes nothing, b does
    const rows = [
      row('1', { a: 1, b: 'x' }, [100, 101, 102]),
      row('2', { a: 2, b: 'x' }, [100, 101, 102]),
      row('3', { a: 1, b: 'y' }, [100, 99, 98]),
      row('4', { a: 2, b: 'y' }, [100, 99, 98]),
    ];
    expect(inertSweptParams(['a', 'b'], rows)).toEqual([{ path: 'a', values: ['1', '2'], compared_under: 2 }]);
    expect(inertParamNote(inertSweptParams(['a', 'b'], rows)[0] as never)).toBe('a: its values 1, 2 gave the same equity curve under each of the 2 settings of the other swept paths: on this data it changes nothing');
  });

  it('is not fooled by one setting where the path happens to change nothing', () => {
    const rows = [
      row('1', { a: 1, b: 'x' }, [100, 101]),
      row('2', { a: 2, b: 'x' }, [100, 101]),
      row('3', { a: 1, b: 'y' }, [100, 99]),
      row('4', { a: 2, b: 'y' }, [100, 99.5]),
    ];
    expect(inertSweptParams(['a', 'b'], rows)).toEqual([]);
  });

  it('compares nothing where a failed configuration left one value, and skips a path with one value', () => {
    // config 2 failed (absent): under b = x only a = 1 is left; under b = y both values agree, so a is inert under 1 setting
    const rows = [row('1', { a: 1, b: 'x' }, [100, 101]), row('3', { a: 1, b: 'y' }, [100, 99]), row('4', { a: 2, b: 'y' }, [100, 99])];
    expect(inertSweptParams(['a', 'b'], rows)).toEqual([{ path: 'a', values: ['1', '2'], compared_under: 1 }]);
    expect(inertSweptParams(['a'], [row('1', { a: 1 }, [1, 2])])).toEqual([]);
  });

  it('counts curves that differ only in their last bits as the same, and a difference of a millionth as a change', () => {
    // 1e6 * (1 + 1e-13): what reordered floating-point operations leave (bt init's daily desk: Sharpe within 3e-14)
    const bits = [row('1', { a: 1 }, [1e6, 1e6 + 1]), row('2', { a: 2 }, [1e6 * (1 + 1e-13), 1e6 + 1])];
    expect(inertSweptParams(['a'], bits)).toEqual([{ path: 'a', values: ['1', '2'], compared_under: 1 }]);
    const moved = [row('1', { a: 1 }, [1e6, 1e6 + 1]), row('2', { a: 2 }, [1e6, 1e6 + 1 + 1])];
    expect(inertSweptParams(['a'], moved)).toEqual([]);
    const broken = [row('1', { a: 1 }, [1e6, NaN]), row('2', { a: 2 }, [1e6, NaN])];
    expect(inertSweptParams(['a'], broken)).toEqual([]);
  });

  it('tells curves apart by a time stamp as well as by a value', () => {
    const r1 = row('1', { a: 1 }, [100, 101]);
    const r2: JournalResult = { ...row('2', { a: 2 }, [100, 101]), curve: { ts: [1, 3], equity: [100, 101] } };
    expect(inertSweptParams(['a'], [r1, r2])).toEqual([]);
  });
});

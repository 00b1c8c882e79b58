import { describe, expect, it } from 'vitest';
import { BtInputError, computeMetrics, sweep, toArquero, writeRun } from '../../../engine/index.js';
import { computeMetrics as coreMetrics } from '../../../engine/metrics/compute-metrics.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

// A notebook calls the library from plain JavaScript: a wrong argument must be a BtInputError
// naming it, not a TypeError from deep inside (the library audit: computeMetrics(), toArquero(null)
// and writeRun(null) threw "Cannot read properties of undefined").
const bad = (f: () => unknown): string => inputErrorMessage(f);

describe('the library refuses wrong arguments with an input error naming them', () => {
  it('computeMetrics: the series, each return and each option', () => {
    expect(bad(() => computeMetrics(undefined as never, { periodsPerYear: 252 }))).toBe('returns: expected a Float64Array or an array of simple returns, found nothing (an empty value)');
    expect(bad(() => computeMetrics([0.01, '0.02'] as never, { periodsPerYear: 252 }))).toBe("returns[1]: expected a number (a simple return), found '0.02'");
    expect(bad(() => computeMetrics([0.01, Number.NaN], { periodsPerYear: 252 }))).toBe('returns[1]: expected a finite simple return, found NaN');
    expect(bad(() => computeMetrics([0.01], undefined as never))).toMatch(/^opts: expected an options object with periodsPerYear/);
    expect(bad(() => computeMetrics([0.01], {} as never))).toMatch(/^opts\.periodsPerYear: expected a number > 0 .*, found nothing/);
    expect(bad(() => computeMetrics([0.01], { periodsPerYear: 252, level: 0.3 }))).toBe('opts.level: expected a number in (0.5, 1), found 0.3');
    expect(bad(() => computeMetrics([0.01], { periodsPerYear: 252, tail: 'pa' as never }))).toBe("opts.tail: expected one of performance-analytics, empyrical, found 'pa'");
    expect(bad(() => computeMetrics([0.01], { periodsPerYear: 252, drawdownSign: 'up' as never }))).toBe("opts.drawdownSign: expected one of positive, negative, found 'up'");
  });

  it('computeMetrics takes a plain array as the Float64Array it holds', () => {
    const r = [0.01, -0.02, 0.015, 0.003, -0.007];
    expect(computeMetrics(r, { periodsPerYear: 12 })).toEqual(coreMetrics(Float64Array.from(r), { periodsPerYear: 12 }));
  });

  it('toArquero, writeRun and sweep', async () => {
    expect(bad(() => toArquero(null as never))).toMatch(/^table: expected an apache-arrow Table .* or Arrow IPC bytes, found nothing/);
    await expect(writeRun(null as never, '/nonexistent/out')).rejects.toBeInstanceOf(BtInputError);
    await expect(writeRun({} as never, '/nonexistent/out')).rejects.toThrow('result: expected a result of runScenario, found an empty mapping');
    expect(bad(() => sweep(null as never))).toBe('path: expected the path of a sweep YAML file, found nothing (an empty value)');
  });
});

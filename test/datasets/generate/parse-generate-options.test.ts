import { describe, expect, it } from 'vitest';
import { BtInputError } from '../../../engine/core/errors.js';
import { parseFreqMs, parseGenerateOptions, parseUtcMs } from '../../../datasets/generate/parse-generate-options.js';

describe('parseFreqMs', () => {
  it('reads a count and a unit m, h, d or w', () => {
    expect(['15m', '1h', '4h', '1d', '1w'].map(parseFreqMs)).toEqual([900_000, 3_600_000, 14_400_000, 86_400_000, 604_800_000]);
    expect(['0h', 'h', '1y', '1.5h', ' 1h'].map(parseFreqMs)).toEqual([null, null, null, null, null]);
  });
});

describe('parseUtcMs', () => {
  it('reads dates as 00:00 UTC and moves an end date to the next midnight', () => {
    expect(parseUtcMs('2022-01-01', false)).toBe(Date.UTC(2022, 0, 1));
    expect(parseUtcMs('2023-12-31', true)).toBe(Date.UTC(2024, 0, 1));
    expect(parseUtcMs('2022-01-01T06:30Z', false)).toBe(Date.UTC(2022, 0, 1, 6, 30));
    expect(parseUtcMs('2022-02-30', false)).toBe(null);
    expect(parseUtcMs('01/02/2022', false)).toBe(null);
  });
  it('refuses a date-time whose day or hour does not exist, which Date.parse rolled over to the next day', () => {
    expect(parseUtcMs('2022-02-30T00:00Z', false)).toBe(null);
    expect(parseUtcMs('2022-01-01T24:00Z', false)).toBe(null);
    expect(parseUtcMs('2022-01-01T23:59:60Z', false)).toBe(null);
  });
});

describe('parseGenerateOptions', () => {
  it('fills the defaults: 2 years hourly, 12 agents, 20 symbols', () => {
    const o = parseGenerateOptions({ seed: '3' }, false);
    expect([o.seed, o.agents, o.symbols, o.freqMs, o.horizonHours, o.findingsPerAgentPerBar]).toEqual([3, 12, 20, 3_600_000, 24, 0.5]);
    expect((o.endMs - o.startMs) / 3_600_000).toBe(2 * 365 * 24);
  });

  it('lists every bad flag with what it expected', () => {
    let err: unknown;
    try {
      parseGenerateOptions({ seed: '-1', agents: '3', freq: '1y', end: '2021-01-01' }, false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BtInputError);
    expect((err as BtInputError).message.split('\n')).toEqual([
      '--seed: expected an integer >= 0, found "-1"',
      '--agents: expected an integer in [6, 100000] (at least one agent per strategy class: arb, funding, macro, momentum, meanrev, sentiment), found "3"',
      '--freq: expected a count and a unit m, h, d or w (e.g. 15m, 1h, 1d), found "1y"',
      '--end: expected a time after --start (2022-01-01), found "2021-01-01"',
    ]);
  });

  it('requires --seed', () => {
    expect(() => parseGenerateOptions({}, false)).toThrow('--seed: expected an integer >= 0, found nothing. Pass --seed N.');
  });

  it('skips the simulation flags when prices are given', () => {
    expect(parseGenerateOptions({ seed: '1', freq: 'bad' }, true).seed).toBe(1);
  });

  it('needs a horizon of at least one bar', () => {
    expect(() => parseGenerateOptions({ seed: '1', freq: '1d', horizonHours: '12' }, false)).toThrow(
      '--horizon-hours: expected at least one bar (--freq 1d), found "12"',
    );
  });
});

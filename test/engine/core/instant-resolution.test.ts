import { describe, expect, it } from 'vitest';
import { instantLabel, instantResolution, isoInstant } from '../../../engine/core/instant-resolution.js';

const t = (iso: string): number => Date.parse(iso);

describe('instantResolution', () => {
  it('is the finest unit any instant needs, over every series given', () => {
    expect(instantResolution([t('2022-01-03T00:00:00Z'), t('2022-01-04T00:00:00Z')])).toBe('day');
    expect(instantResolution([])).toBe('day');
    // one instant off midnight puts the whole set at minutes
    expect(instantResolution([t('2022-01-03T00:00:00Z')], [t('2022-01-03T05:00:00Z')])).toBe('minute');
    expect(instantResolution([t('2022-01-03T00:00:00Z'), t('2022-01-03T00:00:30Z'), t('2022-01-03T05:00:00Z')])).toBe('second');
    expect(instantResolution([t('2022-01-03T05:00:00Z'), t('2022-01-03T05:00:00.250Z')])).toBe('ms');
    // before 1970 (negative epoch ms) the same
    expect(instantResolution([t('1969-12-31T00:00:00Z')])).toBe('day');
    expect(instantResolution([t('1969-12-31T23:59:30Z')])).toBe('second');
  });
});

describe('isoInstant and instantLabel', () => {
  it('print an instant at the resolution given, midnight included when the set needs a time of day', () => {
    const ms = t('2022-01-03T00:00:00Z');
    expect([isoInstant(ms, 'day'), isoInstant(ms, 'minute'), isoInstant(ms, 'second'), isoInstant(ms, 'ms')]).toEqual(['2022-01-03', '2022-01-03T00:00Z', '2022-01-03T00:00:00Z', '2022-01-03T00:00:00.000Z']);
    const odd = t('2022-01-03T05:07:09.250Z');
    expect([instantLabel(odd, 'minute'), instantLabel(odd, 'second'), instantLabel(odd, 'ms')]).toEqual(['2022-01-03 05:07', '2022-01-03 05:07:09', '2022-01-03 05:07:09.250']);
    expect(instantLabel(ms, 'day')).toBe('2022-01-03');
  });
});

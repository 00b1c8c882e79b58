import { describe, expect, it } from 'vitest';
import { parseIsoDateMs, readReturnTable } from '../../../engine/cli/metrics-input.js';

describe('parseIsoDateMs', () => {
  it('reads dates and UTC date-times', () => {
    expect(parseIsoDateMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDateMs('2024-02-29T12:30:15.5Z')).toBe(Date.UTC(2024, 1, 29, 12, 30, 15, 500));
    expect(parseIsoDateMs('2024-02-29 12:30+00:00')).toBe(Date.UTC(2024, 1, 29, 12, 30));
  });
  it('refuses a day, hour, minute or second out of range rather than rolling it over into another time', () => {
    for (const s of ['2023-02-29', '2024-01-01T24:00', '2024-01-01T12:60', '2024-01-01T12:30:60Z']) expect([s, parseIsoDateMs(s)]).toEqual([s, Number.NaN]);
  });
  it('reads years 0000-0099 as written, not as 1900-1999 (Python: datetime(50, 1, 1) - datetime(1970, 1, 1))', () => {
    expect(parseIsoDateMs('0050-01-01')).toBe(-60_589_296_000_000);
  });
});

describe('readReturnTable', () => {
  it.each(['lz4', 'zstd'])('reads %s-compressed prices as the uncompressed file (it said the file was not Arrow IPC)', (codec) => {
    const read = (variant: string) => readReturnTable(`test/fixtures/arrow/codecs/prices-${variant}.arrow`, { prices: true });
    const { file: _f, ...compressed } = read(codec);
    const { file: _u, ...uncompressed } = read('uncompressed');
    expect(compressed).toEqual(uncompressed);
    expect(compressed.rowTsMs.length).toBe(12);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flushCsvSink, openCsvByteSink, putNumber, putSeparator, putText } from '../../../engine/io/csv-byte-sink.js';

/** The text a sink of `bufferBytes` bytes gives for `fill` (a small buffer flushes mid-line and grows for a long cell). */
function sinkText(bufferBytes: number, fill: (s: ReturnType<typeof openCsvByteSink>) => void): string {
  const pieces: Buffer[] = [];
  const s = openCsvByteSink((b) => pieces.push(Buffer.from(b)), bufferBytes);
  fill(s);
  flushCsvSink(s);
  return Buffer.concat(pieces).toString('utf8');
}

// docs/outputs.md#csv-files: numbers as JavaScript's String(x) gives them, '' for what is not a finite number
const cellOf = (x: number): string => (Number.isFinite(x) ? String(x) : '');

const EDGES = [0, -0, 1, -1, 9, 10, -10, 99, 100, 2147483647, -2147483647, -2147483648, 2147483648, -2147483649, 4294967295, 2 ** 53, -(2 ** 53), 1e21, -1e21, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, -5e-324, 1e-7, -1e-7, 0.1 + 0.2, 123456789.125, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('putNumber', () => {
  it('writes each number as String(x): -0 as 0, int32 bounds and the integers past them, extreme magnitudes; nothing for NaN or an infinity', () => {
    const text = sinkText(16, (s) => {
      for (const x of EDGES) {
        putNumber(s, x);
        putSeparator(s, false);
      }
    });
    expect(text).toBe(EDGES.map((x) => `${cellOf(x)},`).join(''));
  });

  it('gives the digits String(x) gives for any double or integer, whatever the buffer size', () => {
    const number = fc.oneof(fc.double(), fc.integer({ min: -(2 ** 31) - 10, max: 2 ** 31 + 10 }), fc.maxSafeInteger());
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (xs, bytes) => {
        const text = sinkText(bytes, (s) => {
          for (const [k, x] of xs.entries()) {
            putNumber(s, x);
            putSeparator(s, k === xs.length - 1);
          }
        });
        expect(text).toBe(xs.length === 0 ? '' : `${xs.map(cellOf).join(',')}\n`);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('putText', () => {
  it('writes text as UTF-8, growing the buffer for a cell longer than it', () => {
    const long = 'é€😀'.repeat(50);
    expect(sinkText(4, (s) => putText(s, `a,${long}`))).toBe(`a,${long}`);
  });
});

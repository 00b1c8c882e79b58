import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { decodeSnapshotValue, encodeSnapshotValue } from '../../../engine/io/snapshot-codec.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

// One field whose representation V8 widens (small int -> double) once any instance holds a fraction.
class Holder {
  cash: number;
  constructor(cash: number) {
    this.cash = cash;
  }
}

describe('snapshot codec', () => {
  it("writes the same bytes for the same values whatever V8's history: v8.serialize did not", () => {
    const before = new Holder(1);
    const v8Before = serialize(before);
    const ours = encodeSnapshotValue(before);
    // a fraction in the field widens it to a double, so a new holder of 1 is held as 1.0
    new Holder(0.5);
    const after = new Holder(1);
    expect(Buffer.compare(serialize(after), v8Before)).not.toBe(0);
    expect(encodeSnapshotValue(after).equals(ours)).toBe(true);
    expect(encodeSnapshotValue(before).equals(ours)).toBe(true);
  });

  it('gives back the values, shared objects and typed arrays sharing one buffer as they were shared', () => {
    const buf = new ArrayBuffer(64);
    const whole = new Float64Array(buf);
    whole.set([1.5, -0, Number.NaN, 4, 5, 6, 7, 8]);
    const tail = new Float64Array(buf, 16, 3);
    const bytes = new Uint8Array(buf, 8, 4);
    const shared = { k: 'ß→✓', n: -0 };
    const value = { a: [1, 'two', null, true, false, undefined, shared], views: [whole, tail, bytes, whole], again: shared, ints: Int32Array.from([-1, 2 ** 31 - 1]), big: 2 ** 53 + 2, tiny: 5e-324 };
    const got = decodeSnapshotValue(encodeSnapshotValue(value), 's.bin') as typeof value;
    expect(got.again).toBe(got.a[6]);
    expect(Object.is((got.again as { n: number }).n, -0)).toBe(true);
    expect((got.again as { k: string }).k).toBe('ß→✓');
    expect(got.a.slice(0, 6)).toEqual([1, 'two', null, true, false, undefined]);
    const [w, t, b, w2] = got.views as [Float64Array, Float64Array, Uint8Array, Float64Array];
    expect(w2).toBe(w);
    expect(t.buffer).toBe(w.buffer);
    expect(b.buffer).toBe(w.buffer);
    expect([t.byteOffset, t.length, b.byteOffset, b.length]).toEqual([16, 3, 8, 4]);
    expect(Object.is(w[1], -0) && Number.isNaN(w[2])).toBe(true);
    w[2] = 9;
    expect(t[0]).toBe(9);
    expect(Array.from(got.ints)).toEqual([-1, 2 ** 31 - 1]);
    expect([got.big, got.tiny]).toEqual([2 ** 53 + 2, 5e-324]);
  });

  it('refuses a cut-short state, naming the file and the byte', () => {
    const bytes = encodeSnapshotValue({ a: [1, 2, 3], s: 'text' });
    const message = inputErrorMessage(() => decodeSnapshotValue(bytes.subarray(0, bytes.length - 3), 'cut.snapshot'));
    expect(message).toContain('cut.snapshot');
    expect(message).toMatch(/cut short at byte \d+/);
  });

  it('refuses what is not plain data instead of writing something that reads back otherwise', () => {
    expect(() => encodeSnapshotValue({ m: new Map() })).toThrow(/state\.m is not plain data/);
    expect(() => encodeSnapshotValue({ f: () => 1 })).toThrow(/state\.f is a function/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => encodeSnapshotValue([1, , 3])).toThrow(/state\[1\] is a hole/);
  });
});

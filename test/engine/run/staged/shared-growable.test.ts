import { describe, expect, it } from 'vitest';
import { newSharedArray, withSharedRoomFor } from '../../../../engine/run/staged/shared-growable.js';

describe('withSharedRoomFor', () => {
  it('returns the array itself while it has room, else a shared copy of its class doubled until it does, values kept', () => {
    const a = newSharedArray(Int32Array, 3);
    expect(a.buffer instanceof SharedArrayBuffer).toBe(true);
    a.set([7, -2, 9]);
    expect(withSharedRoomFor(a, 3)).toBe(a);
    const b = withSharedRoomFor(a, 13);
    expect(b).toBeInstanceOf(Int32Array);
    expect(b.buffer instanceof SharedArrayBuffer).toBe(true);
    expect(b.length).toBe(24); // 3 -> 6 -> 12 -> 24
    expect(Array.from(b.subarray(0, 4))).toEqual([7, -2, 9, 0]);
    const f = withSharedRoomFor(newSharedArray(Float64Array, 0), 5);
    expect(f).toBeInstanceOf(Float64Array);
    expect(f.length).toBe(8); // from 1
    expect(f.buffer instanceof SharedArrayBuffer).toBe(true);
  });
});

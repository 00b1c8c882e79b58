/**
 * Typed arrays in shared memory that grow by doubling, for the tapes a sweep's worker records
 * (pairs-tape.ts, vector-tape.ts). A tape recorded straight into SharedArrayBuffers is posted
 * to the main thread and on to the replaying workers as it stands: no trimmed copy at the end
 * and no second copy into shared memory (engine/sweep/share-tape.ts keeps arrays already
 * shared). On M the targets stage's pairs alone are ~24 MB a recording; the two copies cost the
 * recording worker ~0.1-0.3 s, most of it faulting in fresh pages.
 */

type Shareable = Uint8Array | Int32Array | Float64Array;

/** The typed-array classes a shared column can have. */
type ShareableClass<T extends Shareable> = { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** Returns a zeroed array of `n` elements of `ctor` in a SharedArrayBuffer of its own. */
export function newSharedArray<T extends Shareable>(ctor: ShareableClass<T>, n: number): T {
  return new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT));
}

/** `a` when it holds `need` values, else a shared copy doubled until it does (appends stay amortized O(1)). */
export function withSharedRoomFor<T extends Shareable>(a: T, need: number): T {
  if (a.length >= need) return a;
  let cap = Math.max(1, a.length);
  while (cap < need) cap *= 2;
  const b = newSharedArray(a.constructor as ShareableClass<T>, cap); // the array's own class, so the copy has its type
  b.set(a as never); // same element type by construction
  return b;
}

/**
 * Output arrays of a batch-by-batch reader, reused from one batch to the next (one buffer per
 * column, grown when a batch is larger): for a pass whose caller is done with each batch
 * before it reads the next (a run's first pass checks rows and keeps only names and the time
 * range), so decoding allocates, zero-fills and collects no per-batch arrays.
 */
export class ScratchColumns {
  private readonly f64s = new Map<string, Float64Array<ArrayBuffer>>();
  private readonly i32s = new Map<string, Int32Array<ArrayBuffer>>();
  private readonly i8s = new Map<string, Int8Array<ArrayBuffer>>();

  /** The first n values of column `name`'s Float64 buffer (contents undefined: the caller writes all n). */
  f64(name: string, n: number): Float64Array<ArrayBuffer> {
    return view(this.f64s, name, n, (len) => new Float64Array(len));
  }

  /** The first n values of column `name`'s Int32 buffer (contents undefined). */
  i32(name: string, n: number): Int32Array<ArrayBuffer> {
    return view(this.i32s, name, n, (len) => new Int32Array(len));
  }

  /** The first n values of column `name`'s Int8 buffer (contents undefined). */
  i8(name: string, n: number): Int8Array<ArrayBuffer> {
    return view(this.i8s, name, n, (len) => new Int8Array(len));
  }
}

function view<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Int8Array<ArrayBuffer>>(bufs: Map<string, T>, name: string, n: number, make: (len: number) => T): T {
  let buf = bufs.get(name);
  if (buf === undefined || buf.length < n) {
    buf = make(Math.max(n, (buf?.length ?? 0) * 2));
    bufs.set(name, buf);
  }
  return buf.subarray(0, n) as T;
}

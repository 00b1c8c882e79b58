import { BtInputError } from '../core/errors.js';

/**
 * The byte format of a kernel snapshot's state: plain data (null, booleans, numbers, strings,
 * arrays, objects, typed arrays) with shared references and shared buffers kept. Every number
 * is written as a float64, so the bytes are a function of the values alone. v8.serialize, used
 * before, wrote an integer as a small int or a double depending on how V8 happened to hold the
 * field, which follows what ran before in the process: the same snapshot hashed differently in
 * a fresh process and after another run.
 *
 * Layout (little-endian): one tag byte, then
 *   NULL, UNDEFINED, FALSE, TRUE: nothing
 *   NUMBER: f64
 *   STRING: u32 byte length, UTF-8 bytes
 *   ARRAY: u32 length, the elements            (gets the next object id)
 *   OBJECT: u32 key count, (STRING key, value)* in own-key order   (gets the next object id)
 *   REF: u32 object id of an array, object or view met before
 *   VIEW: u8 kind, u32 buffer id, [u32 byte length, the buffer's bytes: the first time the
 *         buffer is met], u32 byte offset, u32 element count   (gets the next object id)
 */
const TAG = { Null: 0, Undefined: 1, False: 2, True: 3, Number: 4, String: 5, Array: 6, Object: 7, Ref: 8, View: 9 } as const;

type ViewConstructor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Int8ArrayConstructor | Uint8ArrayConstructor | Uint8ClampedArrayConstructor;

/** The typed arrays a snapshot may hold, by their kind byte (their order is the format: append only). */
const VIEW_KINDS: readonly ViewConstructor[] = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray];

/** A growable byte sink. */
class ByteWriter {
  private buf = Buffer.alloc(1 << 16);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }

  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32LE(v, this.at);
    this.at += 4;
  }

  f64(v: number): void {
    this.room(8);
    this.buf.writeDoubleLE(v, this.at);
    this.at += 8;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  string(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.u32(n);
    this.room(n);
    this.buf.write(s, this.at, 'utf8');
    this.at += n;
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

/** Returns the bytes of `value` (snapshot-codec.ts's format); throws on anything but plain data. */
export function encodeSnapshotValue(value: unknown): Buffer {
  const w = new ByteWriter();
  const objectIds = new Map<object, number>();
  const bufferIds = new Map<ArrayBufferLike, number>();
  const write = (x: unknown, path: string): void => {
    if (x === null) return w.u8(TAG.Null);
    if (x === undefined) return w.u8(TAG.Undefined);
    if (typeof x === 'boolean') return w.u8(x ? TAG.True : TAG.False);
    if (typeof x === 'number') {
      w.u8(TAG.Number);
      return w.f64(x);
    }
    if (typeof x === 'string') {
      w.u8(TAG.String);
      return w.string(x);
    }
    if (typeof x !== 'object') throw new Error(`snapshot: ${path} is a ${typeof x}, not plain data`);
    const id = objectIds.get(x);
    if (id !== undefined) {
      w.u8(TAG.Ref);
      return w.u32(id);
    }
    objectIds.set(x, objectIds.size);
    if (ArrayBuffer.isView(x)) {
      const kind = VIEW_KINDS.findIndex((c) => x.constructor === c);
      if (kind < 0) throw new Error(`snapshot: ${path} is a ${x.constructor.name}, not a typed array the format knows`);
      w.u8(TAG.View);
      w.u8(kind);
      const known = bufferIds.get(x.buffer);
      w.u32(known ?? bufferIds.size);
      if (known === undefined) {
        bufferIds.set(x.buffer, bufferIds.size);
        w.u32(x.buffer.byteLength);
        w.bytes(new Uint8Array(x.buffer));
      }
      w.u32(x.byteOffset);
      return w.u32((x as Float64Array).length);
    }
    if (Array.isArray(x)) {
      w.u8(TAG.Array);
      w.u32(x.length);
      for (let i = 0; i < x.length; i++) {
        if (!(i in x)) throw new Error(`snapshot: ${path}[${i}] is a hole`);
        write(x[i], `${path}[${i}]`);
      }
      return;
    }
    const proto = Object.getPrototypeOf(x) as unknown;
    if (x instanceof Map || x instanceof Set || x instanceof Date || x instanceof RegExp || proto === null) throw new Error(`snapshot: ${path} is not plain data`);
    const keys = Object.keys(x);
    w.u8(TAG.Object);
    w.u32(keys.length);
    for (const k of keys) {
      w.string(k);
      write((x as Record<string, unknown>)[k], `${path}.${k}`);
    }
  };
  write(value, 'state');
  return w.done();
}

/** Returns the value `bytes` encode (encodeSnapshotValue); a truncated or foreign byte string is a BtInputError naming `file`. */
export function decodeSnapshotValue(bytes: Uint8Array, file: string): unknown {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const objects: unknown[] = [];
  const buffers: ArrayBuffer[] = [];
  let at = 0;
  const bad = (what: string): never => {
    throw new BtInputError({ file, expected: 'a snapshot written by bt run --snapshot', found: `${what} at byte ${at} of its state` });
  };
  const need = (n: number): void => {
    if (at + n > data.length) bad('the state cut short');
  };
  const u32 = (): number => {
    need(4);
    const v = data.readUInt32LE(at);
    at += 4;
    return v;
  };
  const str = (): string => {
    const n = u32();
    need(n);
    const s = data.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  const read = (): unknown => {
    need(1);
    const tag = data[at++] as number;
    switch (tag) {
      case TAG.Null:
        return null;
      case TAG.Undefined:
        return undefined;
      case TAG.False:
        return false;
      case TAG.True:
        return true;
      case TAG.Number: {
        need(8);
        const v = data.readDoubleLE(at);
        at += 8;
        return v;
      }
      case TAG.String:
        return str();
      case TAG.Ref: {
        const id = u32();
        return id < objects.length ? objects[id] : bad(`a reference to object ${id} not yet read`);
      }
      case TAG.Array: {
        const n = u32();
        const arr: unknown[] = [];
        objects.push(arr);
        for (let i = 0; i < n; i++) arr.push(read());
        return arr;
      }
      case TAG.Object: {
        const n = u32();
        const obj: Record<string, unknown> = {};
        objects.push(obj);
        for (let i = 0; i < n; i++) {
          const k = str();
          obj[k] = read();
        }
        return obj;
      }
      case TAG.View: {
        need(1);
        const View = VIEW_KINDS[data[at++] as number] ?? bad('an unknown typed array kind');
        const bufferId = u32();
        if (bufferId === buffers.length) {
          const n = u32();
          need(n);
          const buf = new ArrayBuffer(n);
          new Uint8Array(buf).set(data.subarray(at, at + n));
          at += n;
          buffers.push(buf);
        } else if (bufferId > buffers.length) bad(`buffer ${bufferId} before buffer ${buffers.length}`);
        const buf = buffers[bufferId] as ArrayBuffer;
        const offset = u32();
        const length = u32();
        if (offset % View.BYTES_PER_ELEMENT !== 0 || offset + length * View.BYTES_PER_ELEMENT > buf.byteLength) bad('a typed array outside its buffer');
        const view = new View(buf, offset, length);
        objects.push(view);
        return view;
      }
      default:
        return bad(`tag ${String(tag)}`);
    }
  };
  const value = read();
  if (at !== data.length) bad('bytes after the state');
  return value;
}

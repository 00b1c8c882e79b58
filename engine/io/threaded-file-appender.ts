/**
 * A file appended to and hashed on a worker thread, so the replay does not wait for the disk
 * or for sha256 (on workload M, events.arrow is 611 MB: 2.3 s of write(2) and 0.4 s of hashing
 * were on the main thread). The main thread copies bytes into a ring of blocks in a
 * SharedArrayBuffer; the worker writes each full block to the file and hashes it, in order,
 * so the file and its hash are the bytes appended, whatever the threads' timing.
 *
 * Full blocks go to the disk by direct I/O (O_DIRECT) where the file system takes it: on this
 * project's VM a buffered write of a fresh 611 MB file cost 1.5-1.9 s of kernel time (new page
 * cache pages, which the hypervisor maps one by one after the guest reported them free), a
 * direct one 0.05 s. Direct I/O needs block-aligned memory, lengths and offsets; JS cannot see
 * an address, so the main thread probes which offset of the shared buffer the kernel accepts.
 * The last, partial block (and every block, where direct I/O is refused) is a buffered write.
 *
 * A file smaller than one block never starts a thread: it is written and hashed on the main
 * thread at finish (small runs pay no thread start). Every block counts as one write op of
 * outputFs on the main thread, in the order a single-threaded writer would write it, so the
 * fault plan's k-th write is the same op either way.
 *
 * The main thread is synchronous (the replay spills batches as it goes): it can only learn of
 * the worker through shared memory. The worker reports a failed write there (code, syscall);
 * a worker that does not start or dies without a word is caught by a bounded wait: no
 * progress for `stallMs` ends in an error naming the file, never in a hang.
 */
import { receiveMessageOnPort, MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { evalSource, startWorker, type WorkerBuiltins } from '../core/start-worker.js';
import { outputFs } from './output-fs.js';

/** Bytes per block: the unit handed to the worker (and written by one write op). */
export const APPEND_BLOCK_BYTES = 1 << 20;
/**
 * Blocks in the ring: the main thread waits only when the worker is this many blocks behind (or,
 * building a batch in place, fewer: a batch of events.arrow, ~3.7 MB, reaches 4-5 blocks ahead).
 * Every page of the ring is touched once (a page fault, ~15 us on this project's VM): 8 MiB
 * instead of 4 x 4 MiB saved ~2k faults on M.
 */
const RING_BLOCKS = 8;
/** Default bound on waiting for a worker that makes no progress (it failed to start or died). */
const DEFAULT_STALL_MS = 60_000;
/** Bound on waiting for an aborted worker to stop before the file is closed anyway. */
const STOP_WAIT_MS = 5_000;

/**
 * The protocol over the shared buffer, defined once and sent to the worker in workerData (its
 * source cannot see this module). Control words (Int32 indices at the start of the buffer):
 * MAIN_SEQ, bumped by the main thread on each publish and state change (what the worker waits
 * on); WORKER_SEQ, bumped by the worker on each written block and status change (what the main
 * thread waits on); PUBLISHED, blocks published by the main thread; CONSUMED, blocks written and
 * hashed by the worker; REQUEST, what the main thread asks: 0 (run), END (write what is
 * published, then the hash), ABORT; STATUS, what the worker says: STARTING, RUNNING, DONE (hash
 * in the buffer), FAILED (an error message on the port), STOPPED (aborted); from LENGTHS on, one
 * word per ring slot: the bytes in it.
 */
const PROTOCOL = {
  MAIN_SEQ: 0,
  WORKER_SEQ: 1,
  PUBLISHED: 2,
  CONSUMED: 3,
  REQUEST: 4,
  STATUS: 5,
  LENGTHS: 8,
  END: 1,
  ABORT: 2,
  STARTING: 0,
  RUNNING: 1,
  DONE: 2,
  FAILED: 3,
  STOPPED: 4,
} as const;
const { MAIN_SEQ, WORKER_SEQ, PUBLISHED, CONSUMED, REQUEST, STATUS, LENGTHS, END, ABORT, STARTING, RUNNING, DONE, FAILED } = PROTOCOL;
const CONTROL_WORDS = LENGTHS + RING_BLOCKS;
const HASH_BYTES = 64; // hex sha256
/** The shared buffer: control words, the hash, then the ring from an offset up to ALIGN_SLACK later (probed for direct I/O). */
const RING_MIN_OFFSET = CONTROL_WORDS * 4 + HASH_BYTES;
/** Direct I/O alignment this appender can find: the ring may start up to this many bytes later (steps of 16, V8's buffer alignment). */
const ALIGN_SLACK = 4096;
/** Bytes of the probe write: a multiple of any block size direct I/O asks for (512 or 4096). */
const PROBE_BYTES = 4096;

/** What the worker gets (workerData). */
interface AppenderWorkerData {
  readonly shared: SharedArrayBuffer;
  readonly fd: number;
  /** The file opened for direct I/O (full blocks), or -1: every block through `fd`. */
  readonly directFd: number;
  /** Byte offset of the ring in `shared` (aligned for direct I/O when directFd is open). */
  readonly ringOffset: number;
  readonly blocks: number;
  readonly blockBytes: number;
  readonly port: MessagePort;
  readonly protocol: typeof PROTOCOL;
}

/** A failed write as the worker reports it. */
interface WorkerFailure {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
}

/**
 * The worker: writes and hashes each published block in order until asked to end (then
 * stores the hex digest) or to abort. Self-contained: it is sent as source (evalSource).
 */
function appenderWorkerMain({ fs, crypto, workerThreads }: WorkerBuiltins): void {
  const w = workerThreads.workerData as AppenderWorkerData;
  const { MAIN_SEQ, WORKER_SEQ, PUBLISHED, CONSUMED, REQUEST, STATUS, LENGTHS, END, ABORT, RUNNING, DONE, FAILED, STOPPED } = w.protocol;
  const ctrl = new Int32Array(w.shared, 0, LENGTHS + w.blocks);
  const hashOut = new Uint8Array(w.shared, ctrl.byteLength, 64);
  const data = new Uint8Array(w.shared, w.ringOffset, w.blocks * w.blockBytes);
  let direct = w.directFd >= 0;
  let position = 0;
  const writeAll = (fd: number, bytes: Uint8Array): void => {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
  };
  /** A full block by direct I/O; false when the kernel refuses it (EINVAL): then and from then on, buffered. */
  const writeDirect = (bytes: Uint8Array): boolean => {
    try {
      writeAll(w.directFd, bytes);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      direct = false;
      return false;
    }
  };
  const say = (status: number): void => {
    Atomics.store(ctrl, STATUS, status);
    Atomics.add(ctrl, WORKER_SEQ, 1);
    Atomics.notify(ctrl, WORKER_SEQ);
  };
  const hash = crypto.createHash('sha256');
  say(RUNNING);
  try {
    for (;;) {
      const seq = Atomics.load(ctrl, MAIN_SEQ);
      // The request before the count: the main thread publishes the last block before it asks to end.
      const request = Atomics.load(ctrl, REQUEST);
      if (request === ABORT) {
        say(STOPPED); // the main thread closes the file only after this: no write after close
        break;
      }
      const consumed = Atomics.load(ctrl, CONSUMED);
      if (Atomics.load(ctrl, PUBLISHED) > consumed) {
        const slot = consumed % w.blocks;
        const n = Atomics.load(ctrl, LENGTHS + slot);
        const bytes = data.subarray(slot * w.blockBytes, slot * w.blockBytes + n);
        if (!(direct && n === w.blockBytes && writeDirect(bytes))) writeAll(w.fd, bytes);
        position += n;
        hash.update(bytes);
        Atomics.store(ctrl, CONSUMED, consumed + 1);
        Atomics.add(ctrl, WORKER_SEQ, 1);
        Atomics.notify(ctrl, WORKER_SEQ);
        continue;
      }
      if (request === END) {
        hashOut.set(Buffer.from(hash.digest('hex'), 'latin1'));
        say(DONE);
        break;
      }
      Atomics.wait(ctrl, MAIN_SEQ, seq);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    w.port.postMessage({ message: e.message, code: e.code, syscall: e.syscall });
    say(FAILED);
  }
  w.port.close();
}

/** How the appender starts its worker (tests inject one that fails). */
export type StartAppenderWorker = (source: string, workerData: AppenderWorkerData, transfer: MessagePort[]) => Worker;

const startAppenderWorker: StartAppenderWorker = (source, workerData, transfer) => startWorker(source, { eval: true, workerData, transferList: transfer });

/** Options of openThreadedFileAppender (tests). */
export interface ThreadedFileAppenderOptions {
  readonly stallMs?: number;
  /** Bytes per block (default APPEND_BLOCK_BYTES; tests use small ones to thread small files). */
  readonly blockBytes?: number;
  readonly start?: StartAppenderWorker;
  /** False: no direct I/O (every block a buffered write). Default: direct where the file system takes it. */
  readonly direct?: boolean;
}

/** A file being appended to: bytes in order, then finish (its sha256) or abort. */
export interface FileAppender {
  /** Appends `bytes`: copied into the ring, or only counted when they are a view of `reserve` at the write position (built in place). */
  readonly write: (bytes: Uint8Array) => void;
  /**
   * A view of the ring where the bytes `skip` to `skip + bytes` past those appended so far will
   * be written (its slots free, waiting for the worker if need be), or null: no ring yet (the
   * first block), the range would cross the ring's end or is more than a ring ahead. Bytes built there and then
   * written, as that same view, when they are next, are not copied (the events.arrow spill
   * builds its batches' buffers there: 0.14 s of copying on M). Any other write there is an
   * internal error, never a silent overwrite: each view is valid only until the writes reach it.
   */
  readonly reserve: (skip: number, bytes: number) => Uint8Array | null;
  /** Writes what is left, closes the file and returns its sha256 (hex). */
  readonly finish: () => string;
  /** Stops the worker (if any) and closes the file; the caller removes it. */
  readonly abort: () => void;
}

/**
 * Opens `path` (just created) a second time for direct I/O, or returns -1: no O_DIRECT on this
 * platform, a file system that refuses it, or blocks that are not whole probe units.
 */
function openDirect(path: string, blockBytes: number): number {
  const flag = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (flag === undefined || blockBytes % PROBE_BYTES !== 0) return -1;
  try {
    return openSync(path, constants.O_WRONLY | flag);
  } catch {
    return -1;
  }
}

/**
 * Offsets of the shared buffer to probe first: where a page starts if the buffer's memory is
 * page-aligned, or starts 16 bytes into a page (glibc's header of a large, mmap'd allocation).
 * Either is aligned for any direct I/O block size up to a page, so the usual first probe
 * succeeds: each refused one is a thrown EINVAL, ~1-3 ms of the main thread on this VM, and the
 * scan in steps of 16 from RING_MIN_OFFSET took 25 of them (25-90 ms) before the write at 496.
 */
const LIKELY_RING_OFFSETS = [PROBE_BYTES - 16, PROBE_BYTES];

/** The offsets directRingOffset probes, in order: the likely ones, then every other one from RING_MIN_OFFSET in steps of 16 below RING_MIN_OFFSET + ALIGN_SLACK. */
export function ringOffsetProbes(): number[] {
  const end = RING_MIN_OFFSET + ALIGN_SLACK;
  const scan: number[] = [];
  for (let off = RING_MIN_OFFSET; off < end; off += 16) scan.push(off);
  const likely = LIKELY_RING_OFFSETS.filter((off) => off >= RING_MIN_OFFSET && off < end && off % 16 === 0);
  return [...likely, ...scan.filter((o) => !likely.includes(o))];
}

/**
 * The first offset of `shared` that direct I/O accepts as the start of a write, or -1: the
 * likely ones first, then every one from RING_MIN_OFFSET in steps of 16 (below
 * RING_MIN_OFFSET + ALIGN_SLACK). Each probe writes PROBE_BYTES of the (zeroed) buffer at the
 * file's start, which the first block, at least PROBE_BYTES long, overwrites; a refused one
 * (EINVAL) writes nothing.
 */
function directRingOffset(directFd: number, shared: SharedArrayBuffer): number {
  for (const off of ringOffsetProbes()) {
    try {
      if (writeSync(directFd, new Uint8Array(shared, off, PROBE_BYTES), 0, PROBE_BYTES, 0) === PROBE_BYTES) return off;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') return -1;
    }
  }
  return -1;
}

/** Creates `path` (it must not exist) and returns its appender. */
export function openThreadedFileAppender(path: string, opts: ThreadedFileAppenderOptions = {}): FileAppender {
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const blockBytes = opts.blockBytes ?? APPEND_BLOCK_BYTES;
  let fd: number | null = outputFs.open(path, 'wx');
  let directFd = -1;
  // The shared buffer from the start (its pages are touched only as bytes fill them): the first
  // block is filled in slot 0 of the ring where it will stay, at the offset direct I/O most
  // likely takes (a fresh block-sized buffer of its own, then copied into the ring, cost a
  // block's page faults, ~1k for 4 MiB, and the copy). The worker starts once the file passes one block (startThread).
  const shared = new SharedArrayBuffer(RING_MIN_OFFSET + ALIGN_SLACK + RING_BLOCKS * blockBytes);
  const ctrl = new Int32Array(shared, 0, CONTROL_WORDS);
  const hashIn = new Uint8Array(shared, CONTROL_WORDS * 4, HASH_BYTES);
  let data = new Uint8Array(shared, ringOffsetProbes()[0] as number, RING_BLOCKS * blockBytes);
  let worker: Worker | null = null;
  let port: MessagePort | null = null;
  let published = 0;
  /** The block being filled: slot `published % RING_BLOCKS` of the ring, `used` bytes so far. */
  let block = data.subarray(0, blockBytes);
  let used = 0;

  const signal = (): void => {
    Atomics.add(ctrl, MAIN_SEQ, 1);
    Atomics.notify(ctrl, MAIN_SEQ);
  };
  const failure = (): Error => {
    const m = port === null ? undefined : (receiveMessageOnPort(port)?.message as WorkerFailure | undefined);
    if (m === undefined) return new Error(`bt: internal: the thread writing ${path} failed`);
    const e: NodeJS.ErrnoException = new Error(m.message);
    if (m.code !== undefined) e.code = m.code;
    if (m.syscall !== undefined) e.syscall = m.syscall;
    e.path = path;
    return e;
  };
  /**
   * Waits until `ready()` (at most `bound` ms without progress); throws the worker's failure, or a
   * clear error when it stalls. The bound is counted in waits that timed out (each lasted at
   * least `slice` ms), so the engine reads no clock.
   */
  const waitFor = (ready: () => boolean, bound = stallMs): void => {
    const slice = Math.min(bound, 1000);
    let seq = Atomics.load(ctrl, WORKER_SEQ);
    let waited = 0;
    for (;;) {
      if (Atomics.load(ctrl, STATUS) === FAILED) throw failure();
      if (ready()) return;
      const woke = Atomics.wait(ctrl, WORKER_SEQ, seq, slice);
      const now = Atomics.load(ctrl, WORKER_SEQ);
      if (now !== seq) {
        seq = now;
        waited = 0;
      } else if (woke === 'timed-out' && (waited += slice) >= bound) {
        const what = Atomics.load(ctrl, STATUS) === STARTING ? 'did not start' : 'stopped answering';
        throw new Error(`bt: internal: the thread writing ${path} ${what} (no progress in ${bound / 1000} s)`);
      }
    }
  };
  const startThread = (): void => {
    directFd = opts.direct === false ? -1 : openDirect(path, blockBytes);
    // the first probe is where the first block already is: it moves only when direct I/O takes another offset
    const ringOffset = directFd < 0 ? data.byteOffset : directRingOffset(directFd, shared);
    if (ringOffset < 0) {
      closeSync(directFd);
      directFd = -1;
    } else if (ringOffset !== data.byteOffset) {
      new Uint8Array(shared).copyWithin(ringOffset, data.byteOffset, data.byteOffset + blockBytes);
      data = new Uint8Array(shared, ringOffset, RING_BLOCKS * blockBytes);
    }
    const channel = new MessageChannel();
    port = channel.port1;
    const w = opts.start ?? startAppenderWorker;
    const workerData: AppenderWorkerData = { shared, fd: fd as number, directFd, ringOffset: data.byteOffset, blocks: RING_BLOCKS, blockBytes, port: channel.port2, protocol: PROTOCOL };
    worker = w(evalSource(appenderWorkerMain), workerData, [channel.port2]);
    // An error the worker did not catch (it failed to start): without a listener Node would
    // throw it in the main thread; the bounded wait reports it instead.
    worker.on('error', () => undefined);
    worker.unref();
  };
  /** Hands the full current block to the worker and moves to the next slot, once it is free. */
  const publish = (): void => {
    outputFs.countWrite(path);
    if (worker === null) startThread();
    const slot = published % RING_BLOCKS;
    Atomics.store(ctrl, LENGTHS + slot, used);
    published += 1;
    Atomics.store(ctrl, PUBLISHED, published);
    signal();
    const next = published % RING_BLOCKS;
    block = data.subarray(next * blockBytes, (next + 1) * blockBytes);
    used = 0;
    waitFor(() => published - Atomics.load(ctrl, CONSUMED) < RING_BLOCKS);
  };
  const closeFd = (): void => {
    if (directFd >= 0) closeSync(directFd);
    directFd = -1;
    if (fd !== null) outputFs.close(fd);
    fd = null;
  };
  /** Asks the worker to stop and waits (bounded) until it has: the file is closed only then. */
  const stopWorker = (): void => {
    if (worker === null) return;
    Atomics.store(ctrl, REQUEST, ABORT);
    signal();
    try {
      waitFor(() => Atomics.load(ctrl, STATUS) !== RUNNING, Math.min(stallMs, STOP_WAIT_MS));
    } catch {
      // it failed or stalled: nothing more to wait for (a worker not yet started sees ABORT first)
    }
    port?.close();
    worker = null;
  };
  /** Counts n bytes already in place from the write position on, publishing each block they fill. */
  const advance = (n: number): void => {
    for (let left = n; left > 0; ) {
      const k = Math.min(left, blockBytes - used);
      used += k;
      left -= k;
      if (used === blockBytes) publish();
    }
  };
  return {
    reserve: (skip, bytes) => {
      if (worker === null) return null;
      const slot = published % RING_BLOCKS;
      const ringBytes = RING_BLOCKS * blockBytes;
      const from = slot * blockBytes + used + skip;
      const to = from + bytes;
      // slots after the current one that the range reaches: each free once the worker has written what it held
      const ahead = Math.max(0, Math.ceil(to / blockBytes) - 1 - slot);
      if (ahead >= RING_BLOCKS || (from < ringBytes && to > ringBytes)) return null; // too far ahead, or across the ring's end
      waitFor(() => published + ahead - Atomics.load(ctrl, CONSUMED) < RING_BLOCKS);
      return from < ringBytes ? data.subarray(from, to) : data.subarray(from - ringBytes, to - ringBytes);
    },
    write: (bytes) => {
      if (bytes.buffer === shared) {
        if (bytes.byteOffset !== data.byteOffset + (published % RING_BLOCKS) * blockBytes + used) throw new Error(`bt: internal: bytes built in the ring of ${path} are written out of place`);
        advance(bytes.length);
        return;
      }
      let src = bytes;
      while (src.length > 0) {
        const n = Math.min(src.length, blockBytes - used);
        block.set(n === src.length ? src : src.subarray(0, n), used);
        used += n;
        src = src.subarray(n);
        if (used === blockBytes) publish();
      }
    },
    finish: () => {
      try {
        if (worker === null) {
          // One block or less: written and hashed here, no thread.
          const bytes = block.subarray(0, used);
          if (used > 0) outputFs.write(fd as number, bytes, path);
          closeFd();
          return createHash('sha256').update(bytes).digest('hex');
        }
        if (used > 0) {
          outputFs.countWrite(path);
          Atomics.store(ctrl, LENGTHS + (published % RING_BLOCKS), used);
          published += 1;
          Atomics.store(ctrl, PUBLISHED, published);
        }
        Atomics.store(ctrl, REQUEST, END);
        signal();
        waitFor(() => Atomics.load(ctrl, STATUS) === DONE);
        port?.close();
        worker = null;
        closeFd();
        return Buffer.from(hashIn).toString('latin1');
      } catch (err) {
        stopWorker();
        closeFd();
        throw err;
      }
    },
    abort: () => {
      stopWorker();
      closeFd();
    },
  };
}

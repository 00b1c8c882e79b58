import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../../engine/core/start-worker.js';
import { openThreadedFileAppender, ringOffsetProbes, type StartAppenderWorker } from '../../../engine/io/threaded-file-appender.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-appender-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` bytes of a fixed pattern, handed over in uneven pieces as apache-arrow's writer does. */
function pieces(n: number): Uint8Array[] {
  const all = Uint8Array.from({ length: n }, (_, i) => (i * 31 + (i >> 7)) & 255);
  const out: Uint8Array[] = [];
  for (let a = 0, k = 0; a < n; k++) {
    const len = [3, 700, 1, 4096, 29][k % 5] as number;
    out.push(all.subarray(a, Math.min(n, a + len)));
    a += len;
  }
  return out;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Starts the real worker and counts the starts. */
function countingStart(): { start: StartAppenderWorker; starts: () => number } {
  let n = 0;
  return {
    start: (source, workerData, transfer) => {
      n += 1;
      return startWorker(source, { eval: true, workerData, transferList: transfer });
    },
    starts: () => n,
  };
}

/** A worker whose script is `source` instead of the appender's (a failure to inject). */
function brokenStart(source: string): StartAppenderWorker {
  return (_source, workerData, transfer) => startWorker(source, { eval: true, workerData, transferList: transfer });
}

describe('openThreadedFileAppender', () => {
  /** Appends `total` bytes in pieces through blocks of `blockBytes`; checks the file and its hash, returns the worker starts. */
  function appendAndCheck(name: string, blockBytes: number, total: number, direct?: boolean): number {
    const path = join(dir, name);
    const c = countingStart();
    const f = openThreadedFileAppender(path, { blockBytes, start: c.start, ...(direct !== undefined ? { direct } : {}) });
    const parts = pieces(total);
    for (const p of parts) f.write(p);
    const hash = f.finish();
    expect(readFileSync(path).equals(Buffer.concat(parts))).toBe(true);
    expect(hash).toBe(sha256(readFileSync(path)));
    return c.starts();
  }

  it('writes a file smaller than one block on the main thread, without starting a worker', () => {
    expect(appendAndCheck('small.bin', 1 << 16, 10_000)).toBe(0);
  });

  it('writes a file of many blocks through one worker: the bytes appended, in order, and their sha256', () => {
    expect(appendAndCheck('many.bin', 1024, 200_000)).toBe(1); // 196 blocks through a ring of 4
  });

  it('writes whole blocks by direct I/O where the file system takes it, the last one buffered: the same bytes and sha256 as buffered writes', () => {
    // blocks of 64 KiB (whole direct I/O units) and a last, partial block; the temp folder's file
    // system decides whether direct I/O is taken (ext4 takes it), either way the file is the same
    expect(appendAndCheck('direct.bin', 1 << 16, 1_000_003)).toBe(1);
    expect(appendAndCheck('buffered.bin', 1 << 16, 1_000_003, false)).toBe(1);
    expect(readFileSync(join(dir, 'direct.bin')).equals(readFileSync(join(dir, 'buffered.bin')))).toBe(true);
  });

  it('probes first the ring offsets a page- or glibc-aligned buffer makes page-aligned, then every other offset of the scan in steps of 16, each once', () => {
    const probes = ringOffsetProbes();
    // memory that starts 16 bytes into a page (glibc's header of a large allocation), or on a page
    expect(probes.slice(0, 2).sort((a, b) => a - b).map((off) => off % 4096)).toEqual([4080, 0]);
    const sorted = [...probes].sort((a, b) => a - b);
    expect(new Set(probes).size).toBe(probes.length);
    sorted.forEach((off, i) => expect(off).toBe((sorted[0] as number) + 16 * i));
    expect(sorted.length).toBe(4096 / 16);
  });

  it('ends in a clear error, not a hang, when the worker fails to start', () => {
    const path = join(dir, 'no-start.bin');
    const f = openThreadedFileAppender(path, { blockBytes: 1024, stallMs: 300, start: brokenStart("throw new Error('injected')") });
    const t0 = performance.now();
    expect(() => {
      for (const p of pieces(20_000)) f.write(p);
      f.finish();
    }).toThrow(`bt: internal: the thread writing ${path} did not start (no progress in 0.3 s)`);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('ends in a clear error, not a hang, when the worker dies without a word', () => {
    const path = join(dir, 'dies.bin');
    // says RUNNING (status word 5, its sequence word 1) and ends without writing anything
    const dies = "const c = new Int32Array(require('node:worker_threads').workerData.shared, 0, 12); Atomics.store(c, 5, 1); Atomics.add(c, 1, 1); Atomics.notify(c, 1);";
    const f = openThreadedFileAppender(path, { blockBytes: 1024, stallMs: 300, start: brokenStart(dies) });
    expect(() => {
      for (const p of pieces(20_000)) f.write(p);
      f.finish();
    }).toThrow(`bt: internal: the thread writing ${path} stopped answering (no progress in 0.3 s)`);
  });

  it("reports the worker's failed write as an errno error naming the file (exit 4 in the CLI)", () => {
    const path = join(dir, 'ebadf.bin');
    const other = join(dir, 'read-only.bin');
    closeSync(openSync(other, 'w'));
    const ro = openSync(other, 'r'); // the worker is handed this descriptor: its write fails
    const f = openThreadedFileAppender(path, {
      blockBytes: 1024,
      start: (source, workerData, transfer) => startWorker(source, { eval: true, workerData: { ...workerData, fd: ro }, transferList: transfer }),
    });
    let err: NodeJS.ErrnoException | null = null;
    try {
      for (const p of pieces(20_000)) f.write(p);
      f.finish();
    } catch (e) {
      err = e as NodeJS.ErrnoException;
    }
    closeSync(ro);
    expect(err?.code).toBe('EBADF');
    expect(err?.syscall).toBe('write');
    expect(err?.path).toBe(path);
  });

  it('hands out no ring memory before its worker starts (the first block), then a view where the bytes past the written ones go', () => {
    const path = join(dir, 'reserve.bin');
    const f = openThreadedFileAppender(path, { blockBytes: 1024, direct: false });
    expect(f.reserve(0, 100)).toBeNull();
    const head = pieces(3000);
    for (const p of head) f.write(p);
    // 10 bytes copied, then 2500 built in place (across blocks) and written as that same view
    const gap = Uint8Array.from({ length: 10 }, (_, i) => 200 + i);
    const view = f.reserve(gap.length, 2500) as Uint8Array;
    expect(view).not.toBeNull();
    expect(view.length).toBe(2500);
    for (let i = 0; i < view.length; i++) view[i] = (i * 7) & 255;
    const built = view.slice();
    f.write(gap);
    f.write(view);
    f.write(Uint8Array.of(1, 2, 3));
    const hash = f.finish();
    const want = Buffer.concat([...head, gap, built, Uint8Array.of(1, 2, 3)]);
    expect(readFileSync(path).equals(want)).toBe(true);
    expect(hash).toBe(sha256(want));
  });

  it("gives no view across the ring's end, and one past it at the ring's start once the worker has written what was there", () => {
    const path = join(dir, 'reserve-wrap.bin');
    const f = openThreadedFileAppender(path, { blockBytes: 1024, direct: false }); // a ring of 8 KiB
    const head = pieces(3000);
    for (const p of head) f.write(p);
    expect(f.reserve(0, 6000)).toBeNull(); // bytes 3000 to 9000 of the ring: across its end
    const view = f.reserve(8192 - 3000, 500) as Uint8Array; // bytes 8192 to 8692: the ring's first 500
    expect(view).not.toBeNull();
    view.fill(77);
    const fill = pieces(8192 - 3000);
    for (const p of fill) f.write(p);
    f.write(view);
    f.finish();
    expect(readFileSync(path).equals(Buffer.concat([...head, ...fill, new Uint8Array(500).fill(77)]))).toBe(true);
  });

  it('refuses, as an internal error, to write ring bytes that are not at the write position (never a silent overwrite)', () => {
    const path = join(dir, 'reserve-misplaced.bin');
    const f = openThreadedFileAppender(path, { blockBytes: 1024, direct: false });
    for (const p of pieces(3000)) f.write(p);
    const view = f.reserve(8, 100) as Uint8Array;
    expect(() => f.write(view)).toThrow(`bt: internal: bytes built in the ring of ${path} are written out of place`);
    f.abort();
  });

  it('aborts a running worker: it stops, the file is closed and can be removed', () => {
    const path = join(dir, 'abort.bin');
    const f = openThreadedFileAppender(path, { blockBytes: 1024 });
    for (const p of pieces(50_000)) f.write(p);
    f.abort();
    rmSync(path);
    expect(existsSync(path)).toBe(false);
  });
});

/**
 * The sha256 of a run's input files (manifest.json's `inputs`), computed on a worker thread
 * while the run replays: on workload M the inputs are 555 MB, ~0.5 s of reading and hashing
 * that no longer waits behind the replay on the main thread. Inputs under one hashing chunk in
 * all start no thread (small runs pay no thread start): they are hashed on the main thread
 * when asked for, as before. Same files, same order, same hashes either way.
 */
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { evalSource, startWorker, type WorkerBuiltins } from '../core/start-worker.js';
import type { Scenario } from '../scenario/scenario.js';
import { hashFiles, inputFiles, type InputFile } from './manifest.js';

/** Inputs smaller than this in all are hashed on the main thread. */
const THREAD_MIN_BYTES = 4 << 20;
/** Default bound on waiting for a worker that sends nothing (it failed to start or died). */
const DEFAULT_STALL_MS = 60_000;

/** What the worker posts: progress every few chunks (the stall bound restarts), then the hashes or its error. */
type HashReply =
  | { readonly kind: 'progress' }
  | { readonly kind: 'done'; readonly hashes: Record<string, string> }
  | { readonly kind: 'error'; readonly message: string; readonly code?: string; readonly syscall?: string; readonly path?: string };

interface HashWorkerData {
  readonly files: readonly InputFile[];
  /** Int32 word: non-zero asks the worker to stop (the run failed; nobody wants the hashes). */
  readonly cancel: SharedArrayBuffer;
}

/** The worker: hashes each file in 4 MiB reads, as sha256OfFile does. Self-contained: sent as source (evalSource). */
function hashWorkerMain({ fs, crypto, workerThreads }: WorkerBuiltins): void {
  const w = workerThreads.workerData as HashWorkerData;
  const port = workerThreads.parentPort;
  if (port === null) return;
  const cancel = new Int32Array(w.cancel);
  const chunk = new Uint8Array(4 << 20);
  const hashes: Record<string, string> = {};
  let reads = 0;
  try {
    for (const f of w.files) {
      const h = crypto.createHash('sha256');
      const fd = fs.openSync(f.abs, 'r');
      try {
        for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) {
          if (Atomics.load(cancel, 0) !== 0) return;
          h.update(chunk.subarray(0, n));
          if (++reads % 16 === 0) port.postMessage({ kind: 'progress' });
        }
      } finally {
        fs.closeSync(fd);
      }
      hashes[f.rel] = h.digest('hex');
    }
    port.postMessage({ kind: 'done', hashes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    port.postMessage({ kind: 'error', message: e.message, code: e.code, syscall: e.syscall, path: e.path });
  }
}

/** How the hashing worker starts (tests inject one that fails). */
export type StartHashWorker = (source: string, workerData: HashWorkerData) => Worker;

const startHashWorker: StartHashWorker = (source, workerData) => startWorker(source, { eval: true, workerData });

/** Options of startInputHashing (tests). */
export interface InputHashingOptions {
  readonly stallMs?: number;
  readonly start?: StartHashWorker;
  /** Use a thread whatever the inputs' size (tests). */
  readonly alwaysThread?: boolean;
}

/** Input hashes being computed: ask for them once the run is done, or cancel. */
export interface InputHashing {
  readonly result: () => Promise<Record<string, string>>;
  /** Stops the worker if it is still hashing (the run failed); a no-op after result(). */
  readonly cancel: () => void;
}

function totalBytes(files: readonly InputFile[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += statSync(f.abs).size;
    } catch {
      return 0; // a missing file: the main thread's read reports it, as before
    }
  }
  return n;
}

/** Starts hashing the scenario's inputs (on a worker when they are large); the same values as inputHashes(sc). */
export function startInputHashing(sc: Scenario, opts: InputHashingOptions = {}): InputHashing {
  return startFileHashing(inputFiles(sc), opts);
}

/** Starts hashing `files` (on a worker when they are large); the same values as hashFiles(files). */
export function startFileHashing(files: readonly InputFile[], opts: InputHashingOptions = {}): InputHashing {
  if (opts.alwaysThread !== true && totalBytes(files) < THREAD_MIN_BYTES) {
    return { result: () => Promise.resolve().then(() => hashFiles(files)), cancel: () => undefined };
  }
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const cancelWord = new SharedArrayBuffer(4);
  const worker = (opts.start ?? startHashWorker)(evalSource(hashWorkerMain), { files, cancel: cancelWord });
  let settled = false;
  let timer: NodeJS.Timeout | null = null;
  const hashes = new Promise<Record<string, string>>((resolve, reject) => {
    const end = (err: Error | null, value?: Record<string, string>): void => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      if (err !== null) {
        Atomics.store(new Int32Array(cancelWord), 0, 1);
        reject(err);
      } else resolve(value as Record<string, string>);
    };
    const arm = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => end(new Error(`bt: internal: the thread hashing the input files stopped answering (nothing in ${stallMs / 1000} s)`)), stallMs);
    };
    arm();
    worker.on('message', (m: HashReply) => {
      if (m.kind === 'progress') return arm();
      if (m.kind === 'done') return end(null, m.hashes);
      const e: NodeJS.ErrnoException = new Error(m.message);
      if (m.code !== undefined) e.code = m.code;
      if (m.syscall !== undefined) e.syscall = m.syscall;
      if (m.path !== undefined) e.path = m.path;
      end(e);
    });
    worker.on('error', (err) => end(new Error(`bt: internal: the thread hashing the input files failed: ${err.message}`)));
    worker.on('exit', (code) => end(new Error(`bt: internal: the thread hashing the input files ended (exit code ${code}) before it finished`)));
  });
  hashes.catch(() => undefined); // a run that fails first never asks; its rejection is not an unhandled one
  return {
    result: () => hashes,
    cancel: () => {
      if (settled) return;
      Atomics.store(new Int32Array(cancelWord), 0, 1);
      settled = true;
      if (timer !== null) clearTimeout(timer);
      worker.unref();
    },
  };
}

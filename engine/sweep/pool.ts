import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/start-worker.js';
import { BtInputError } from '../core/errors.js';
import type { SweepTask, SweepWorkerData, SweepWorkerReply } from './worker.js';

/** A finished configuration as a worker returns it. */
export type SweepRunResult = Extract<SweepWorkerReply, { kind: 'done' }>;

/** A configuration whose run threw, as a worker reports it. */
export type SweepRunFailure = Extract<SweepWorkerReply, { kind: 'error' }>;

/** Options of runPool. */
export interface PoolOptions {
  /** Compiled worker module (dist/engine/sweep/worker.js). */
  readonly workerUrl: URL;
  readonly init: SweepWorkerData;
  readonly tasks: readonly SweepTask[];
  /** Worker threads to start (at least 1, at most one per task). */
  readonly workers: number;
  /** Called in the main thread once per finished task, in completion order. */
  readonly onResult: (r: SweepRunResult) => void;
  /**
   * Called once per task whose run threw; the pool goes on with the next task. Absent: the
   * first failure stops every worker and rejects (`bt sweep --fail-fast`).
   */
  readonly onFailure?: (f: SweepRunFailure) => void;
  /**
   * Staged sweeps (stage-plan.ts): tasks a finished one makes possible (the replays over the
   * tape it recorded), queued behind the others. `expectedTasks` counts them in advance, so the
   * pool starts as many workers as the whole sweep can use.
   */
  readonly followUps?: (r: SweepRunResult | SweepRunFailure) => readonly SweepTask[];
  readonly expectedTasks?: number;
}

/**
 * Tasks a worker holds at once: the one it runs and the next, so it starts that one as soon as
 * it posts a result instead of waiting for the main thread (busy journaling, or not scheduled
 * on a machine whose cores the workers fill) to read the result and post another.
 */
const TASKS_IN_HAND = 2;

/**
 * Runs every task on `workers` worker threads (1 or N: the same code path) and resolves when
 * all are done; each worker takes the next task when it finishes one. A task that throws goes
 * to `onFailure`; without it, or when a worker itself dies, the pool rejects (a BtInputError
 * for bad input) after stopping every worker.
 */
export function runPool(opts: PoolOptions): Promise<void> {
  const n = Math.max(1, Math.min(opts.workers, opts.expectedTasks ?? opts.tasks.length));
  if (opts.tasks.length === 0) return Promise.resolve();
  const queue = [...opts.tasks];
  return new Promise<void>((resolveAll, rejectAll) => {
    const workers: Worker[] = [];
    /** Tasks posted to each worker and not answered yet (absent: not ready). */
    const held = new Map<Worker, number>();
    let next = 0;
    let finished = 0;
    let failed = false;
    let exited = 0;
    let allDone = false;
    // On success, workers are asked to close their port and exit on their own: terminate()
    // while a worker's isolate is still compiling in the background can abort the process
    // (Node 20: "Assertion failed: (data.first) != nullptr" in NodePlatform::ForIsolate).
    const finish = (): void => {
      allDone = true;
      for (const w of workers) w.postMessage(null);
    };
    const stop = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      stop();
      rejectAll(err);
    };
    const feed = (w: Worker): void => {
      const task = queue[next];
      if (task === undefined) return;
      next += 1;
      held.set(w, (held.get(w) ?? 0) + 1);
      w.postMessage(task);
    };
    // A worker always gets a task when it has none; a second one in hand only while there are at
    // least as many tasks left as workers, so that prefetching never leaves another worker idle
    // (a staged sweep starts with one task per upstream key: fewer than the workers, maybe).
    const fill = (w: Worker): void => {
      for (;;) {
        const h = held.get(w);
        if (h === undefined || next >= queue.length) return;
        if (h > 0 && (h >= TASKS_IN_HAND || queue.length - next < n)) return;
        feed(w);
      }
    };
    // Follow-ups (staged sweeps) arrive after workers ran out: the empty-handed ones first.
    const topUp = (): void => {
      for (const w of workers) if (held.get(w) === 0) fill(w);
      for (const w of workers) fill(w);
    };
    for (let k = 0; k < n; k++) {
      // startWorker: the Node 20 shutdown-deadlock mitigation (engine/core/start-worker.ts)
      const w = startWorker(opts.workerUrl, { workerData: opts.init });
      workers.push(w);
      w.on('message', (msg: SweepWorkerReply) => {
        if (failed) return;
        if (msg.kind === 'ready') {
          held.set(w, 0);
          fill(w);
          return;
        }
        if (msg.kind === 'error' && opts.onFailure === undefined) return fail(msg.input ? new BtInputError({ message: msg.message }) : new Error(`sweep worker: configuration ${msg.id}: ${msg.message}`));
        held.set(w, (held.get(w) as number) - 1);
        fill(w); // before the result is journaled: the worker never waits on the main thread
        try {
          if (msg.kind === 'error') opts.onFailure?.(msg);
          else opts.onResult(msg);
          queue.push(...(opts.followUps?.(msg) ?? []));
        } catch (err) {
          return fail(err instanceof Error ? err : new Error(String(err)));
        }
        finished += 1;
        if (finished === queue.length) return finish();
        topUp();
      });
      w.on('error', (err) => fail(err));
      w.on('exit', (code) => {
        exited += 1;
        if (!failed && !allDone && code !== 0) fail(new Error(`sweep worker exited with code ${code}`));
        else if (allDone && !failed && exited === workers.length) resolveAll();
      });
    }
  });
}

import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/start-worker.js';
import { BtInputError } from '../core/errors.js';
import type { SweepTask, SweepWorkerData, SweepWorkerInit, SweepWorkerReply } from './worker.js';

/** A finished configuration as a worker returns it. */
export type SweepRunResult = Extract<SweepWorkerReply, { kind: 'done' }>;

/** A configuration whose run threw, as a worker reports it. */
export type SweepRunFailure = Extract<SweepWorkerReply, { kind: 'error' }>;

/** The tasks of one sweep and what to do with their results (SweepPool.run). */
export interface PoolRun {
  /** The shared data and benchmark every task reads (posted once to each worker). */
  readonly init: SweepWorkerInit;
  readonly tasks: readonly SweepTask[];
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
   * pool uses as many workers as the whole sweep can use.
   */
  readonly followUps?: (r: SweepRunResult | SweepRunFailure) => readonly SweepTask[];
  readonly expectedTasks?: number;
  /**
   * For short runs (engine/sweep/short-runs.ts), whose first runs on a worker are mostly its own
   * JIT warm-up: the upstream tasks (full runs and recordings) stay on the first worker that
   * takes one while replays are queued or still to come, and the other workers replay, which
   * warms far less code. With nothing left to replay, every worker takes upstream tasks.
   */
  readonly upstreamOnOneWorker?: boolean;
  /** Workers to run on (at least 1, at most one per expected task): more than the pool started are started now, fewer close the others. Absent: every worker started. */
  readonly workers?: number;
}

/** Options of runPool: a pool started for one run. */
export interface PoolOptions extends PoolRun {
  /** Compiled worker module (dist/engine/sweep/worker.js). */
  readonly workerUrl: URL;
  /** URL of a module exporting `ALLOCATORS` (strategies/index.js). */
  readonly allocatorsUrl: string;
  /** Worker threads to start (at least 1, at most one per task). */
  readonly workers: number;
}

/**
 * Worker threads started before their work is known. A worker's start (Node's bootstrap, the
 * bundle, the allocator registry: ~100 ms of one core) then overlaps the main thread's own
 * preparation (parsing and resolving the configurations, reading the data) instead of
 * following it.
 */
export interface SweepPool {
  /** Worker threads started so far (run may start more). */
  readonly size: () => number;
  /**
   * Runs every task on `workers` workers (at most one per expected task; the others are closed) and
   * resolves when all are done; each worker takes the next task when it finishes one. A task
   * that throws goes to `onFailure`; without it, or when a worker itself dies, it rejects (a
   * BtInputError for bad input) after stopping every worker. Once per pool.
   */
  readonly run: (r: PoolRun) => Promise<void>;
  /** Lets workers that were given no run exit on their own (a sweep that failed to prepare, or had nothing to run); harmless after run. */
  readonly close: () => void;
}

/**
 * Tasks a worker holds at once: the one it runs and the next, so it starts that one as soon as
 * it posts a result instead of waiting for the main thread (busy journaling, or not scheduled
 * on a machine whose cores the workers fill) to read the result and post another.
 */
const TASKS_IN_HAND = 2;

/** True for a task that runs the upstream stages: a full run or a recording (not a replay of a tape). */
function isUpstream(t: SweepTask): boolean {
  const u = t.upstream;
  return u === undefined || !('replay' in u);
}

/** Starts `workers` (at least 1) sweep worker threads; see SweepPool. */
export function startPool(workerUrl: URL, allocatorsUrl: string, workers: number): SweepPool {
  const all: Worker[] = [];
  /** Workers that posted 'ready'. */
  const ready = new Set<Worker>();
  /** The first worker error or abnormal exit before (or while) a run listens. */
  let early: Error | null = null;
  let listener: { readonly message: (w: Worker, msg: SweepWorkerReply) => void; readonly error: (err: Error) => void; readonly exit: (w: Worker, code: number) => void } | null = null;
  let closed = false;
  const data: SweepWorkerData = { allocatorsUrl };
  const add = (): void => {
    // startWorker: the Node 20 shutdown-deadlock mitigation (engine/core/start-worker.ts)
    const w = startWorker(workerUrl, { workerData: data });
    all.push(w);
    w.on('message', (msg: SweepWorkerReply) => {
      if (msg.kind === 'ready') ready.add(w);
      listener?.message(w, msg);
    });
    w.on('error', (err) => {
      early ??= err;
      listener?.error(err);
    });
    w.on('exit', (code) => {
      if (code !== 0 && !closed) early ??= new Error(`sweep worker exited with code ${code}`);
      listener?.exit(w, code);
    });
  };
  for (let k = 0; k < Math.max(1, workers); k++) add();
  // On success, workers are asked to close their port and exit on their own: terminate()
  // while a worker's isolate is still compiling in the background can abort the process
  // (Node 20: "Assertion failed: (data.first) != nullptr" in NodePlatform::ForIsolate).
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const w of all) w.postMessage(null);
  };
  const run = (opts: PoolRun): Promise<void> => {
    if (listener !== null || closed) return Promise.reject(new Error('sweep pool: run called twice, or after close'));
    const n = Math.max(1, Math.min(opts.workers ?? all.length, opts.expectedTasks ?? opts.tasks.length));
    if (opts.tasks.length === 0) {
      close();
      return Promise.resolve();
    }
    while (all.length < n) add();
    const workers = all.slice(0, n);
    for (const w of all.slice(n)) w.postMessage(null); // more workers than the sweep can use
    for (const w of workers) w.postMessage(opts.init);
    // Two queues, each in arrival order: full runs and recordings first (as planned), then the
    // replays their tapes enable. A worker takes from the first while it may run upstream tasks.
    const upstream = opts.tasks.filter(isUpstream);
    const replays = opts.tasks.filter((t) => !isUpstream(t));
    let queued = opts.tasks.length;
    const expected = opts.expectedTasks ?? opts.tasks.length;
    /** The worker that runs upstream tasks while upstreamOnOneWorker restricts them (null: none yet). */
    let upstreamWorker: Worker | null = null;
    return new Promise<void>((resolveAll, rejectAll) => {
      /** Tasks posted to each worker and not answered yet (absent: not ready). */
      const held = new Map<Worker, number>();
      let nextUp = 0;
      let nextReplay = 0;
      let finished = 0;
      let failed = false;
      let allDone = false;
      // Resolves as the last result is in: the workers' exit (their isolates torn down) then
      // overlaps the main thread's writing of the outputs instead of coming before it.
      const finish = (): void => {
        allDone = true;
        close();
        resolveAll();
      };
      const fail = (err: Error): void => {
        if (failed) return;
        failed = true;
        closed = true;
        for (const w of all) void w.terminate();
        rejectAll(err);
      };
      // Under upstreamOnOneWorker, another worker runs upstream tasks only once no replay is
      // queued or still to come (a sweep with nothing to replay uses every worker from the start).
      const mayRunUpstream = (w: Worker): boolean =>
        opts.upstreamOnOneWorker !== true || upstreamWorker === null || upstreamWorker === w || (nextReplay >= replays.length && queued >= expected);
      /** Tasks `w` may take now. */
      const available = (w: Worker): number => replays.length - nextReplay + (mayRunUpstream(w) ? upstream.length - nextUp : 0);
      const feed = (w: Worker): void => {
        let task: SweepTask | undefined;
        if (nextUp < upstream.length && mayRunUpstream(w)) {
          task = upstream[nextUp++];
          upstreamWorker ??= w;
        } else task = replays[nextReplay++];
        if (task === undefined) return;
        held.set(w, (held.get(w) ?? 0) + 1);
        w.postMessage(task);
      };
      // A worker always gets a task when it has none; a second one in hand only while there are at
      // least as many tasks left as workers, so that prefetching never leaves another worker idle
      // (a staged sweep starts with one task per upstream key: fewer than the workers, maybe).
      const fill = (w: Worker): void => {
        for (;;) {
          const h = held.get(w);
          const left = available(w);
          if (h === undefined || left === 0) return;
          if (h > 0 && (h >= TASKS_IN_HAND || upstream.length - nextUp + replays.length - nextReplay < n)) return;
          feed(w);
        }
      };
      // Follow-ups (staged sweeps) arrive after workers ran out: the empty-handed ones first.
      const topUp = (): void => {
        for (const w of workers) if (held.get(w) === 0) fill(w);
        for (const w of workers) fill(w);
      };
      const onReady = (w: Worker): void => {
        held.set(w, 0);
        fill(w);
      };
      listener = {
        message: (w, msg) => {
          if (failed || !workers.includes(w)) return; // a worker this run does not use is closed
          if (msg.kind === 'ready') return onReady(w);
          if (msg.kind === 'error' && opts.onFailure === undefined) return fail(msg.input ? new BtInputError({ message: msg.message }) : new Error(`sweep worker: configuration ${msg.id}: ${msg.message}`));
          held.set(w, (held.get(w) as number) - 1);
          fill(w); // before the result is journaled: the worker never waits on the main thread
          try {
            if (msg.kind === 'error') opts.onFailure?.(msg);
            else opts.onResult(msg);
            for (const t of opts.followUps?.(msg) ?? []) {
              (isUpstream(t) ? upstream : replays).push(t);
              queued += 1;
            }
          } catch (err) {
            return fail(err instanceof Error ? err : new Error(String(err)));
          }
          finished += 1;
          if (finished === queued) return finish();
          topUp();
        },
        // After the last result a worker only exits: nothing left to fail (and terminate() while it shuts down is what the note on close avoids).
        error: (err) => {
          if (!allDone) fail(err);
        },
        exit: (w, code) => {
          if (workers.includes(w) && !allDone && code !== 0) fail(new Error(`sweep worker exited with code ${code}`));
        },
      };
      if (early !== null) return fail(early);
      for (const w of workers) if (ready.has(w)) onReady(w);
    });
  };
  return { size: () => all.length, run, close };
}

/** Starts a pool for one run of tasks (startPool, then run): for callers with their data already loaded. */
export function runPool(opts: PoolOptions): Promise<void> {
  if (opts.tasks.length === 0) return Promise.resolve();
  const n = Math.max(1, Math.min(opts.workers, opts.expectedTasks ?? opts.tasks.length));
  return startPool(opts.workerUrl, opts.allocatorsUrl, n).run(opts);
}

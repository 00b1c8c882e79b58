/**
 * The one place bt starts worker threads (sweep workers, the events.arrow writer, the input
 * hasher), so every worker gets the shutdown-deadlock mitigation below before it exists.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

let compileFlagSet = false;

/**
 * Turns off V8's concurrent (background-thread) optimizing compiler for the isolates created from
 * now on: the worker threads. Why: Node 20 can deadlock when a worker thread ends
 * (nodejs/node#54918). The ending thread waits in NodePlatform::DrainTasks for every background
 * task, while a background TurboFan job of that isolate waits for a GC only that same thread can
 * run. gdb on a hung `bt sweep` showed exactly that: both worker threads in DrainTasks, one V8
 * worker in CollectionBarrier::AwaitCollectionBackground under an InliningPhase. With the flag
 * off, a worker compiles on its own thread, so no such job exists when it ends (0 hangs in 180
 * sweeps where 1 in 2-40 hung). The flag is process-wide and meant for the worker isolates started
 * next; it changes no result, only which thread compiles optimized code. Set once per process.
 * Set at run time it leaves the main isolate (created before) compiling in the background:
 * measured on M cold, main-thread CPU 8.3-9.2 s with it set by a preload vs 8.6-9.4 s without,
 * where `node --no-concurrent-recompilation` from the start costs the main thread ~1.2 s more.
 */
function compileOnWorkerThreads(): void {
  if (compileFlagSet) return;
  setFlagsFromString('--no-concurrent-recompilation');
  compileFlagSet = true;
}

/** Starts a worker thread (a module URL, or with `eval: true` a script) once the compile flag above is set. */
export function startWorker(script: URL | string, options: WorkerOptions): Worker {
  compileOnWorkerThreads();
  return new Worker(script, options);
}

/** Node's built-ins as an eval worker receives them (see evalSource). */
export interface WorkerBuiltins {
  readonly fs: typeof import('node:fs');
  readonly crypto: typeof import('node:crypto');
  readonly workerThreads: typeof import('node:worker_threads');
}

/**
 * The script of an eval worker that runs `main` with Node's built-ins. `main` must be
 * self-contained (it is sent as source text: no imports or outer variables): a worker
 * started this way needs no file of its own, so it runs the same from dist/, the CLI
 * bundle and the TypeScript sources under test, and loads no module graph.
 */
export function evalSource(main: (b: WorkerBuiltins) => void): string {
  return `(${main.toString()})({ fs: require('node:fs'), crypto: require('node:crypto'), workerThreads: require('node:worker_threads') });`;
}

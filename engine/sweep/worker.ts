/**
 * Worker-thread entry of a sweep (started by pool.ts from its compiled path). It imports the
 * allocator registry from the module URL it is given (workerData; so engine/ never imports
 * strategies/), receives the shared RunData in its first message (the pool starts workers
 * before the data is read), then runs one configuration per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BtInputError } from '../core/errors.js';
import { runSweepTask, type UpstreamUse } from './run-sweep-task.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunData } from '../run/run-data.js';
import { newMetricsReuse, type RunBenchmark, type RunMetrics } from '../run/run-metrics.js';
import type { UpstreamTape } from '../run/staged/upstream-tape.js';
import type { SupervisorTape } from '../run/staged/supervisor-tape.js';
import type { Scenario } from '../scenario/scenario.js';

/** What every worker gets at start (workerData): where the allocator registry lives. */
export interface SweepWorkerData {
  /** URL of a module exporting `ALLOCATORS` (strategies/index.js). */
  readonly allocatorsUrl: string;
}

/** A worker's first message: the shared data every configuration reads. */
export interface SweepWorkerInit {
  readonly data: RunData;
  /** The base scenario's benchmark closes (benchmark.* cannot be swept), or null. */
  readonly benchmark?: RunBenchmark | null;
}

/** One configuration to run. */
export interface SweepTask {
  readonly id: string;
  readonly scenario: Scenario;
  /** Staged sweeps (stage-plan.ts): record the upstream (and supervisor) tape, or replay the allocation or the downstream over one. */
  readonly upstream?: UpstreamUse;
}

/** A worker's replies: ready once its modules are loaded, then one per task. */
export type SweepWorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: string; readonly metrics: RunMetrics; readonly ts: Float64Array; readonly equity: Float64Array; readonly tape?: UpstreamTape; readonly supervisor?: SupervisorTape }
  | { readonly kind: 'error'; readonly id: string; readonly message: string; readonly input: boolean };

type Registry = Readonly<Record<string, AllocatorPlugin>>;

function registryOf(mod: unknown): Registry {
  const reg = typeof mod === 'object' && mod !== null ? (mod as { ALLOCATORS?: unknown }).ALLOCATORS : undefined;
  if (typeof reg !== 'object' || reg === null) throw new Error('sweep worker: the allocators module exports no ALLOCATORS');
  return reg as Registry; // the registry module's contract (strategies/index.ts)
}

async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('sweep worker: started outside a worker thread');
  const boot = workerData as SweepWorkerData; // posted by pool.ts in this shape
  const allocators = registryOf(await import(boot.allocatorsUrl));
  let init: SweepWorkerInit | null = null;
  // The configurations' equity curves share their times: their calendar is computed once (run-metrics.ts).
  const reuse = newMetricsReuse();
  port.on('message', (msg: SweepWorkerInit | SweepTask | null) => {
    // null: the pool is done (or had no work for this worker); closing the port lets this thread exit on its own.
    if (msg === null) {
      port.close();
      return;
    }
    if (init === null) {
      init = msg as SweepWorkerInit; // the pool posts the init first
      return;
    }
    const task = msg as SweepTask; // every later message
    let reply: SweepWorkerReply;
    try {
      const { metrics, ts, equity, tape, supervisor } = runSweepTask(task.scenario, task.upstream, init.data, allocators, init.benchmark ?? null, reuse);
      reply = { kind: 'done', id: task.id, metrics, ts, equity, ...(tape !== null ? { tape } : {}), ...(supervisor !== null ? { supervisor } : {}) };
      port.postMessage(reply, [ts.buffer, equity.buffer]);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { kind: 'error', id: task.id, message: err instanceof BtInputError ? e.message : (e.stack ?? e.message), input: err instanceof BtInputError };
      port.postMessage(reply);
    }
  });
  port.postMessage({ kind: 'ready' } satisfies SweepWorkerReply);
}

await start();

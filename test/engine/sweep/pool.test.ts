import { describe, expect, it } from 'vitest';
import { runPool, startPool, type SweepRunResult } from '../../../engine/sweep/pool.js';
import type { SweepTask } from '../../../engine/sweep/worker.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { Scenario } from '../../../engine/scenario/scenario.js';
import { WHOLE_TAPE, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';

/**
 * A stand-in sweep worker (the pool's protocol: ready, init, tasks, null): each task "runs" for a
 * while (a full run or recording 150 ms, a replay 2 ms: long enough that both workers are up before the first finishes) and answers with the thread that ran it.
 */
const FAKE_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort, threadId } from 'node:worker_threads';
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let init = null;
parentPort.on('message', (m) => {
  if (m === null) return parentPort.close();
  if (init === null) { init = m; return; }
  sleep(m.upstream === undefined || !('replay' in m.upstream) ? 150 : 2);
  parentPort.postMessage({ kind: 'done', id: m.id, metrics: { thread: threadId }, ts: new Float64Array(0), equity: new Float64Array(0), tape: {} });
});
parentPort.postMessage({ kind: 'ready' });
`)}`,
);

/** A recording of the whole tape. */
const RECORD: SweepTask['upstream'] = { record: 'upstream', needs: WHOLE_TAPE };
const task = (id: string, upstream?: SweepTask['upstream']): SweepTask => ({ id, scenario: {} as Scenario, ...(upstream !== undefined ? { upstream } : {}) });

/** Runs `upstream` tasks on 2 fake workers; each recording enables `replaysEach` replays. Returns the thread of each task. */
async function threadsOf(upstream: readonly SweepTask[], replaysEach: number, upstreamOnOneWorker: boolean): Promise<Map<string, number>> {
  const thread = new Map<string, number>();
  await runPool({
    workerUrl: FAKE_WORKER,
    allocatorsUrl: 'unused',
    workers: 2,
    init: { data: {} as RunData },
    tasks: upstream,
    expectedTasks: upstream.length * (1 + replaysEach),
    followUps: (r) => (r.kind === 'done' && !r.id.includes('replay') ? Array.from({ length: replaysEach }, (_, k) => task(`${r.id}-replay${k}`, { replay: 'targets', tape: {} as UpstreamTape })) : []),
    onResult: (r: SweepRunResult) => thread.set(r.id, (r.metrics as unknown as { thread: number }).thread),
    upstreamOnOneWorker,
  });
  return thread;
}

describe('runPool', () => {
  it('keeps recordings on one worker while replays are to come, and replays on both (upstreamOnOneWorker)', async () => {
    const m = await threadsOf([task('rec0', RECORD), task('rec1', RECORD), task('rec2', RECORD), task('rec3', RECORD)], 11, true);
    expect(m.size).toBe(48);
    expect(new Set(['rec0', 'rec1', 'rec2', 'rec3'].map((id) => m.get(id))).size).toBe(1);
    expect(new Set([...m].filter(([id]) => id.includes('replay')).map(([, t]) => t)).size).toBe(2);
  });

  it('spreads recordings over every worker without upstreamOnOneWorker', async () => {
    const m = await threadsOf([task('rec0', RECORD), task('rec1', RECORD), task('rec2', RECORD), task('rec3', RECORD)], 11, false);
    expect(m.size).toBe(48);
    expect(new Set(['rec0', 'rec1', 'rec2', 'rec3'].map((id) => m.get(id))).size).toBe(2);
  });

  // A worker the run does not use, reporting ready before the one it uses, once got the only
  // task after it had been closed: the sweep hung.
  it('runs on fewer workers than were started, closing the others (3 started, 1 used, 5 pools)', async () => {
    for (let k = 0; k < 5; k++) {
      const pool = startPool(FAKE_WORKER, 'unused', 3); // run at once: the workers report ready during the run, in any order
      const ids: string[] = [];
      await pool.run({ workers: 1, init: { data: {} as RunData }, tasks: [task(`one${k}`, { replay: 'portfolio', tape: {} as UpstreamTape })], onResult: (r) => ids.push(r.id) });
      expect(ids).toEqual([`one${k}`]);
      expect(pool.size()).toBe(3);
    }
  });

  it('starts the workers a run asks for beyond those already started', async () => {
    const pool = startPool(FAKE_WORKER, 'unused', 1);
    const thread = new Map<string, number>();
    await pool.run({ workers: 2, init: { data: {} as RunData }, tasks: Array.from({ length: 4 }, (_, k) => task(`full${k}`)), onResult: (r) => thread.set(r.id, (r.metrics as unknown as { thread: number }).thread) });
    expect(pool.size()).toBe(2);
    expect(new Set(thread.values()).size).toBe(2);
  });

  it('spreads full runs over every worker when nothing will be replayed, even with upstreamOnOneWorker', async () => {
    const m = await threadsOf(Array.from({ length: 6 }, (_, k) => task(`full${k}`)), 0, true);
    expect(m.size).toBe(6);
    expect(new Set(m.values()).size).toBe(2);
  });
});

/**
 * runScenario with `out` when events.arrow goes through its writer thread: the quickstart's log
 * (700 KB) is under one 4 MiB block, so these tests shrink the block to thread it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startWorker } from '../../../engine/core/start-worker.js';
import type { ThreadedFileAppenderOptions } from '../../../engine/io/threaded-file-appender.js';

/** What the next appenders get on top of their caller's options (set by each test). */
const inject: { opts: ThreadedFileAppenderOptions } = { opts: {} };

vi.mock('../../../engine/io/threaded-file-appender.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../engine/io/threaded-file-appender.js')>();
  return { ...orig, openThreadedFileAppender: (path: string, opts: ThreadedFileAppenderOptions = {}) => orig.openThreadedFileAppender(path, { ...opts, ...inject.opts }) };
});

const { runScenario } = await import('../../../engine/api/run-scenario.js');

const dir = mkdtempSync(join(tmpdir(), 'bt-writer-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = join(process.cwd(), 'scenarios/quickstart.yaml');

describe('runScenario with events.arrow written on a worker thread', () => {
  it('writes the same folder as the main thread does (run_info.json aside)', async () => {
    inject.opts = {};
    await runScenario(scenario, { out: join(dir, 'main-thread'), report: false });
    inject.opts = { blockBytes: 1 << 14 }; // ~43 blocks through the ring
    await runScenario(scenario, { out: join(dir, 'threaded'), report: false });
    const names = readdirSync(join(dir, 'main-thread')).filter((f) => f !== 'run_info.json');
    expect(names).toContain('events.arrow');
    for (const f of names) expect(readFileSync(join(dir, 'threaded', f)).equals(readFileSync(join(dir, 'main-thread', f))), f).toBe(true);
  });

  it('fails with a clear error and leaves no folder when the writer thread does not start', async () => {
    inject.opts = { blockBytes: 1 << 14, stallMs: 300, start: (_s, workerData, transfer) => startWorker("throw new Error('injected')", { eval: true, workerData, transferList: transfer }) };
    const parent = mkdtempSync(join(dir, 'failing-'));
    const out = join(parent, 'run');
    await expect(runScenario(scenario, { out, report: false })).rejects.toThrow(/the thread writing .*events\.arrow did not start \(no progress in 0\.3 s\)/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]); // no temp folder left behind either
    inject.opts = {};
  });
});

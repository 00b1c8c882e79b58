import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { startWorker } from '../../../engine/core/start-worker.js';
import { startInputHashing } from '../../../engine/io/input-hashing.js';
import { inputHashes } from '../../../engine/io/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-input-hashing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = loadScenario(join(process.cwd(), 'scenarios/quickstart.yaml'), { cwd: dir });

describe('startInputHashing', () => {
  it('gives inputHashes’ values on a worker thread and on the main thread', async () => {
    const expected = inputHashes(scenario);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(await startInputHashing(scenario, { alwaysThread: true }).result()).toEqual(expected);
    expect(await startInputHashing(scenario).result()).toEqual(expected); // small inputs: no thread
  });

  it('rejects with a clear error, not a hang, when the worker fails to start', async () => {
    const h = startInputHashing(scenario, { alwaysThread: true, stallMs: 300, start: (_s, workerData) => startWorker("throw new Error('injected')", { eval: true, workerData }) });
    await expect(h.result()).rejects.toThrow('bt: internal: the thread hashing the input files failed: injected');
  });

  it('rejects with a clear error when the worker ends without an answer, or sends nothing within the bound', async () => {
    const ends = startInputHashing(scenario, { alwaysThread: true, stallMs: 5000, start: (_s, workerData) => startWorker('0', { eval: true, workerData }) });
    await expect(ends.result()).rejects.toThrow('bt: internal: the thread hashing the input files ended (exit code 0) before it finished');
    const silent = startInputHashing(scenario, { alwaysThread: true, stallMs: 300, start: (_s, workerData) => startWorker('setTimeout(() => {}, 2000)', { eval: true, workerData }) });
    await expect(silent.result()).rejects.toThrow('bt: internal: the thread hashing the input files stopped answering (nothing in 0.3 s)');
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { makeTinyWorkspace } from '../../helpers/tiny-workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-events-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => makeTinyWorkspace(dir));

/** Every column of a table as plain values, row by row (dictionary columns as their strings). */
function columns(t: Table): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) out[f.name] = [...(t.getChild(f.name)?.toArray() ?? [])];
  return out;
}

describe('openEventsFile', () => {
  it('writes a log spilled in many record batches with the content of the one in-memory log, row for row', async () => {
    const scenario = join(dir, 'tiny.yaml');
    const inMemory = await runScenario(scenario);
    const spilled = await runScenario(scenario, { out: join(dir, 'spilled'), report: false, eventBatchRows: 37 });
    const whole = tableFromIPC(inMemory.files['events.arrow'] as Uint8Array);
    const file = tableFromIPC(readFileSync(join(dir, 'spilled', 'events.arrow')));
    // the tiny run logs a few hundred rows: over ten 37-row batches, one in memory
    expect(whole.batches.length).toBe(1);
    expect(file.batches.length).toBe(Math.ceil(whole.numRows / 37));
    expect(file.batches.length).toBeGreaterThan(10);
    expect(file.numRows).toBe(whole.numRows);
    expect(spilled.loggedEvents).toBe(whole.numRows);
    expect(columns(file)).toEqual(columns(whole));
    for (const name of ['targets.arrow', 'agent_weights.arrow', 'kills.arrow', 'equity.arrow', 'metrics.json', 'final_state.json']) {
      expect(readFileSync(join(dir, 'spilled', name)).equals(Buffer.from(inMemory.files[name] as Uint8Array | string)), name).toBe(true);
    }
  });

  it('writes the bytes of the in-memory events.arrow at the default batch size, and the manifest hashes them', async () => {
    const scenario = join(dir, 'tiny.yaml');
    const inMemory = await runScenario(scenario);
    const spilled = await runScenario(scenario, { out: join(dir, 'default'), report: false });
    const bytes = readFileSync(join(dir, 'default', 'events.arrow'));
    expect(bytes.equals(Buffer.from(inMemory.files['events.arrow'] as Uint8Array))).toBe(true);
    expect(Buffer.from(spilled.files['events.arrow'] as Uint8Array).equals(bytes)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'default', 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    const { createHash } = await import('node:crypto');
    expect(manifest.outputs['events.arrow']).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

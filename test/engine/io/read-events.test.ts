import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { forEachEvent, readEventsArrow } from '../../../engine/io/read-events.js';
import { runBt } from '../../helpers/run-cli.js';
import { makeTinyWorkspace } from '../../helpers/tiny-workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-read-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => makeTinyWorkspace(dir));

describe('forEachEvent', () => {
  it('reads a log spilled in many record batches as the one-batch log, row for row, and bt replay rebuilds the run from it', async () => {
    const scenario = join(dir, 'tiny.yaml');
    await runScenario(scenario, { out: join(dir, 'one'), report: false });
    await runScenario(scenario, { out: join(dir, 'many'), report: false, eventBatchRows: 37 });
    const one = readEventsArrow(join(dir, 'one', 'events.arrow'));
    const rows: number[] = [];
    const many: unknown[] = [];
    const n = forEachEvent(join(dir, 'many', 'events.arrow'), (e, row) => {
      many.push(e);
      rows.push(row);
    });
    expect(one.length).toBeGreaterThan(10 * 37);
    expect(n).toBe(one.length);
    expect(rows).toEqual(one.map((_, i) => i));
    expect(many).toEqual(one);
    expect(one.some((e) => e.text !== null)).toBe(true);
    const r = runBt(['replay', join(dir, 'many')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`${one.length} logged events`);
  });
});

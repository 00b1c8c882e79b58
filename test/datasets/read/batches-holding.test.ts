import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnyArrowFile } from '../../../datasets/read/open-arrow-file.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { forEachEventLogBatch } from '../../../engine/io/event-log-columns.js';
import { readEventsArrow } from '../../../engine/io/read-events.js';
import { readMultiplierLog } from '../../../engine/report/read-run-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-batches-holding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'run', 'events.arrow');
// 37-row batches: most hold no multiplier change, a few hold a retirement
beforeAll(async () => {
  await runScenario('scenarios/quickstart.yaml', { out: join(dir, 'run'), report: false, eventBatchRows: 37 });
}, 60_000);

describe('batchesHolding', () => {
  it.each([[['multiplier_updated']], [['agent_retired', 'class_retired']], [['class_retired']], [['guardian_paused']], [['agent_promoted']]])('reads exactly the batches a full scan finds holding %j, each with its first row', (kinds) => {
    const file = openAnyArrowFile(path);
    const all = [...file.batches()];
    let row = 0;
    const want: [number, number][] = [];
    for (const b of all) {
      const k = b.getChild('kind');
      if (Array.from({ length: b.numRows }, (_, i) => String(k?.get(i))).some((x) => kinds.includes(x))) want.push([row, b.numRows]);
      row += b.numRows;
    }
    const got = [...file.batchesHolding('kind', kinds)].map(({ batch, firstRow }) => [firstRow, batch.numRows]);
    expect(all.length).toBeGreaterThan(250);
    expect(got).toEqual(want);
  });

  it('reads every batch, with its first row, for a column that is not a dictionary column (nothing to check cheaply)', () => {
    const file = openAnyArrowFile(path);
    const got = [...file.batchesHolding('v1', ['anything'])];
    const all = [...file.batches()];
    expect(got.map((g) => g.batch.numRows)).toEqual(all.map((b) => b.numRows));
    expect(got.map((g) => g.firstRow)).toEqual(all.map((_, i) => all.slice(0, i).reduce((n, b) => n + b.numRows, 0)));
  });

  it('gives the multiplier series a full decode gives, bit for bit, reading a fraction of the batches', () => {
    const events = readEventsArrow(path);
    const rows = events.filter((e) => e.kind === 'multiplier_updated');
    const series = readMultiplierLog(path);
    const text = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
    expect(series.tsMs.length).toBe(rows.length);
    expect(Array.from(series.tsMs, text)).toEqual(rows.map((e) => text(e.tsMs)));
    expect(Array.from(series.value, text)).toEqual(rows.map((e) => text(e.v1)));
    expect(Array.from(series.keyId, (k) => series.keys[k])).toEqual(rows.map((e) => e.agent));
    let visited = 0;
    forEachEventLogBatch(path, () => visited++, { names: ['agent'], onlyKinds: ['multiplier_updated'] });
    expect(visited).toBeLessThan(openAnyArrowFile(path).rowCount() / 37);
  });

  it('names every agent of the file even when no batch holds the kind asked for', () => {
    const everyAgent = new Set(readEventsArrow(path).flatMap((e) => (e.agent === null ? [] : [e.agent])));
    let visited = 0;
    let agents: readonly string[] = [];
    forEachEventLogBatch(path, () => visited++, { names: ['agent'], onlyKinds: ['agent_promoted'] }); // the quickstart promotes no one
    forEachEventLogBatch(path, (_, dicts) => (agents = dicts.agent.values), { names: ['agent'], onlyKinds: ['class_retired'] });
    expect(visited).toBe(0);
    expect([...agents].sort()).toEqual([...everyAgent].sort());
    expect(readMultiplierLog(path).keys.length).toBe(everyAgent.size);
  });
});

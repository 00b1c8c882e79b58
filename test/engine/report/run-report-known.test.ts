import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { readMultiplierLog, readRunDir } from '../../../engine/report/read-run-dir.js';
import { openEventsFile } from '../../../engine/io/events-file.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { prepareScenarioRun } from '../../../engine/run/run-scenario.js';
import { runBacktest } from '../../../engine/run/run.js';
import { readScenarioFile } from '../../../engine/scenario/read-scenario-file.js';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { writeRunReport } from '../../../engine/report/write-run-report.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-report-known-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reportFiles = (run: string): Record<string, string> => {
  const folder = join(run, 'report');
  return Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
};

describe('the report bt run writes', () => {
  // events.arrow in batches of 997 rows: the multiplier rows the run keeps come from many batches
  it('charts the multiplier changes the run kept as it wrote events.arrow exactly as the file gives them: the same report files as bt report rebuilds from the files in the same process', async () => {
    const run = join(dir, 'run');
    await runScenario('scenarios/quickstart.yaml', { out: run, eventBatchRows: 997 });
    const written = reportFiles(run);
    const fromFile = readRunDir(run).multipliers;
    expect(fromFile.tsMs.length).toBeGreaterThan(997);
    await writeRunReport(run); // as `bt report DIR`: everything read back from the files
    // every file: the charts' specs and data, and their SVGs (gradient and clip ids restart at every SVG)
    expect(Object.keys(written)).toContain('decay-multipliers.vl.json');
    expect(reportFiles(run)).toEqual(written);
  }, 60_000);

  it('keeps, as events.arrow is written, the multiplier series reading the file back gives, bit for bit', () => {
    const scenario = readScenarioFile('scenarios/quickstart.yaml', { allocators: allocatorParamSpecs() });
    const data = loadRunData(runDataPaths(scenario));
    const p = prepareScenarioRun(scenario, data, ALLOCATORS);
    const path = join(dir, 'events.arrow');
    const events = openEventsFile(path, data, 997, { multipliers: true });
    const ran = runBacktest(data, p.cfg, p.plugin, p.params, { spill: { sink: events.sink, batchRows: 997 } });
    events.finish(ran.state.log);
    const kept = events.multipliers();
    const read = readMultiplierLog(path);
    expect(kept).not.toBeNull();
    expect(read.tsMs.length).toBeGreaterThan(997);
    expect(kept?.keys).toEqual(read.keys);
    for (const k of ['tsMs', 'keyId', 'value'] as const) expect(Array.from(kept?.[k] ?? [], (x) => Object.is(x, -0) ? '-0' : String(x))).toEqual(Array.from(read[k], (x) => Object.is(x, -0) ? '-0' : String(x)));
  }, 60_000);
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario as runScenarioFolder } from '../../../engine/api/run-scenario.js';
import { appendEvent, appendOutcomeBlock, newEventLog, type EventLog } from '../../../engine/events/log.js';
import { columnsToIpc } from '../../../engine/io/arrow-table.js';
import { eventsArrowBytes } from '../../../engine/io/events-arrow-bytes.js';
import { EVENTS_METADATA, eventsColumns } from '../../../engine/io/events-file.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { runOutputFiles } from '../../../engine/io/write-run-outputs.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { readScenarioFile } from '../../../engine/scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../../strategies/index.js';
import { makeTinyWorkspace } from '../../helpers/tiny-workspace.js';
import { appendFullOutcomes } from '../../helpers/expanded-log.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-events-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => makeTinyWorkspace(dir));

/** 1000 findings over 9 agents (agent 8 without a class) and 6 symbols, with their names. */
const DATA = {
  agents: Array.from({ length: 9 }, (_, a) => `agent_${a}`),
  symbols: Array.from({ length: 6 }, (_, s) => `SYM${s}`),
  strategies: ['alpha', 'beta', 'gamma'],
  findings: {
    tsMs: new Float64Array(1000),
    agentId: Int32Array.from({ length: 1000 }, (_, r) => (r * 5) % 9),
    symbolId: Int32Array.from({ length: 1000 }, (_, r) => (r * 7) % 6),
    confidence: new Float64Array(1000),
    severityMult: new Float64Array(1000),
    direction: new Int8Array(1000),
  },
  agentStrategy: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, -1]),
  // every block here stores its pnl (appendOutcomeBlock): no closes read
  prices: { n: 0, tsMs: new Float64Array(0), symbolId: new Int32Array(0), close: new Float64Array(0) },
};

/** Blocks of 997 outcomes (140k rows: three 65,536-row record batches, cut inside blocks) with text rows between. */
function replay(log: EventLog, compact: boolean): void {
  for (let b = 0; b < 140; b++) {
    const n = 997;
    const t = 10_000 + b * 3600_000;
    const row = Float64Array.from({ length: n }, (_, i) => (b * 31 + i) % 1000);
    const pnl = Float64Array.from({ length: n }, (_, i) => (i % 17) - b / 7);
    const expected = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Number.NaN : i / 3));
    if (compact) appendOutcomeBlock(log, t, row, pnl, expected, n);
    else appendFullOutcomes(log, DATA, t, row, pnl, expected, n);
    appendEvent(log, 'rebalance_skipped', t, -1, -1, -1, b, Number.NaN, Number.NaN, `below threshold ${b}`);
    appendEvent(log, 'targets_set', t, -1, b % 6, -1, b / 140);
  }
}

describe('eventsArrowBytes', () => {
  it('writes the bytes columnsToIpc writes for the full rows, for a log of outcome blocks cut by record batches', () => {
    const full = newEventLog(1024);
    replay(full, false);
    const compact = newEventLog(1024);
    replay(compact, true);
    expect(full.length).toBeGreaterThan(2 * 65_536);
    const want = columnsToIpc(eventsColumns(full, DATA), full.length, EVENTS_METADATA);
    expect(Buffer.from(eventsArrowBytes(compact, DATA)).equals(Buffer.from(want))).toBe(true);
    expect(Buffer.from(eventsArrowBytes(full, DATA)).equals(Buffer.from(want))).toBe(true);
  });

  it('writes an empty log as one empty record batch, as columnsToIpc does', () => {
    const empty = newEventLog(4);
    const want = columnsToIpc(eventsColumns(empty, DATA), 0, EVENTS_METADATA);
    expect(Buffer.from(eventsArrowBytes(empty, DATA)).equals(Buffer.from(want))).toBe(true);
  });

  it('gives a run on decoded data (outcomes held compactly) the events.arrow of the spilled run folder', async () => {
    const scenario = join(dir, 'tiny.yaml');
    const sc = readScenarioFile(scenario, { allocators: allocatorParamSpecs() });
    const data = loadRunData(runDataPaths(sc));
    const run = runScenario(sc, data, ALLOCATORS);
    expect(run.outcome.state.log.outcomes.blocks).toBeGreaterThan(0);
    const files = runOutputFiles(data, run.outcome.state, run.metrics, false, null, run.cfg.initialCapital);
    await runScenarioFolder(scenario, { out: join(dir, 'spilled'), report: false, eventBatchRows: 37 });
    await runScenarioFolder(scenario, { out: join(dir, 'default'), report: false });
    const spilled = readFileSync(join(dir, 'default', 'events.arrow'));
    expect(Buffer.from(files['events.arrow'] as Uint8Array).equals(spilled)).toBe(true);
    for (const name of ['targets.arrow', 'agent_weights.arrow', 'kills.arrow', 'equity.arrow', 'metrics.json', 'final_state.json']) {
      expect(readFileSync(join(dir, 'spilled', name)).equals(Buffer.from(files[name] as Uint8Array | string)), name).toBe(true);
    }
  });
});

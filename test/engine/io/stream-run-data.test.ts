import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { openRunStream } from '../../../engine/io/stream-run-data.js';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { inputErrorMessage } from '../../helpers/input-error.js';
import { expandedLog } from '../../helpers/expanded-log.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 11, agents: 8, symbols: 6, startMs: start, endMs: start + 20 * MS.day, freqMs: MS.hour });
const paths = { findings: join(dir, 'findings.arrow'), prices: join(dir, 'prices.arrow'), agents: join(dir, 'agents.arrow'), killList: join(dir, 'kill_list.yaml'), display: {} };
// Small record batches, so the replay crosses many batch boundaries.
writeFindingsArrow(paths.findings, u.findings, { batchRows: 97 });
writePricesArrow(paths.prices, u.prices as NonNullable<typeof u.prices>, { batchRows: 101 });
writeAgentsArrow(paths.agents, u.agents);
writeKillListYaml(paths.killList, u.killList);

/** A copy of the universe's findings file at `name`, with `edit` applied to a copy of its columns. */
function findingsWith(name: string, edit: (f: { confidence: Float64Array; agentCodes: Int32Array; agentNames: string[] }) => void): typeof paths {
  const f = u.findings;
  const cols = { confidence: f.confidence.slice(), agentCodes: f.agent.codes.slice(), agentNames: [...f.agent.dictionary] };
  edit(cols);
  const file = join(dir, name);
  writeFindingsArrow(file, { ...f, confidence: cols.confidence, agent: { dictionary: cols.agentNames, codes: cols.agentCodes } }, { batchRows: 97 });
  return { ...paths, findings: file };
}

const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
const params = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };

describe('openRunStream', () => {
  it('replays batch by batch to exactly the run of the whole decoded files, and resumes across a batch boundary', async () => {
    const { serialize, deserialize } = await import('node:v8');
    const whole = loadRunData(paths);
    const streamed = openRunStream(paths).data;
    expect(streamed.agents).toEqual(whole.agents);
    expect(streamed.symbols).toEqual(whole.symbols);
    expect(streamed.strategies).toEqual(whole.strategies);
    expect(whole.findings.n).toBeGreaterThan(500);
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour });
    const a = runBacktest(whole, cfg, plug, params);
    const b = runBacktest(streamed, cfg, plug, params);
    expect(b.counters).toEqual(a.counters);
    expect(Array.from(b.state.out.equity.data.subarray(0, b.state.out.equity.length))).toEqual(Array.from(a.state.out.equity.data.subarray(0, a.state.out.equity.length)));
    const logA = expandedLog(a.state.log, whole);
    const logB = expandedLog(b.state.log, streamed);
    expect(Array.from(logB.v1.subarray(0, logB.length))).toEqual(Array.from(logA.v1.subarray(0, logA.length)));
    expect(finalStateOf(streamed, b.state)).toEqual(finalStateOf(whole, a.state));
    const stopped = runBacktest(streamed, cfg, plug, params, { stopAfterMs: start + 9.5 * MS.day });
    const resumed = runBacktest(openRunStream(paths).data, cfg, plug, params, { resume: deserialize(serialize(stopped.snapshot)) });
    expect(resumed.counters).toEqual(a.counters);
    expect(finalStateOf(streamed, resumed.state)).toEqual(finalStateOf(whole, a.state));
  });

  it('checks the findings rows a replay stops before: a bad row after the stop fails the run with the message of a full check', () => {
    const n = u.findings.length;
    const bad = findingsWith('bad-late.arrow', (f) => (f.confidence[n - 3] = 1.5));
    const whole = loadRunData(paths);
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour });
    const expected = inputErrorMessage(() => loadRunData(bad));
    expect(expected).toMatch(new RegExp(`row ${n - 2}: confidence`));
    const stream = openRunStream(bad);
    expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params, { stopAfterMs: start + 2 * MS.day })))).toBe(expected);
  });
  it('reports an invalid findings row before an earlier replay error, as when every row was checked first', () => {
    const n = u.findings.length;
    const bad = findingsWith('bad-two.arrow', (f) => {
      f.agentNames.push('nobody');
      f.agentCodes[5] = f.agentNames.length - 1; // unknown agent: the replay's error, early
      f.confidence[n - 10] = -1; // invalid row: the full check's error, late
    });
    const expected = inputErrorMessage(() => loadRunData(bad));
    expect(expected).toMatch(/confidence: expected a number in \[0, 1\], found -1/);
    const stream = openRunStream(bad);
    const cfg = syntheticRunConfig(loadRunData(paths), { cadenceMs: 6 * MS.hour });
    expect(inputErrorMessage(() => stream.replay(() => runBacktest(stream.data, cfg, plug, params)))).toBe(expected);
  });
});

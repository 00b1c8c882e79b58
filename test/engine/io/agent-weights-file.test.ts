import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { BATCH_ROWS, columnsToIpc } from '../../../engine/io/arrow-table.js';
import { openAgentWeightsFile } from '../../../engine/io/agent-weights-file.js';
import { growableF64, pushF64 } from '../../../engine/core/growable.js';
import { weightRowColumns, type WeightRowColumns } from '../../../engine/run/weight-rows.js';
import { handOverRows } from '../../../engine/run/row-batches.js';
import { btSync } from '../../helpers/tiny-workspace.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runBacktest } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-agent-weights-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

/** Row i of a synthetic weight series: a daily time (7 agents a day), an agent, a weight, a multiplier. */
function row(i: number): [number, number, number, number] {
  return [Date.UTC(2020, 0, 1) + Math.floor(i / 7) * 86_400_000, i % 7, ((i * 7919) % 1000) / 4000, 0.5 + ((i * 104_729) % 600) / 1000];
}

function emptyColumns(): WeightRowColumns {
  return { weightTs: growableF64(), weightAgent: growableF64(), weightValue: growableF64(), weightMultiplier: growableF64() };
}

function push(out: WeightRowColumns, i: number): void {
  const [t, a, w, m] = row(i);
  pushF64(out.weightTs, t);
  pushF64(out.weightAgent, a);
  pushF64(out.weightValue, w);
  pushF64(out.weightMultiplier, m);
}

/** agent_weights.arrow of rows [0, n) as the whole file in memory: its columns spelled out here, cut by columnsToIpc. */
function wholeFile(n: number): Uint8Array {
  const cols = { ts: new Float64Array(n), agent: new Int32Array(n), weight: new Float64Array(n), multiplier: new Float64Array(n) };
  for (let i = 0; i < n; i++) [cols.ts[i], cols.agent[i], cols.weight[i], cols.multiplier[i]] = row(i);
  return columnsToIpc(
    [
      { name: 'ts', type: 'timestamp-ms', values: cols.ts },
      { name: 'agent', type: 'dict', codes: cols.agent, dictionary: AGENTS },
      { name: 'weight', type: 'float64', values: cols.weight },
      { name: 'confidence_multiplier', type: 'float64', values: cols.multiplier },
    ],
    n,
    new Map([['bt.kind', 'agent_weights']]),
  );
}

describe('openAgentWeightsFile', () => {
  it.each([0, 1, BATCH_ROWS - 1, BATCH_ROWS, 2 * BATCH_ROWS + 3])('writes %i rows handed over after each tick as the bytes of the whole file cut by columnsToIpc', (n) => {
    const path = join(dir, `rows-${n}.arrow`);
    const file = openAgentWeightsFile(path, AGENTS);
    const out = emptyColumns();
    // ticks of 1..5000 rows, as a tick logs at most one row per agent
    for (let i = 0, tick = 1; i < n; tick = (tick * 31) % 5000 + 1) {
      const end = Math.min(n, i + tick);
      for (; i < end; i++) push(out, i);
      handOverRows(weightRowColumns(out), file.sink);
      // the columns never hold a whole batch between ticks
      expect(out.weightTs.length).toBeLessThan(BATCH_ROWS);
    }
    file.finish(weightRowColumns(out));
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(wholeFile(n)))).toBe(true);
    expect(tableFromIPC(bytes).numRows).toBe(n);
  });

  it('takes over the rows a resumed run holds (more than a batch) at its finish too: the same bytes as the unbroken series', () => {
    const n = 2 * BATCH_ROWS + 5;
    const out = emptyColumns();
    for (let i = 0; i < n; i++) push(out, i); // in memory: no tick has handed them over
    const path = join(dir, 'held.arrow');
    const file = openAgentWeightsFile(path, AGENTS);
    file.finish(weightRowColumns(out));
    expect(readFileSync(path).equals(Buffer.from(wholeFile(n)))).toBe(true);
  });
});

describe('bt run --out writes agent_weights.arrow as the run goes', () => {
  it('writes the in-memory run\'s agent_weights.arrow (runOutputFiles) over more than one batch, and the result reads it back', async () => {
    // 400 agents over 18 months of daily ticks: the weights of many move every tick, more than a batch of rows
    const g = btSync(dir, ['data', 'generate', '--seed', '5', '--agents', '400', '--symbols', '20', '--start', '2022-01-01', '--end', '2023-06-30', '--freq', '1d', '--findings-per-agent-per-bar', '1', '--out', 'many-agents']);
    if (g.code !== 0) throw new Error(g.stderr);
    const scenario = join(dir, 'many-agents.yaml');
    writeFileSync(
      scenario,
      ['name: many-agents', 'data:', '  findings: many-agents/findings.arrow', '  prices: many-agents/prices.arrow', '  agents: many-agents/agents.arrow', 'clock:', '  cadence: 1d', 'allocator:', '  variant: risk-penalized', 'kill:', '  enabled: false', ''].join('\n'),
    );
    const inMemory = await runScenario(scenario);
    const whole = inMemory.files['agent_weights.arrow'] as Uint8Array;
    expect(tableFromIPC(whole).numRows).toBeGreaterThan(BATCH_ROWS);
    const out = join(dir, 'many-agents-out');
    const streamed = await runScenario(scenario, { out, report: false });
    expect(readFileSync(join(out, 'agent_weights.arrow')).equals(Buffer.from(whole))).toBe(true);
    expect((streamed.files['agent_weights.arrow'] as Uint8Array).length).toBe(whole.length);
    expect(streamed.tables.agent_weights.numRows).toBe(tableFromIPC(whole).numRows);

    // the run hands the rows over after each tick: it holds less than a batch and a tick's rows (one per agent), not the run's
    const u = join(dir, 'many-agents');
    const data = loadRunData({ findings: join(u, 'findings.arrow'), prices: join(u, 'prices.arrow'), agents: join(u, 'agents.arrow'), display: {} });
    const cfg = syntheticRunConfig(data, { cadenceMs: MS.day });
    const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
    const kept = runBacktest(data, cfg, plug, defaultsOf(plug)).state.out;
    const handed: number[][] = [];
    const batchRows = 1000;
    const spilled = runBacktest(data, cfg, plug, defaultsOf(plug), {
      weightSink: { batchRows, append: ([ts, a, w, m]) => (ts as Float64Array).forEach((t, k) => handed.push([t, a?.[k] as number, w?.[k] as number, m?.[k] as number])) },
    }).state.out;
    const rowsOf = (o: WeightRowColumns, from: number, to: number): number[][] =>
      Array.from({ length: to - from }, (_, k) => [o.weightTs.data[from + k], o.weightAgent.data[from + k], o.weightValue.data[from + k], o.weightMultiplier.data[from + k]] as number[]);
    expect(kept.weightTs.length).toBeGreaterThan(20 * batchRows);
    expect(spilled.weightTs.length).toBeLessThan(batchRows + data.agents.length);
    expect(handed.length % batchRows).toBe(0);
    expect([...handed, ...rowsOf(spilled, 0, spilled.weightTs.length)]).toEqual(rowsOf(kept, 0, kept.weightTs.length));
  }, 60_000);
});

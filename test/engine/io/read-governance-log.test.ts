import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dictionary, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { collectGovernanceLog } from '../../../engine/events/governance-log-collector.js';
import { openEventsFile } from '../../../engine/io/events-file.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { prepareScenarioRun } from '../../../engine/run/run-scenario.js';
import { runBacktest } from '../../../engine/run/run.js';
import { readScenarioFile } from '../../../engine/scenario/read-scenario-file.js';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { MS } from '../../../engine/core/time.js';
import type { GovernanceLog } from '../../../engine/governance/governance-log.js';
import { governanceLogOf, weightRowsOf } from '../../reference/governance-log-of.js';
import { periodOutcomes } from '../../../engine/governance/outcome-ledger.js';
import { readEventsArrow } from '../../../engine/io/read-events.js';
import { readGovernanceLog } from '../../../engine/io/read-governance-log.js';
import { isoWeeksBetween } from '../../../engine/report/lp/iso-week.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-governance-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
const seenKinds = new Set<string>();

/** The same kept events, span and classes, and the same outcomes (count, hits, every agent's sums to the bit) on every UTC day and ISO week of the run. */
function expectSameGovernanceLog(got: GovernanceLog, want: GovernanceLog): void {
  expect(got.span).toEqual(want.span);
  expect(got.log).toEqual(want.log);
  expect(got.weights.n).toBe(want.weights.n);
  expect(weightRowsOf(got.weights)).toEqual(weightRowsOf(want.weights));
  expect(got.agentClass).toEqual(want.agentClass);
  const agents = [...new Set([...got.outcomes.agents, ...want.outcomes.agents])].sort();
  const { firstMs, lastMs } = want.span!;
  const periods: [number, number][] = isoWeeksBetween(firstMs, lastMs).map((w) => [w.startMs, w.endMs]);
  for (let d = Math.floor(firstMs / MS.day) * MS.day; d <= lastMs; d += MS.day) periods.push([d, d + MS.day]);
  for (const [s, e] of periods) {
    const a = periodOutcomes(got.outcomes, s, e);
    const b = periodOutcomes(want.outcomes, s, e);
    expect([a.outcomes, a.hits]).toEqual([b.outcomes, b.hits]);
    expect(agents.map((x) => text(a.pnl.get(x) ?? 0))).toEqual(agents.map((x) => text(b.pnl.get(x) ?? 0)));
    expect(agents.map((x) => text(a.pnlToDate.get(x) ?? 0))).toEqual(agents.map((x) => text(b.pnlToDate.get(x) ?? 0)));
  }
}

describe('readGovernanceLog', () => {
  // quickstart retires the sentiment class; capital-governor pauses the guardian: every kept kind, over many 97-row batches
  it.each(['quickstart', 'capital-governor'])('streams events.arrow of %s to what governanceLogOf gives over the decoded events: kept events, span, classes, and every day and week of outcomes to the bit', async (name) => {
    const run = join(dir, name);
    await runScenario(`scenarios/${name}.yaml`, { out: run, report: false, eventBatchRows: 97 });
    const path = join(run, 'events.arrow');
    const events = readEventsArrow(path);
    const want = governanceLogOf(events);
    const got = readGovernanceLog(path, Number.NEGATIVE_INFINITY);
    expect(events.length).toBeGreaterThan(100 * 97);
    expect(got.log.length).toBeGreaterThan(100);
    // weights_set rows as columns, not an event object each (agents x ticks of them on a large desk)
    expect(got.weights.n).toBe(events.filter((e) => e.kind === 'weights_set').length);
    expect(got.weights.n).toBeGreaterThan(100);
    expect(got.log.some((e) => e.kind === 'weights_set')).toBe(false);
    expectSameGovernanceLog(got, want);
  }, 60_000);

  it.each(['quickstart', 'capital-governor'])('builds, as a run of %s writes events.arrow (bt run --governance), the governance log reading the file back gives', (name) => {
    const scenario = readScenarioFile(`scenarios/${name}.yaml`, { allocators: allocatorParamSpecs() });
    const data = loadRunData(runDataPaths(scenario));
    const p = prepareScenarioRun(scenario, data, ALLOCATORS);
    const path = join(dir, `${name}-collected.arrow`);
    const events = openEventsFile(path, data, 97, { governance: collectGovernanceLog(data, p.cfg.startMs) });
    const ran = runBacktest(data, p.cfg, p.plugin, p.params, { spill: { sink: events.sink, batchRows: 97 } });
    events.finish(ran.state.log);
    const collected = events.governanceLog();
    const read = readGovernanceLog(path, p.cfg.startMs);
    expect(read.log.length).toBeGreaterThan(100);
    expect(read.outcomes.days.length).toBeGreaterThan(100);
    expect(collected).toEqual(read);
  }, 60_000);

  // Generated universes: closes weekly to hourly (sparser and denser than the daily ticks), agents
  // joining late, mixed horizons, the guardian and a class kill list; every allocator variant.
  const universes = [
    { seed: 5, days: 60, priceStepHours: [168, 24, 6], agentClasses: [0, 0, 1, 1, 2, -1], findingsPerDay: 3, horizonsHours: [24, 72], joinDay: [0, 0, 10, 0, 25, 0], shortFraction: 0.3 },
    { seed: 11, days: 45, priceStepHours: [1, 24], agentClasses: [0, 1, 2, 2], findingsPerDay: 6, horizonsHours: [6, 24] },
  ];
  it.each(Object.keys(ALLOCATORS).flatMap((variant) => universes.map((u, i) => [variant, i] as const)))('builds, as the run writes its log, what reading the file back gives and what a scan of the events gives: %s on generated universe %i', (variant, i) => {
    const data = { ...generatedRunData(universes[i] as (typeof universes)[number]), killList: { macro: { maxDrawdownBps: -80 } } };
    const base = syntheticRunConfig(data);
    const cfg = syntheticRunConfig(data, { governor: { ...base.governor, reallocationThreshold: 0.01, guardian: { enabled: true, pauseDrawdown: 0.01, resumeDrawdown: 0.005 } } });
    const path = join(dir, `${variant}-${i}.arrow`);
    const events = openEventsFile(path, data, 61, { governance: collectGovernanceLog(data, cfg.startMs) });
    const plugin = ALLOCATORS[variant] as AllocatorPlugin;
    const ran = runBacktest(data, cfg, plugin, defaultsOf(plugin), { spill: { sink: events.sink, batchRows: 61 } });
    events.finish(ran.state.log);
    const read = readGovernanceLog(path, cfg.startMs);
    expect(events.governanceLog()).toEqual(read);
    const scanned = governanceLogOf(readEventsArrow(path), cfg.startMs);
    expectSameGovernanceLog(read, scanned);
    for (const e of read.log) seenKinds.add(e.kind);
    if (read.weights.n > 0) seenKinds.add('weights_set');
    expect(read.outcomes.days.length).toBeGreaterThan(20);
  }, 60_000);

  it('saw every kind the governance log keeps across the generated runs', () => {
    expect([...seenKinds].sort()).toEqual(expect.arrayContaining(['agent_killed', 'guardian_paused', 'guardian_resumed', 'targets_set', 'weights_set']));
  });

  it('names the row where time goes back, and the row of a kind bt does not log', async () => {
    const run = join(dir, 'tiny');
    await runScenario('scenarios/quickstart.yaml', { out: run, report: false, eventBatchRows: 997 });
    const table = tableFromIPC(readFileSync(join(run, 'events.arrow')));
    // the batches in reverse order: time first goes back where the second batch starts
    const reversed = join(dir, 'reversed.arrow');
    writeFileSync(reversed, tableToIPC(new Table([...table.batches].reverse()), 'file'));
    const ts = readEventsArrow(reversed).map((e) => e.tsMs);
    const back = ts.findIndex((t, i) => i > 0 && t < (ts[i - 1] as number));
    expect(back).toBeGreaterThan(0);
    expect(() => readGovernanceLog(reversed, Number.NEGATIVE_INFINITY)).toThrow(new RegExp(`reversed\\.arrow: row ${back + 1}: ts: expected times in log order`));
    // row 12 of a small log gets a kind bt never writes
    const head = table.slice(0, 40);
    const kinds = Array.from({ length: head.numRows }, (_, i) => (i === 11 ? 'order_sent' : String(head.getChild('kind')?.get(i))));
    const columns = Object.fromEntries(head.schema.fields.map((f) => [f.name, f.name === 'kind' ? vectorFromArray(kinds, new Dictionary(new Utf8(), new Int32())) : head.getChild(f.name)!]));
    const bogus = join(dir, 'bogus.arrow');
    writeFileSync(bogus, tableToIPC(new Table(columns), 'file'));
    expect(() => readGovernanceLog(bogus, Number.NEGATIVE_INFINITY)).toThrow(/bogus\.arrow: row 12: kind: expected one of outcome_reconciled, .*found order_sent/);
  }, 60_000);
});

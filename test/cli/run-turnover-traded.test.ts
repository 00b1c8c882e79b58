import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../strategies/index.js';
import { applyOverrides } from '../../engine/sweep/apply-overrides.js';
import { planStages } from '../../engine/sweep/stage-plan.js';
import { runSweepTask } from '../../engine/sweep/run-sweep-task.js';
import type { SweepTask } from '../../engine/sweep/worker.js';
import { parseScenario } from '../../engine/scenario/parse.js';
import { loadRunData } from '../../engine/io/load-run-data.js';
import { runDataPaths } from '../../engine/io/run-data-paths.js';
import { runScenario } from '../../engine/run/run-scenario.js';

/**
 * metrics.json `turnover_traded_annualized` (docs/metrics.md) on scenarios/quickstart-costs.yaml,
 * whose no-trade band skips fills: recomputed from events.arrow and equity.arrow by this file's own
 * arithmetic, and the same value from every path that writes metrics: bt run (streamed), a run
 * resumed from a snapshot, an in-memory run, and a staged sweep's replays.
 */

const repo = process.cwd();
const SCENARIO = 'scenarios/quickstart-costs.yaml';
const dir = mkdtempSync(join(tmpdir(), 'bt-turnover-traded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOL = 1e-12;

interface Metrics {
  readonly turnover_annualized: number;
  readonly turnover_traded_annualized: number;
  readonly periods_per_year: number;
  readonly cost_breakdown: { readonly fills_skipped_band: number; readonly fills_skipped_minimum: number };
}

function bt(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

const metricsOf = (out: string): Metrics => JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Metrics;

/**
 * Sum over the fill rows of events.arrow of |q_after - q_before| x price / E, E the equity before
 * the fill's price block traded: the block's equity.arrow point plus the costs of its fills (a fill
 * swaps cash for shares at the close it is marked at, so only its cost moves equity).
 */
function tradedTurnoverFromFiles(out: string): { total: number; fills: number; equityPoints: number } {
  const ev = tableFromIPC(readFileSync(join(out, 'events.arrow')));
  const eq = tableFromIPC(readFileSync(join(out, 'equity.arrow')));
  const equityAfter = new Map<number, number>();
  for (let i = 0; i < eq.numRows; i++) equityAfter.set(Number(eq.getChild('ts')?.get(i)), Number(eq.getChild('equity')?.get(i)));
  const col = (name: string, i: number): unknown => ev.getChild(name)?.get(i);
  // the fill rows of each price block, in file order
  const blocks = new Map<number, { symbol: string; qty: number; price: number; cost: number }[]>();
  for (let i = 0; i < ev.numRows; i++) {
    if (String(col('kind', i)) !== 'fill') continue;
    const ts = Number(col('ts', i));
    const rows = blocks.get(ts) ?? [];
    rows.push({ symbol: String(col('symbol', i)), qty: Number(col('v1', i)), price: Number(col('v2', i)), cost: Number(col('v3', i)) });
    blocks.set(ts, rows);
  }
  const held = new Map<string, number>();
  let total = 0;
  let fills = 0;
  for (const [ts, rows] of blocks) {
    const after = equityAfter.get(ts);
    if (after === undefined) throw new Error(`no equity point at fill time ${ts}`);
    const before = after + rows.reduce((c, r) => c + r.cost, 0);
    for (const r of rows) {
      total += (Math.abs(r.qty - (held.get(r.symbol) ?? 0)) * r.price) / before;
      held.set(r.symbol, r.qty);
      fills++;
    }
  }
  return { total, fills, equityPoints: eq.numRows };
}

let streamed: Metrics;
beforeAll(() => {
  const r = bt('run', SCENARIO, '--out', join(dir, 'unbroken'), '--quiet', '--no-report');
  expect(r.code, r.stderr).toBe(0);
  streamed = metricsOf(join(dir, 'unbroken'));
}, 60_000);

describe('turnover_traded_annualized', () => {
  it('equals the sum over events.arrow fills of |traded| / the equity before their price block, per year (band skips, costs)', () => {
    const m = streamed;
    expect(m.cost_breakdown.fills_skipped_band).toBeGreaterThan(0);
    const f = tradedTurnoverFromFiles(join(dir, 'unbroken'));
    expect(f.fills).toBeGreaterThan(100);
    // monthly closes: 12 periods a year; years = equity points / 12
    expect(m.periods_per_year).toBe(12);
    const expected = f.total / (f.equityPoints / 12);
    expect(Math.abs(m.turnover_traded_annualized - expected)).toBeLessThanOrEqual(TOL * expected);
    // the skipped fills make it another figure than the target turnover
    expect(Math.abs(m.turnover_traded_annualized - m.turnover_annualized)).toBeGreaterThan(0.01);
  });

  it('is the same resumed from a snapshot as in the unbroken run', () => {
    const snap = join(dir, 'snap.bin');
    const stop = bt('run', SCENARIO, '--stop-after', '2005-06-30', '--snapshot', snap, '--quiet');
    expect(stop.code, stop.stderr).toBe(0);
    const r = bt('run', SCENARIO, '--resume', snap, '--out', join(dir, 'resumed'), '--quiet', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(metricsOf(join(dir, 'resumed')).turnover_traded_annualized).toBe(streamed.turnover_traded_annualized);
    expect(readFileSync(join(dir, 'resumed', 'metrics.json')).equals(readFileSync(join(dir, 'unbroken', 'metrics.json')))).toBe(true);
  }, 60_000);

  it('is the same in memory and in a staged sweep\'s replays as in the full run of each configuration', () => {
    const baseText = readFileSync(SCENARIO, 'utf8');
    const opts = { allocators: allocatorParamSpecs(), cwd: repo };
    // one upstream key: the band and minimum replay the portfolio, the symbol cap the targets too
    const configs = [0.01, 0.04].flatMap((band) =>
      [5000, 50_000].flatMap((minimum) =>
        [0.3, 0.2].map((cap) => ({
          id: `b${band}-m${minimum}-c${cap}`,
          scenario: parseScenario(applyOverrides(baseText, [['costs.no_trade_band', band], ['costs.min_trade_notional', minimum], ['targets.max_symbol_weight', cap]]), SCENARIO, opts),
        })),
      ),
    );
    const base = configs[0] as (typeof configs)[0];
    const data = loadRunData(runDataPaths(base.scenario));
    expect(runScenario(base.scenario, data, ALLOCATORS).metrics.turnover_traded_annualized).toBe(streamed.turnover_traded_annualized);
    const full = tradedTurnovers(planStages(configs, false), data).values;
    const staged = tradedTurnovers(planStages(configs, true, 2), data);
    expect(full.size).toBe(8);
    expect(new Set(staged.replays)).toEqual(new Set(['portfolio', 'targets']));
    expect([...staged.values.entries()].sort()).toEqual([...full.entries()].sort());
    expect(full.get(base.id)).toBe(streamed.turnover_traded_annualized);
    // each parameter moves it: a wider band, a larger minimum and a lower cap each trade less
    const at = (id: string): number => full.get(id) as number;
    expect(at('b0.04-m5000-c0.3')).toBeLessThan(at(base.id));
    expect(at('b0.01-m50000-c0.3')).toBeLessThan(at(base.id));
    expect(at('b0.01-m5000-c0.2')).toBeLessThan(at(base.id));
  }, 120_000);
});

/**
 * Runs a sweep plan task after task in this thread (as bt sweep's workers do); returns each
 * configuration's turnover_traded_annualized and the replays (portfolio, targets) run.
 */
function tradedTurnovers(plan: ReturnType<typeof planStages>, data: ReturnType<typeof loadRunData>): { values: Map<string, number | null>; replays: string[] } {
  const out = new Map<string, number | null>();
  const replays: string[] = [];
  const queue: SweepTask[] = [...plan.tasks];
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i] as SweepTask;
    const r = runSweepTask(t.scenario, t.upstream, data, ALLOCATORS, null);
    out.set(t.id, r.metrics.turnover_traded_annualized);
    if (t.upstream !== undefined && 'replay' in t.upstream) replays.push(t.upstream.replay);
    const empty = new Float64Array(0);
    queue.push(...plan.followUps({ kind: 'done', id: t.id, metrics: r.metrics, ts: empty, equity: empty, ...(r.tape !== null ? { tape: r.tape } : {}), ...(r.supervisor !== null ? { supervisor: r.supervisor } : {}) }));
  }
  return { values: out, replays: replays.sort() };
}

import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { expectedPnlBps } from '../../../engine/modules/reconcile/reconcile.js';
import { fitRidge, predictRidge, ridgeFeatureNames, ridgeWidth } from '../../../engine/modules/reconcile/ridge-model.js';
import { runBacktest } from '../../../engine/run/run.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { riskPenalized } from '../../../strategies/risk-penalized.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { generatedRunData } from '../../helpers/generated-run.js';

const TOL = 1e-9;
const RIDGE: RunConfig['expectedModel'] = { kind: 'ridge', bpsPerScore: 10, lambda: 5, retrainMs: 7 * MS.day, minOutcomes: 30 };

interface Ev { kind: string; tsMs: number; agent: number; v1: number; v2: number; v3: number; text: string | null }

function events(st: RunState): Ev[] {
  const log = st.log;
  const out: Ev[] = [];
  for (let i = 0; i < log.length; i++) {
    const id = log.textId[i] as number;
    out.push({ kind: LOGGED_EVENT_KINDS[log.kind[i] as number] as string, tsMs: log.tsMs[i] as number, agent: log.agent[i] as number, v1: log.v1[i] as number, v2: log.v2[i] as number, v3: log.v3[i] as number, text: id < 0 ? null : (log.texts[id] as string) });
  }
  return out;
}

function defaults(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(riskPenalized.params).map(([k, s]) => [k, (s as { default?: unknown }).default]));
}

/** The run's final state, its event log as full rows. */
function run(data: RunData, model: RunConfig['expectedModel']): RunState {
  const st = runBacktest(data, syntheticRunConfig(data, { expectedModel: model }), riskPenalized, defaults()).state;
  return { ...st, log: expandedLog(st.log, data) };
}

/** A fit's coefficients over every feature of the run (ridgeFeatureNames order): the log names only the roster at its time, the others are 0. */
const coefOf = (e: Ev, data: RunData): number[] => {
  const { coefficients, features } = JSON.parse(e.text as string) as { coefficients: number[]; features: string[] };
  const by = new Map(features.map((f, i) => [f, coefficients[i] as number]));
  return ridgeFeatureNames(data.agents, data.strategies).map((f) => by.get(f) ?? 0);
};

describe('runBacktest with reconcile.expected_model: ridge', () => {
  const data = syntheticRunData({ days: 120 });
  const st = run(data, RIDGE);
  const log = events(st);
  const fits = log.filter((e) => e.kind === 'model_fitted');

  it('names reconcile.ridge.lambda (an input error, exit 2) when a lambda too small for the rows leaves the fit unsolvable', () => {
    // the agent and class indicators each sum to the intercept: without a lambda that counts, X'X is singular
    expect(() => run(data, { ...RIDGE, lambda: 1e-300 })).toThrowError(/^reconcile\.ridge\.lambda: expected a lambda large enough for the ridge fit at \S+ \(\d+ outcomes\) to be solvable/);
  });

  it('fits each model on exactly the outcomes reconciled at or before its time', () => {
    expect(fits.length).toBeGreaterThan(5);
    const outcomes = log.filter((e) => e.kind === 'outcome_reconciled');
    const work = new Float64Array(ridgeWidth(data.agents.length, data.strategies.length) ** 2 + ridgeWidth(data.agents.length, data.strategies.length));
    for (const f of fits) {
      const used = outcomes.filter((o) => o.tsMs <= f.tsMs);
      expect(f.v1).toBe(used.length);
      // the rows rebuilt from the log (finding row in v3) and the findings
      const F = data.findings;
      const col = (g: (row: number) => number): Float64Array => Float64Array.from(used, (o) => g(o.v3));
      const rows = { n: used.length, confidence: col((r) => F.confidence[r] as number), severity: col((r) => F.severityMult[r] as number), direction: col((r) => F.direction[r] as number), horizonDays: col(() => 1), agent: col((r) => F.agentId[r] as number), cls: col((r) => data.agentStrategy[F.agentId[r] as number] as number), y: Float64Array.from(used, (o) => o.v1) };
      const want = fitRidge(rows, data.agents.length, data.strategies.length, 5, work);
      coefOf(f, data).forEach((c, i) => expect(Math.abs(c - (want?.[i] as number))).toBeLessThan(TOL * Math.max(1, Math.abs(c))));
    }
  });

  it('expects score-linear until the first fit (each one counted), then the latest fit', () => {
    const first = fits[0] as Ev;
    const outcomes = log.filter((e) => e.kind === 'outcome_reconciled');
    const before = outcomes.filter((o) => o.tsMs <= first.tsMs);
    for (const o of before) expect(o.v2).toBe(expectedPnlBps(RIDGE, data.findings.confidence[o.v3] as number, data.findings.severityMult[o.v3] as number));
    expect(st.expectation.fallbacks).toBe(before.length);
    const o = outcomes.find((e) => e.tsMs > (fits[1] as Ev).tsMs && e.tsMs <= ((fits[2] as Ev).tsMs)) as Ev;
    const r = o.v3;
    const a = data.findings.agentId[r] as number;
    const want = predictRidge(Float64Array.from(coefOf(fits[1] as Ev, data)), data.agents.length, data.strategies.length, data.findings.confidence[r] as number, data.findings.severityMult[r] as number, data.findings.direction[r] as number, 1, a, data.agentStrategy[a] as number);
    expect(o.v2).toBe(want);
  });

  it('changes no fit, and no event, up to T when every price after T is poisoned', () => {
    const cut = (data.prices.tsMs[0] as number) + 60 * MS.day;
    const poisoned: RunData = { ...data, prices: { ...data.prices, close: Float64Array.from(data.prices.close, (c, i) => ((data.prices.tsMs[i] as number) > cut ? c * 1000 : c)) } };
    const bad = events(run(poisoned, RIDGE));
    const upTo = (es: Ev[]): Ev[] => es.filter((e) => e.tsMs <= cut);
    expect(upTo(bad).filter((e) => e.kind === 'model_fitted').length).toBeGreaterThan(2);
    expect(upTo(bad)).toEqual(upTo(log));
    // the poison reaches the fits after T, so the test can tell
    const after = (es: Ev[]): Ev[] => es.filter((e) => e.kind === 'model_fitted' && e.tsMs > cut);
    expect(after(bad).map((e) => e.text)).not.toEqual(after(log).map((e) => e.text));
  });

  it('names in each fit only the agents and classes in the roster then: a late joiner and its new class only from its join', () => {
    // agent 3 (class 2, its only agent) emits nothing before day 30
    const late = generatedRunData({ seed: 4, days: 60, priceStepHours: [24], agentClasses: [0, 0, 1, 2, 1, -1], findingsPerDay: 1.5, horizonsHours: [24], joinDay: [0, 0, 0, 30, 0, 0] });
    const st = run(late, RIDGE);
    const ev = events(st);
    // the late joiner: the last agent_joined (run ids follow names, not the generator's order)
    const joins = ev.filter((e) => e.kind === 'agent_joined');
    const last = joins[joins.length - 1] as Ev;
    const joinedAt = last.tsMs;
    const a = last.agent;
    const k = late.agentStrategy[a] as number;
    expect(joins.filter((e) => late.agentStrategy[e.agent] === k)).toHaveLength(1); // its class has no other agent
    const fitsLate = ev.filter((e) => e.kind === 'model_fitted');
    const name = `agent:${late.agents[a] as string}`;
    const cls = `class:${late.strategies[k] as string}`;
    const before = fitsLate.filter((f) => f.tsMs < joinedAt);
    const after = fitsLate.filter((f) => f.tsMs > joinedAt);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const f of before) {
      const { features } = JSON.parse(f.text as string) as { features: string[] };
      expect(features).not.toContain(name);
      expect(features).not.toContain(cls);
      expect(f.v3).toBe(features.length);
    }
    for (const f of after) expect((JSON.parse(f.text as string) as { features: string[] }).features).toEqual(expect.arrayContaining([name, cls]));
    expect(ridgeFeatureNames(late.agents, late.strategies)).toContain(name);
  });

  it('never fits before min_outcomes and then falls back on every outcome', () => {
    const never = run(data, { ...RIDGE, minOutcomes: 1e9 });
    expect(events(never).filter((e) => e.kind === 'model_fitted')).toEqual([]);
    expect(never.expectation.fallbacks).toBe(events(never).filter((e) => e.kind === 'outcome_reconciled').length);
  });
});

describe('runBacktest with reconcile.expected_model: column', () => {
  it("expects each finding's own expected_pnl_bps, and score-linear (counted) where it is null", () => {
    const base = syntheticRunData({ days: 60 });
    // every third finding has no value (NaN = null); the others 7 bps per row index
    const own = Float64Array.from({ length: base.findings.n }, (_, i) => (i % 3 === 0 ? Number.NaN : 7 * i));
    const data: RunData = { ...base, findings: { ...base.findings, expectedPnlBps: own } };
    const st = run(data, { kind: 'column', bpsPerScore: 10 });
    const outcomes = events(st).filter((e) => e.kind === 'outcome_reconciled');
    expect(outcomes.length).toBeGreaterThan(30);
    let nulls = 0;
    for (const o of outcomes) {
      const r = o.v3;
      if (r % 3 === 0) {
        nulls += 1;
        expect(o.v2).toBe(10 * (data.findings.confidence[r] as number) * (data.findings.severityMult[r] as number));
      } else expect(o.v2).toBe(7 * r);
    }
    expect(st.expectation.fallbacks).toBe(nulls);
  });
});

import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { applyEvent, finalStateOfReplay, initialReplayState, type LoggedEvent } from '../../../engine/run/apply-event.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';


function decodedLog(data: RunData, st: RunState): LoggedEvent[] {
  const log = expandedLog(st.log, data);
  const out: LoggedEvent[] = [];
  for (let i = 0; i < log.length; i++) {
    const name = (ids: readonly string[], id: number): string | null => (id >= 0 ? (ids[id] as string) : null);
    out.push({
      kind: LOGGED_EVENT_KINDS[log.kind[i] as number] as LoggedEvent['kind'],
      tsMs: log.tsMs[i] as number,
      agent: name(data.agents, log.agent[i] as number),
      symbol: name(data.symbols, log.symbol[i] as number),
      strategy: name(data.strategies, log.strategy[i] as number),
      v1: log.v1[i] as number,
      v2: log.v2[i] as number,
      v3: log.v3[i] as number,
    });
  }
  return out;
}

const riskPenalized = ALLOCATORS['risk-penalized'] as AllocatorPlugin;

describe('runBacktest', () => {
  it('gives identical outputs for identical inputs, for every variant and mode', () => {
    const data = syntheticRunData();
    for (const plug of Object.values(ALLOCATORS)) {
      for (const mode of ['seed', 'default'] as const) {
        const cfg = syntheticRunConfig(data, { mode });
        const a = runBacktest(data, cfg, plug, defaultsOf(plug));
        const b = runBacktest(data, cfg, plug, defaultsOf(plug));
        expect(Array.from(a.state.out.equity.data.subarray(0, a.state.out.equity.length))).toEqual(
          Array.from(b.state.out.equity.data.subarray(0, b.state.out.equity.length)),
        );
        // every row of the event log, values and texts too: module state left by run a can
        // reach a logged value that feeds neither equity nor the final state (one process, so
        // the CLI's two-runs test, two processes, cannot see it)
        expect(logRows(expandedLog(a.state.log, data))).toEqual(logRows(expandedLog(b.state.log, data)));
        expect(finalStateOf(data, a.state)).toEqual(finalStateOf(data, b.state));
      }
    }
  });

  it('fills targets set at a tick at each symbol\'s next close, never at the tick\'s own close', () => {
    const data = syntheticRunData({ days: 30 });
    const r = runBacktest(data, syntheticRunConfig(data), riskPenalized, defaultsOf(riskPenalized));
    const log = decodedLog(data, r.state);
    const firstTargets = log.find((e) => e.kind === 'targets_set');
    const firstFill = log.find((e) => e.kind === 'fill');
    expect(firstTargets).toBeDefined();
    expect(firstFill).toBeDefined();
    expect((firstFill as LoggedEvent).tsMs).toBe((firstTargets as LoggedEvent).tsMs + MS.day);
  });

  it('leaves every output up to T unchanged when all prices after T are poisoned', () => {
    const data = syntheticRunData({ days: 120 });
    const cut = (data.prices.tsMs[0] as number) + 60 * MS.day;
    const poisoned: RunData = {
      ...data,
      prices: {
        ...data.prices,
        close: Float64Array.from(data.prices.close, (c, i) => ((data.prices.tsMs[i] as number) > cut ? c * 1000 : c)),
      },
    };
    for (const plug of Object.values(ALLOCATORS)) {
      const cfg = syntheticRunConfig(data);
      const clean = runBacktest(data, cfg, plug, defaultsOf(plug));
      const bad = runBacktest(poisoned, cfg, plug, defaultsOf(plug));
      const upTo = (st: RunState): LoggedEvent[] => decodedLog(data, st).filter((e) => e.tsMs <= cut);
      expect(upTo(bad.state)).toEqual(upTo(clean.state));
      const eq = (st: RunState): number[] => {
        const out: number[] = [];
        for (let i = 0; i < st.out.equityTs.length; i++) if ((st.out.equityTs.data[i] as number) <= cut) out.push(st.out.equity.data[i] as number);
        return out;
      };
      expect(eq(bad.state)).toEqual(eq(clean.state));
      // And the poison is visible afterwards, so the test can tell.
      expect(bad.state.out.equity.data[bad.state.out.equity.length - 1]).not.toBe(clean.state.out.equity.data[clean.state.out.equity.length - 1]);
    }
  });

  it('rebuilds the final state bit for bit by folding its own event log', () => {
    const data = syntheticRunData();
    for (const plug of Object.values(ALLOCATORS)) {
      const cfg = syntheticRunConfig(data, { governor: { reallocationThreshold: 0.05, regimeDefault: 1, guardian: { enabled: true, pauseDrawdown: 0.03, resumeDrawdown: 0.01 } } });
      const r = runBacktest(data, cfg, plug, defaultsOf(plug));
      const s = initialReplayState(cfg.initialCapital, data.agents, data.strategies);
      for (const e of decodedLog(data, r.state)) applyEvent(s, e);
      expect(finalStateOfReplay(s)).toEqual(finalStateOf(data, r.state));
    }
  });

  it('retires every agent of a class the kill list disables and gives them no capital afterwards', () => {
    const data = syntheticRunData({ killList: { macro: { status: 'DISABLED', reason: 'structural alpha decay' } } });
    const r = runBacktest(data, syntheticRunConfig(data), riskPenalized, defaultsOf(riskPenalized));
    const kills = r.state.out.kills;
    expect(kills.map((k) => [k.kind, k.strategy])).toContainEqual(['class_killed', 'macro']);
    const killTs = (kills.find((k) => k.strategy === 'macro') as { tsMs: number }).tsMs;
    const log = decodedLog(data, r.state);
    const macroWeightsAfter = log.filter((e) => e.kind === 'weights_set' && e.strategy === 'macro' && e.tsMs >= killTs);
    for (const e of macroWeightsAfter) expect(e.v1).toBe(0);
    const finalW = finalStateOf(data, r.state).agent_weights;
    expect([finalW['macro_0'], finalW['macro_1'], finalW['macro_2']]).toEqual([0, 0, 0]);
  });
});

describe('runBacktest with a snapshot', () => {
  it('continues from a structured-clone copy of a mid-run snapshot to the same final state and log', async () => {
    const { serialize, deserialize } = await import('node:v8');
    const data = syntheticRunData();
    for (const plug of Object.values(ALLOCATORS)) {
      for (const mode of ['seed', 'default'] as const) {
        const cfg = syntheticRunConfig(data, { mode });
        const whole = runBacktest(data, cfg, plug, defaultsOf(plug));
        const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 90 * MS.day });
        expect(stopped.snapshot).not.toBeNull();
        const copy = deserialize(serialize(stopped.snapshot));
        const resumed = runBacktest(data, cfg, plug, defaultsOf(plug), { resume: copy });
        expect(resumed.snapshot).toBeNull();
        expect(finalStateOf(data, resumed.state)).toEqual(finalStateOf(data, whole.state));
        expect(decodedLog(data, resumed.state)).toEqual(decodedLog(data, whole.state));
        expect(resumed.counters).toEqual(whole.counters);
      }
    }
  });
});

describe('runBacktest with mixed horizons', () => {
  it('reconciles every finding at its own horizon, in due order, and resumes identically', async () => {
    const { serialize, deserialize } = await import('node:v8');
    const base = syntheticRunData({ days: 120 });
    const horizonHours = Float64Array.from({ length: base.findings.n }, (_, i) => [24, 72, 48][i % 3] as number);
    const data: RunData = { ...base, findings: { ...base.findings, horizonHours } };
    const cfg = syntheticRunConfig(data);
    const whole = runBacktest(data, cfg, riskPenalized, defaultsOf(riskPenalized));
    const log = decodedLog(data, whole.state).filter((e) => e.kind === 'outcome_reconciled');
    const end = data.prices.tsMs[data.prices.n - 1] as number;
    const dueOf = (row: number): number => (data.findings.tsMs[row] as number) + (horizonHours[row] as number) * MS.hour;
    const expectedRows = Array.from({ length: data.findings.n }, (_, i) => i).filter((i) => dueOf(i) <= end);
    expect(log.map((e) => e.v3).sort((a, b) => a - b)).toEqual(expectedRows);
    for (const e of log) expect(e.tsMs).toBe(dueOf(e.v3));
    for (let i = 1; i < log.length; i++) {
      const a = log[i - 1] as LoggedEvent;
      const b = log[i] as LoggedEvent;
      expect(a.tsMs < b.tsMs || (a.tsMs === b.tsMs && a.v3 < b.v3)).toBe(true);
    }
    const stopped = runBacktest(data, cfg, riskPenalized, defaultsOf(riskPenalized), { stopAfterMs: (data.prices.tsMs[0] as number) + 50 * MS.day });
    const resumed = runBacktest(data, cfg, riskPenalized, defaultsOf(riskPenalized), { resume: deserialize(serialize(stopped.snapshot)) });
    expect(decodedLog(data, resumed.state)).toEqual(decodedLog(data, whole.state));
  });
});

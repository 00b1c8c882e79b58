import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { runBacktest } from '../../../../engine/run/run.js';
import { MS } from '../../../../engine/core/time.js';
import { applyPendingOutcomes } from '../../../../engine/modules/stats/outcome-window.js';
import { nextDueMs } from '../../../../engine/run/pending-findings.js';
import { reconcileDue, reconcileDueByColumns } from '../../../../engine/run/stages/outcomes.js';
import { isLeanBlock, leanBlockLogsRows } from '../../../../engine/run/stages/outcomes-lean.js';
import { attachEventSink, spillEventLog } from '../../../../engine/events/log.js';
import { LOGGED_EVENT_KINDS } from '../../../../engine/events/event.js';
import { logRows, type LogRow } from '../../../helpers/expanded-log.js';
import type { RunConfig } from '../../../../engine/run/config.js';
import type { RunData } from '../../../../engine/run/run-data.js';
import type { RunState } from '../../../../engine/run/state.js';
import { ALLOCATORS } from '../../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../../../helpers/synthetic-run.js';
import { withFindingRows } from '../../../helpers/generated-run.js';
import { defaultsOf } from '../../../helpers/allocator-defaults.js';

/*
 * Stage 1 reconciles a lean block (the usual default-mode run) in one pass where the general
 * path gathers it into columns and runs one loop per consumer. Both must leave every bit of
 * the state the same: the agents' statistics (backlogs past their 128 records included), the
 * time-window log, the class figures (two classes and an agent of none), the CVaR values and
 * times, the pending ring and the event log. Each case stops a run just before a
 * reconciliation, copies its state twice and reconciles the block both ways.
 */

const OUTCOME_CODE = LOGGED_EVENT_KINDS.indexOf('outcome_reconciled');

/** The synthetic universe with each finding repeated 1..maxRepeat times (rows stay in time order): runs of one agent of varied length, and backlogs that fill. */
function denseData(days: number, maxRepeat: number, seed: number): RunData {
  const d = syntheticRunData({ days, seed });
  const rows: number[] = [];
  for (let i = 0; i < d.findings.n; i++) for (let r = 0; r < 1 + ((i * 7 + seed) % maxRepeat); r++) rows.push(i);
  return withFindingRows(d, rows);
}

/** The run's state stopped just before the reconciliation due at or after `afterMs`, and that due time. */
function stateBeforeReconciliation(data: RunData, cfg: RunConfig, afterMs: number): { state: RunState; dueMs: number } {
  const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
  const probe = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: afterMs });
  const dueMs = nextDueMs((probe.snapshot as NonNullable<typeof probe.snapshot>).state.pending);
  const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: dueMs - 1 });
  const snap = stopped.snapshot as NonNullable<typeof stopped.snapshot>;
  return { state: snap.state, dueMs };
}

/**
 * Two independent copies of a state (a snapshot holds no pending outcome, so the copies hold
 * every one). Each from bytes of its own: node's deserializer may make typed arrays views on
 * the bytes it reads, so two copies from the same bytes can share them.
 */
function twoCopies(st: RunState): [RunState, RunState] {
  return [deserialize(serialize(st)) as RunState, deserialize(serialize(st)) as RunState];
}

/** True when both hold the same rows, every value Object.is-equal (so a -0 or a NaN counts). */
function sameRows(a: LogRow[], b: LogRow[]): boolean {
  return a.length === b.length && a.every((row, i) => row.every((v, j) => Object.is(v, (b[i] as LogRow)[j])));
}

/** The state's bytes with every pending outcome applied: equal bytes mean Object.is-equal doubles everywhere. */
function stateBytes(st: RunState): Buffer {
  applyPendingOutcomes(st.outcomes);
  return serialize(st);
}

describe('stage 1 on a lean block in one pass', () => {
  for (const logOutcomes of [true, false]) {
    it(`leaves every bit of the state as the columnar path does (outcomes logged: ${logOutcomes})`, () => {
      const data = denseData(70, 60, 3);
      // ticks every 20 days: agents' backlogs pass their 128 records between two reads
      const cfg = syntheticRunConfig(data, { cadenceMs: 20 * MS.day, logOutcomes });
      const t0 = data.prices.tsMs[0] as number;
      let blocksCompared = 0;
      for (const day of [1, 2, 9, 19, 25, 40, 61]) {
        const { state, dueMs } = stateBeforeReconciliation(data, cfg, t0 + day * MS.day);
        expect(isLeanBlock(state, data, cfg)).toBe(true);
        expect(leanBlockLogsRows(state, data, cfg)).toBe(false);
        const [a, b] = twoCopies(state);
        const nLean = reconcileDue(a, data, cfg, dueMs);
        const nColumns = reconcileDueByColumns(b, data, cfg, dueMs);
        expect(nLean).toBe(nColumns);
        expect(nLean).toBeGreaterThan(0);
        expect(stateBytes(a).equals(stateBytes(b))).toBe(true);
        blocksCompared++;
      }
      expect(blocksCompared).toBe(7);
    });
  }

  it('applies a full backlog inside the block as the columnar path does', () => {
    // one agent's run in a block longer than its backlog: 200 findings of agent 0 at one time
    const d = syntheticRunData({ days: 30, seed: 5 });
    const f = d.findings;
    const rows: number[] = [];
    for (let i = 0; i < f.n; i++) for (let r = 0; r < ((f.agentId[i] as number) === 0 ? 200 : 1); r++) rows.push(i);
    const pick = <T extends Float64Array | Int32Array | Int8Array>(col: T): T => {
      const out = new (col.constructor as new (n: number) => T)(rows.length);
      rows.forEach((row, k) => {
        out[k] = col[row] as number;
      });
      return out;
    };
    const data: RunData = { ...d, findings: { n: rows.length, tsMs: pick(f.tsMs), agentId: pick(f.agentId), symbolId: pick(f.symbolId), confidence: pick(f.confidence), severityMult: pick(f.severityMult), direction: pick(f.direction), horizonHours: pick(f.horizonHours) } };
    const cfg = syntheticRunConfig(data, { cadenceMs: 10 * MS.day });
    const { state, dueMs } = stateBeforeReconciliation(data, cfg, (data.prices.tsMs[0] as number) + 5 * MS.day);
    const [a, b] = twoCopies(state);
    expect(isLeanBlock(state, data, cfg)).toBe(true);
    expect(reconcileDue(a, data, cfg, dueMs)).toBe(reconcileDueByColumns(b, data, cfg, dueMs));
    expect(stateBytes(a).equals(stateBytes(b))).toBe(true);
  });

  it('hands a log that spills the same outcome_reconciled rows, and leaves the same state, as the columnar path', () => {
    const data = denseData(70, 60, 4);
    const cfg = syntheticRunConfig(data, { cadenceMs: 20 * MS.day });
    const t0 = data.prices.tsMs[0] as number;
    for (const day of [1, 9, 25, 61]) {
      const { state, dueMs } = stateBeforeReconciliation(data, cfg, t0 + day * MS.day);
      const [a, b] = twoCopies(state);
      const spilled: LogRow[][] = [[], []];
      [a, b].forEach((st, k) => attachEventSink(st.log, { append: (rows) => (spilled[k] as LogRow[]).push(...logRows(rows)) }, 61, data));
      expect(isLeanBlock(a, data, cfg)).toBe(true);
      expect(leanBlockLogsRows(a, data, cfg)).toBe(true);
      const n = reconcileDue(a, data, cfg, dueMs);
      expect(n).toBe(reconcileDueByColumns(b, data, cfg, dueMs));
      expect(n).toBeGreaterThan(0);
      for (const st of [a, b]) {
        spillEventLog(st.log);
        (st.log as { sink: unknown }).sink = null; // a sink is code: not part of the bytes compared
      }
      expect((spilled[0] as LogRow[]).filter((r) => r[0] === OUTCOME_CODE && r[1] === dueMs).length).toBe(n);
      expect(sameRows(spilled[0] as LogRow[], spilled[1] as LogRow[])).toBe(true);
      expect(stateBytes(a).equals(stateBytes(b))).toBe(true);
    }
  });

  it('is not taken where a block needs more than agent, realized and error (seed decay rows, a learned expectation)', () => {
    const data = denseData(40, 5, 1);
    const t = (data.prices.tsMs[0] as number) + 10 * MS.day;
    const seed = syntheticRunConfig(data, { mode: 'seed' });
    const ridge = syntheticRunConfig(data, { expectedModel: { kind: 'ridge', bpsPerScore: 10, lambda: 1, retrainMs: 7 * MS.day, minOutcomes: 10 } });
    for (const cfg of [seed, ridge]) {
      const { state, dueMs } = stateBeforeReconciliation(data, cfg, t);
      expect(isLeanBlock(state, data, cfg)).toBe(false);
      // reconcileDue takes the columnar path there: the same state as calling it directly
      const [a, b] = twoCopies(state);
      expect(reconcileDue(a, data, cfg, dueMs)).toBe(reconcileDueByColumns(b, data, cfg, dueMs));
      expect(stateBytes(a).equals(stateBytes(b))).toBe(true);
    }
  });
});

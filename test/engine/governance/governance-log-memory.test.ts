import { describe, expect, it } from 'vitest';
import { COLUMN_CHUNK_ROWS } from '../../../engine/core/chunked-column.js';
import { addEventRows, finishGovernanceLog, newGovernanceLogBuilder, type EventRowNames } from '../../../engine/governance/governance-log.js';
import type { GovernanceEvent } from '../../../engine/governance/governance-input.js';
import { governanceLogOf, weightRowsOf } from '../../reference/governance-log-of.js';

const HOUR = 3_600_000;

/**
 * A desk of `agents` agents over `ticks` hourly ticks: each tick a targets_set row and one
 * weights_set row per agent (every weight moves when one agent leaves), in batches of 10,000 rows.
 */
function build(agents: number, ticks: number): { names: EventRowNames; batches: { kind: Int32Array; agent: Int32Array; ts: Float64Array; v1: Float64Array }[]; events: GovernanceEvent[] } {
  const names: EventRowNames = { kinds: ['weights_set', 'targets_set'], agents: Array.from({ length: agents }, (_, a) => `a${a}`), symbols: ['S0'], strategies: [] };
  const kind: number[] = [];
  const agent: number[] = [];
  const ts: number[] = [];
  const v1: number[] = [];
  const events: GovernanceEvent[] = [];
  for (let t = 0; t < ticks; t++) {
    for (let a = 0; a < agents; a++) {
      kind.push(0), agent.push(a), ts.push(t * HOUR), v1.push(1 / (agents + t));
      events.push({ kind: 'weights_set', tsMs: t * HOUR, agent: `a${a}`, symbol: null, strategy: null, v1: 1 / (agents + t), v2: 0, v3: 0, text: null });
    }
    kind.push(1), agent.push(-1), ts.push(t * HOUR), v1.push(0.5);
    events.push({ kind: 'targets_set', tsMs: t * HOUR, agent: null, symbol: 'S0', strategy: null, v1: 0.5, v2: 0, v3: 0, text: null });
  }
  const batches = [];
  for (let i = 0; i < kind.length; i += 10_000) {
    const j = Math.min(kind.length, i + 10_000);
    batches.push({ kind: Int32Array.from(kind.slice(i, j)), agent: Int32Array.from(agent.slice(i, j)), ts: Float64Array.from(ts.slice(i, j)), v1: Float64Array.from(v1.slice(i, j)) });
  }
  return { names, batches, events };
}

describe('the governance log holds weights_set rows in bounded memory', () => {
  it('keeps 2,000 agents x 100 ticks of weights rows in at most 24 bytes a row plus one chunk a column, the rows the reference keeps', () => {
    const agents = 2000;
    const ticks = 100;
    const { names, batches, events } = build(agents, ticks);
    const b = newGovernanceLogBuilder(0);
    for (const c of batches) {
      const n = c.kind.length;
      const none = new Int32Array(n).fill(-1);
      addEventRows(b, { rows: n, kind: c.kind, tsMs: c.ts, agent: c.agent, symbol: c.kind.map((k) => (k === 1 ? 0 : -1)), strategy: none, v1: c.v1, v2: new Float64Array(n), v3: new Float64Array(n), text: () => null }, names);
    }
    const log = finishGovernanceLog(b, names);
    const rows = agents * ticks;
    expect(log.weights.n).toBe(rows);
    // time and weight (8 B each), agent code and place in the log (4 B each): no string or boxed number per row,
    // no doubling's spare half
    const w = log.weights;
    const held = [w.tsMs.chunks, w.weight.chunks, w.agentCode.chunks, w.logBefore.chunks].flat().reduce((s, a) => s + a.byteLength, 0);
    expect(held).toBeLessThanOrEqual(24 * (rows + COLUMN_CHUNK_ROWS));
    expect(weightRowsOf(w)).toEqual(weightRowsOf(governanceLogOf(events).weights));
    expect(log.log).toHaveLength(ticks);
  });
});

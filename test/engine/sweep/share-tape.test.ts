import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { runBacktest } from '../../../engine/run/run.js';
import { runDownstream } from '../../../engine/run/staged/downstream-run.js';
import { recordUpstreamTape, tapeKills, tapeLog, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { shareTape } from '../../../engine/sweep/share-tape.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import { referenceScenario } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';

/** Every typed array reachable from a value. */
function typedArrays(x: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(x)) out.push(x);
  else if (typeof x === 'object' && x !== null) for (const v of Object.values(x)) typedArrays(v, out);
  return out;
}

describe('shareTape', () => {
  it('puts every array of a tape with rows in shared memory, values, texts and kills unchanged', () => {
    const { data, cfg } = referenceScenario({ name: 'share', seed: 5, agents: 8, symbols: 4, barMs: MS.day, bars: 200, cadenceMs: MS.day, variant: 'risk-penalized', mode: 'default', horizons: [null, 48], lateJoiners: 1, killList: true, regime: false, guardian: true, gapChance: 0.1 });
    const plugin = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
    const rec = recordUpstreamTape(data.agents.length, data.symbols.length);
    const run = runBacktest(data, cfg, plugin, defaultsOf(plugin), { onTick: rec.observe });
    const tape: UpstreamTape = rec.finish(run.state, run.counters, true, data);
    const shared = shareTape(tape);
    const arrays = typedArrays(shared);
    expect(arrays.length).toBe(typedArrays(tape).length);
    expect(arrays.every((a) => a.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(tapeKills(shared)).toEqual(run.state.out.kills);
    expect(tapeKills(shared).length).toBeGreaterThan(0);
    const texts = tapeLog(shared.rows ?? (null as never)).texts;
    expect(texts).toEqual(tapeLog(tape.rows ?? (null as never)).texts);
    expect(texts.length).toBeGreaterThan(0);
    // a replay over the shared tape is the replay over the original
    const a = runDownstream(data, cfg, tape).outcome.state;
    const b = runDownstream(data, cfg, shared).outcome.state;
    const logA = expandedLog(a.log, data);
    const logB = expandedLog(b.log, data);
    expect(logRows(logB)).toEqual(logRows(logA)); // every column: kinds, times, ids, values, texts
    expect(b.portfolio.cash).toBe(a.portfolio.cash);
  });

  it('keeps the columns a recorder wrote: they are recorded in shared memory, so sharing copies none of them', () => {
    const { data, cfg } = referenceScenario({ name: 'share-recorded', seed: 9, agents: 8, symbols: 4, barMs: MS.day, bars: 200, cadenceMs: MS.day, variant: 'risk-penalized', mode: 'default', horizons: [null, 48], lateJoiners: 1, killList: false, regime: false, guardian: false, gapChance: 0.1 });
    const plugin = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
    const rec = recordUpstreamTape(data.agents.length, data.symbols.length);
    const run = runBacktest(data, cfg, plugin, defaultsOf(plugin), { onTick: rec.observe });
    const tape = rec.finish(run.state, run.counters, false, data);
    const pairs = tape.pairs;
    const proposals = tape.proposals;
    if (pairs === null || proposals === null) throw new Error('a default-mode recording tapes pairs and proposals');
    const columns = (t: UpstreamTape): ArrayBufferView[] => {
      const p = t.pairs;
      const v = t.proposals;
      if (p === null || v === null) throw new Error('a default-mode tape has pairs and proposals');
      return [t.weights.tickRow, t.weights.values, v.tickRow, v.values, p.tickRow, p.rowChunk, p.rowStart, p.rowEnd, ...p.chunks.flatMap((c) => [c.agent, c.symbol, c.raw])];
    };
    const recorded = columns(tape);
    expect(recorded.every((a) => a.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(tape.weights.values.length).toBeGreaterThan(16 * data.agents.length); // grown past the recorder's first room (16 rows)
    const shared = columns(shareTape(tape));
    expect(shared.length).toBe(recorded.length);
    expect(shared.every((a, k) => a === recorded[k])).toBe(true);
    // the tape is trimmed to what was recorded: one row per tick, each row's pairs inside its chunk
    expect(tape.weights.tickRow.length).toBe(tape.nTicks);
    expect(pairs.tickRow.length).toBe(tape.nTicks);
    expect(pairs.rowChunk.length).toBe((pairs.tickRow[tape.nTicks - 1] as number) + 1);
    pairs.rowChunk.forEach((c, row) => {
      expect(pairs.rowStart[row] as number).toBeLessThanOrEqual(pairs.rowEnd[row] as number);
      expect(pairs.rowEnd[row] as number).toBeLessThanOrEqual((pairs.chunks[c] as { agent: Int32Array }).agent.length);
    });
    expect(tape.weights.values.length).toBe(((tape.weights.tickRow[tape.nTicks - 1] as number) + 1) * data.agents.length);
  });
});

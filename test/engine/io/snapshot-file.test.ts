import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile, writeSnapshotFile, type SnapshotHeader } from '../../../engine/io/snapshot-file.js';
import { runBacktest, type KernelSnapshot } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-snapshot-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER: SnapshotHeader = { format: 'bt-snapshot-1', bt_version: 'test', node_major: 20, scenario: { name: 'synthetic' }, inputs: {} };
const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;

describe('readSnapshotFile', () => {
  it('resumes a snapshot whose log holds outcome blocks, and one written before the outcome table (full rows only), to the unbroken run', () => {
    const data = syntheticRunData({ days: 90 });
    const cfg = syntheticRunConfig(data);
    const whole = runBacktest(data, cfg, plug, defaultsOf(plug));
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 40 * MS.day }).snapshot as KernelSnapshot;
    expect(stopped.state.log.outcomes.blocks).toBeGreaterThan(0);
    // the old shape: every outcome a full row, no outcome table
    const { outcomes: _dropped, ...oldLog } = expandedLog(stopped.state.log, data);
    const old = { ...stopped, state: { ...stopped.state, log: oldLog } } as unknown as KernelSnapshot;
    const want = expandedLog(whole.state.log, data);
    for (const [name, snap] of [['compact', stopped], ['old', old]] as const) {
      const path = join(dir, `${name}.snapshot`);
      writeSnapshotFile(path, HEADER, snap);
      const resumed = runBacktest(data, cfg, plug, defaultsOf(plug), { resume: readSnapshotFile(path, HEADER) });
      const got = expandedLog(resumed.state.log, data);
      expect(got.length, name).toBe(want.length);
      for (const c of ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3', 'textId'] as const) expect(Array.from(got[c].subarray(0, got.length)), `${name} ${c}`).toEqual(Array.from(want[c].subarray(0, want.length)));
      expect(got.texts).toEqual(want.texts);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSnapshotFile, readSnapshotFile, SNAPSHOT_FORMAT, writeSnapshotFile, type SnapshotHeader } from '../../../engine/io/snapshot-file.js';
import { runBacktest, type KernelSnapshot } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-snapshot-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER: SnapshotHeader = { format: SNAPSHOT_FORMAT, bt_version: 'test', engine_version: 'test-engine', node_major: 20, scenario: { name: 'synthetic' }, inputs: {} };
const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;

describe('readSnapshotFile', () => {
  it('resumes a snapshot whose log holds outcome blocks to the unbroken run', () => {
    const data = syntheticRunData({ days: 90 });
    const cfg = syntheticRunConfig(data);
    const whole = runBacktest(data, cfg, plug, defaultsOf(plug));
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 40 * MS.day }).snapshot as KernelSnapshot;
    expect(stopped.state.log.outcomes.blocks).toBeGreaterThan(0);
    const path = join(dir, 'compact.snapshot');
    writeSnapshotFile(path, HEADER, stopped);
    const resumed = runBacktest(data, cfg, plug, defaultsOf(plug), { resume: readSnapshotFile(path, HEADER) });
    const got = expandedLog(resumed.state.log, data);
    const want = expandedLog(whole.state.log, data);
    expect(got.length).toBe(want.length);
    for (const c of ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3', 'textId'] as const) expect(Array.from(got[c].subarray(0, got.length)), c).toEqual(Array.from(want[c].subarray(0, want.length)));
    expect(got.texts).toEqual(want.texts);
  });

  it('refuses a snapshot of an earlier run-state layout by name, though it still counts as a file bt wrote', () => {
    const data = syntheticRunData({ days: 30 });
    const cfg = syntheticRunConfig(data);
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 10 * MS.day }).snapshot as KernelSnapshot;
    const path = join(dir, 'layout-1.snapshot');
    writeSnapshotFile(path, HEADER, stopped);
    const bytes = readFileSync(path);
    // the same file as the layout before the outcome table and the split skip reasons wrote it
    writeFileSync(path, Buffer.concat([Buffer.from('bt-snapshot-1'), bytes.subarray(SNAPSHOT_FORMAT.length)]));
    expect(isSnapshotFile(readFileSync(path))).toBe(true);
    const message = inputErrorMessage(() => readSnapshotFile(path, HEADER));
    expect(message).toContain(path);
    expect(message).toContain('bt-snapshot-1');
    expect(message).toContain(`a snapshot of this bt's run state (${SNAPSHOT_FORMAT})`);
  });

  it('refuses a bt-snapshot-13 by name (its run state carried where the target rows go), and a state now carries no sink', () => {
    const data = syntheticRunData({ days: 30 });
    const cfg = syntheticRunConfig(data);
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 10 * MS.day }).snapshot as KernelSnapshot;
    expect(Object.keys(stopped.state.out)).not.toContain('targetSink');
    const path = join(dir, 'layout-13.snapshot');
    writeSnapshotFile(path, HEADER, stopped);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([Buffer.from('bt-snapshot-13'), bytes.subarray(SNAPSHOT_FORMAT.length)]));
    const message = inputErrorMessage(() => readSnapshotFile(path, HEADER));
    expect(message).toContain('bt-snapshot-13, written by another bt whose run state has another shape');
    expect(SNAPSHOT_FORMAT).toBe('bt-snapshot-14');
  });

  it('refuses a snapshot another bt engine wrote (ENGINE_VERSION): the resumed run would finish on other rules than it started', () => {
    const data = syntheticRunData({ days: 30 });
    const cfg = syntheticRunConfig(data);
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 10 * MS.day }).snapshot as KernelSnapshot;
    const path = join(dir, 'other-engine.snapshot');
    writeSnapshotFile(path, { ...HEADER, engine_version: 'older-engine' }, stopped);
    const message = inputErrorMessage(() => readSnapshotFile(path, HEADER));
    expect(message).toContain('engine_version: expected the value of this run ("test-engine"), found "older-engine"');
  });
});

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFileHashing } from '../../../engine/io/input-hashing.js';
import { hashRunDataFiles, runDataFiles } from '../../../engine/sweep/data-hashes.js';
import { buildSweep, prepareSweep, withDataHashes } from '../../../engine/sweep/prepare-sweep.js';
import { WHOLE_SWEEP } from '../../../engine/sweep/shard.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

const cwd = process.cwd();
const sweepPath = join(cwd, 'scenarios/sweeps/quickstart-sweep.yaml');

/** sha256 of a whole file, read at once (independent of the streamed hashing under test). */
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('sweep data hashes', () => {
  it('name each data file by its role and hash its bytes, on this thread and on a worker alike', async () => {
    const built = buildSweep(sweepPath, WHOLE_SWEEP, cwd, allocatorParamSpecs());
    const files = runDataFiles(built.dataPaths);
    expect(files.map((f) => f.rel)).toEqual(['findings', 'prices', 'agents', 'killList', 'regime'].filter((r) => built.dataPaths[r as keyof typeof built.dataPaths] !== undefined));
    const expected = Object.fromEntries(files.map((f) => [f.rel, sha256(f.abs)]));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(2);
    expect(hashRunDataFiles(built.dataPaths)).toEqual(expected);
    expect(await startFileHashing(files, { alwaysThread: true }).result()).toEqual(expected);
  });

  it('give the journal header of a sweep hashed while it loads the one prepareSweep builds', async () => {
    const built = buildSweep(sweepPath, WHOLE_SWEEP, cwd, allocatorParamSpecs());
    const onWorker = withDataHashes(built, await startFileHashing(runDataFiles(built.dataPaths), { alwaysThread: true }).result());
    const here = prepareSweep(sweepPath, WHOLE_SWEEP, cwd, allocatorParamSpecs());
    expect(onWorker.header).toEqual(here.header);
    expect(Object.keys(onWorker.header.data_sha256)).toContain('findings');
    // the sweep id covers the data: other hashes, another id
    const other = withDataHashes(built, { ...onWorker.header.data_sha256, findings: '0'.repeat(64) });
    expect(other.header.sweep_id).not.toBe(here.header.sweep_id);
  });
});

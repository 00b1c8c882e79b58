import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { WHOLE_TAPE } from '../../../engine/run/staged/upstream-tape.js';
import { runSweepTask } from '../../../engine/sweep/run-sweep-task.js';
import { settleStateShapes } from '../../../engine/sweep/settle-state-shapes.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';

/** A sweep worker builds a throwaway state before its first configuration (engine/sweep/settle-state-shapes.ts). */

const base = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
const data = loadRunData(runDataPaths(base));

describe('settleStateShapes', () => {
  it('leaves the next runs of the thread as they were (metrics and equity curve, full and recording)', () => {
    const before = [runSweepTask(base, undefined, data, ALLOCATORS, null), runSweepTask(base, { record: 'upstream', needs: WHOLE_TAPE }, data, ALLOCATORS, null)];
    settleStateShapes(base, data, ALLOCATORS);
    const after = [runSweepTask(base, undefined, data, ALLOCATORS, null), runSweepTask(base, { record: 'upstream', needs: WHOLE_TAPE }, data, ALLOCATORS, null)];
    for (const [i, b] of before.entries()) {
      const a = after[i];
      expect(JSON.stringify(a?.metrics)).toBe(JSON.stringify(b.metrics));
      expect(Array.from(a?.equity ?? [])).toEqual(Array.from(b.equity));
    }
  });

  it('settles nothing, and throws nothing, for a configuration that cannot be prepared (its task reports the error)', () => {
    const bad = { ...base, allocator: { ...base.allocator, variant: 'no-such-allocator' } };
    expect(() => settleStateShapes(bad, data, ALLOCATORS)).not.toThrow();
    expect(() => runSweepTask(bad, undefined, data, ALLOCATORS, null)).toThrow(/allocator\.variant/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { findBaseConfig } from '../../../engine/sweep/base-config.js';
import { buildConfigurations } from '../../../engine/sweep/build-configurations.js';
import { parseSweepFile } from '../../../engine/sweep/parse-sweep-file.js';

const cwd = process.cwd();
const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');

function baseOf(sweepText: string): ReturnType<typeof findBaseConfig> {
  const b = buildConfigurations(parseSweepFile(sweepText, 'scenarios/sweeps/t.yaml', cwd), baseText, 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd });
  return findBaseConfig(b.base, b.paths, b.configs);
}

describe('findBaseConfig', () => {
  it("finds the base's own configuration by its resolved settings, whatever the spelling", () => {
    // the quickstart ticks daily and keeps the default cash buffer 0.1: 24h is 1d resolved, 0.10 is 0.1
    const grid = baseOf('base: ../quickstart.yaml\nspace:\n  grid:\n    clock.cadence: [24h, 7d]\n    targets.cash_buffer: [0.10, 0.2]\n');
    const alone = baseOf('base: ../quickstart.yaml\nspace:\n  list:\n    - {}\n');
    expect(grid.absent).toBeNull();
    expect(grid.id).toBe(alone.id);
  });

  it("names each swept path whose values miss the base's, in ascending order, and says when only the combination is missing", () => {
    expect(baseOf('base: ../quickstart.yaml\nspace:\n  grid:\n    targets.cash_buffer: [0.3, 0.05]\n    clock.cadence: [1d]\n')).toEqual({
      id: null,
      absent: "no configuration with the base's own settings (targets.cash_buffer: the base has 0.1, the sweep 0.05, 0.3)",
    });
    // each value of the base is in some entry, both in none
    expect(baseOf('base: ../quickstart.yaml\nspace:\n  list:\n    - { targets.cash_buffer: 0.1, clock.cadence: 2d }\n    - { targets.cash_buffer: 0.2 }\n').absent).toBe(
      "no configuration with the base's own settings: each swept path takes the base's value in some configuration, but none takes them all",
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { buildConfigurations } from '../../../engine/sweep/build-configurations.js';
import { parseSweepFile } from '../../../engine/sweep/parse-sweep-file.js';

const cwd = process.cwd();
const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd };

function build(sweepText: string): ReturnType<typeof buildConfigurations> {
  const sweep = parseSweepFile(sweepText, 'scenarios/sweeps/t.yaml', cwd);
  return buildConfigurations(sweep, baseText, 'scenarios/quickstart.yaml', opts);
}

describe('buildConfigurations', () => {
  it('gives one id per resolved configuration, sorted, with the resolved value of each swept path', () => {
    const b = build('base: ../quickstart.yaml\nspace:\n  grid:\n    targets.cash_buffer: [0.1, 0.2]\n    clock.cadence: [1d, 2d]\n');
    expect(b.configs).toHaveLength(4);
    const ids = b.configs.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => /^[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(b.paths).toEqual(['clock.cadence', 'targets.cash_buffer']);
    // durations resolve to milliseconds: 1d = 86 400 000 ms
    expect(b.configs.map((c) => c.params['clock.cadence'] as number).sort((x, y) => x - y)).toEqual([86_400_000, 86_400_000, 172_800_000, 172_800_000]);
  });

  it('gives two spellings of one configuration the same id and counts the duplicate', () => {
    const b = build('base: ../quickstart.yaml\nspace:\n  list:\n    - clock.cadence: 1d\n    - clock.cadence: 24h\n    - targets.cash_buffer: 0.1\n');
    // targets.cash_buffer 0.1 is the default, and 24h = 1d: all three are the base scenario
    expect(b.configs).toHaveLength(1);
    expect(b.duplicates).toBe(2);
  });

  it('reports a value the scenario rejects at its line in the sweep file, once for every configuration it breaks', () => {
    expect(() => build('base: ../quickstart.yaml\nspace:\n  grid:\n    targets.cash_buffer: [1.5]\n    seed: [1, 2]\n')).toThrowError(
      /^scenarios\/sweeps\/t\.yaml:4: targets\.cash_buffer: expected a number in \[0, 1\), found 1\.5\. In configuration 1 of 2 \(targets\.cash_buffer=1\.5, seed=1\) over scenarios\/quickstart\.yaml$/,
    );
  });

  it('checks allocator.params paths against the variant each configuration names', () => {
    expect(() => build('base: ../quickstart.yaml\nspace:\n  grid:\n    allocator.params.max_weigth: [0.2]\n')).toThrowError(/t\.yaml:4: allocator\.params\.max_weigth: expected a scenario field under 'allocator\.params', found 'max_weigth'\. Did you mean 'max_weight'\?/);
  });
});

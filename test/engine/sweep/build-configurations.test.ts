import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { buildConfigurations } from '../../../engine/sweep/build-configurations.js';
import { isPlainTree, overriddenValue } from '../../../engine/sweep/apply-overrides.js';
import { parseYamlWithLines } from '../../../engine/scenario/parse-yaml-with-lines.js';
import { parseSweepFile } from '../../../engine/sweep/parse-sweep-file.js';

const cwd = process.cwd();
const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd };

function build(sweepText: string, referencePath = false, base = baseText): ReturnType<typeof buildConfigurations> {
  const sweep = parseSweepFile(sweepText, 'scenarios/sweeps/t.yaml', cwd);
  return buildConfigurations(sweep, base, 'scenarios/quickstart.yaml', { ...opts, referencePath });
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return 'no error';
}

// The sweep of the bench (bench/measure-processes.ts) and one of every kind of override: a
// section the base lacks, a whole mapping, a variant switch with its params, durations, -0.
const GRID_48 = 'base: ../quickstart.yaml\nspace:\n  grid:\n    allocator.params.max_weight: [0.15, 0.2, 0.25, 0.35]\n    targets.cash_buffer: [0.05, 0.1, 0.2]\n    targets.max_symbol_weight: [0.2, 0.3]\n    governor.reallocation_threshold: [0.02, 0.1]\n';
const MIXED = [
  'base: ../quickstart.yaml',
  'space:',
  '  list:',
  '    - { clock.cadence: 24h, targets.cash_buffer: -0.0 }',
  '    - { allocator.variant: pnl-weighted, allocator.params: { min_weight: 0.03 } }',
  '    - { costs: { bps_per_turnover: 7, slippage_bps: 1 }, description: "q: 2 # not a comment" }',
  '    - { decay.enabled: false, cvar.window_days: 45, governor.reallocation_threshold: 1e-3 }',
  '',
].join('\n');

describe('buildConfigurations', () => {
  it('gives one id per resolved configuration, sorted, with the resolved value of each swept path', () => {
    const b = build('base: ../quickstart.yaml\nspace:\n  grid:\n    targets.cash_buffer: [0.1, 0.2]\n    clock.cadence: [1d, 2d]\n');
    expect(b.configs).toHaveLength(4);
    const ids = b.configs.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => /^[0-9a-f]{12}$/.test(id))).toBe(true);
    // the sweep file's order (the results table's columns), not the alphabet's
    expect(b.paths).toEqual(['targets.cash_buffer', 'clock.cadence']);
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

  it('reports a misspelt path and a bad value of another path in one round, on both paths', () => {
    const text = 'base: ../quickstart.yaml\nspace:\n  grid:\n    governor.realocation_threshold: [0.02]\n    targets.cash_buffer: [0.05, 1.5]\n';
    for (const referencePath of [false, true]) {
      const lines = errorOf(() => build(text, referencePath)).split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^scenarios\/sweeps\/t\.yaml:4: governor\.realocation_threshold: expected a scenario field under 'governor', found 'realocation_threshold'\. Did you mean 'reallocation_threshold'\?/);
      expect(lines[1]).toMatch(/^scenarios\/sweeps\/t\.yaml:5: targets\.cash_buffer: expected a number in \[0, 1\), found 1\.5\. In configuration 2 of 2 /);
    }
  });

  it('gives the same configurations as writing and parsing each configuration\'s YAML (the reference path)', () => {
    for (const text of [GRID_48, MIXED]) {
      const fast = build(text);
      const reference = build(text, true);
      expect(fast.configs.length).toBe(text === GRID_48 ? 48 : 4);
      expect(fast).toEqual(reference);
    }
    // -0 is read as the 0 it means on both paths (toEqual tells -0 from 0)
    expect(Object.is(build(MIXED).configs.find((c) => c.params['targets.cash_buffer'] === 0)?.scenario.targets.cashBuffer, 0)).toBe(true);
  });

  it('reports the same errors as the reference path, at the same lines', () => {
    const bad = 'base: ../quickstart.yaml\nspace:\n  list:\n    - { targets.cash_buffer: 1.5 }\n    - { allocator.variant: pnl-weighted, allocator.params: { max_weight: 2 } }\n    - { decay: { enabled: maybe } }\n';
    const message = errorOf(() => build(bad));
    expect(message).toMatch(/t\.yaml:4: targets\.cash_buffer/);
    expect(message).toBe(errorOf(() => build(bad, true)));
  });

  it('takes the reference path for a base whose YAML shares a mapping through an alias', () => {
    const aliased = `${baseText}\nx_shared: &s { a: 1 }\nx_again: *s\n`;
    expect(isPlainTree(parseYamlWithLines(aliased, 'b.yaml').value)).toBe(false);
    expect(isPlainTree(parseYamlWithLines(baseText, 'b.yaml').value)).toBe(true);
    expect(errorOf(() => build(GRID_48, false, aliased))).toBe(errorOf(() => build(GRID_48, true, aliased)));
  });
});

describe('overriddenValue', () => {
  it('sets each path on a copy, creating missing mappings, and leaves the base as it was', () => {
    const base = { a: { b: 1 }, c: [1, 2] };
    expect(overriddenValue(base, [['a.b', 2], ['d.e.f', 'x']])).toEqual({ a: { b: 2 }, c: [1, 2], d: { e: { f: 'x' } } });
    expect(base).toEqual({ a: { b: 1 }, c: [1, 2] });
  });

  it('returns null for a path through something other than a mapping', () => {
    expect(overriddenValue({ a: null }, [['a.b', 1]])).toBeNull();
    expect(overriddenValue({ a: [1] }, [['a.0', 2]])).toBeNull();
    expect(overriddenValue({ a: 3 }, [['a.b.c', 1]])).toBeNull();
  });
});

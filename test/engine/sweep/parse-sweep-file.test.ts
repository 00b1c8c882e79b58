import { describe, expect, it } from 'vitest';
import { parseSweepFile } from '../../../engine/sweep/parse-sweep-file.js';

const cwd = '/work';

function errorOf(text: string): string {
  try {
    parseSweepFile(text, 's.yaml', cwd);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return '';
}

describe('parseSweepFile', () => {
  it('reads base, objective, direction, a grid and walk_forward', () => {
    const s = parseSweepFile('name: g\nbase: ../q.yaml\nobjective: max_drawdown\nspace:\n  grid:\n    targets.cash_buffer: [0.1, 0.2]\nwalk_forward:\n  windows: 3\n', 'sweeps/g.yaml', cwd);
    expect(s.base.rel).toBe('../q.yaml');
    expect(s.base.abs).toBe('/work/q.yaml');
    expect(s.objective).toBe('max_drawdown');
    // max_drawdown improves downwards, so the default direction is minimize
    expect(s.direction).toBe('minimize');
    expect(s.space).toEqual({ kind: 'grid', params: [{ path: 'targets.cash_buffer', values: [0.1, 0.2] }] });
    expect(s.walkForward).toEqual({ windows: 3 });
    expect(s.name).toBe('g');
  });

  it('names the file after its basename when name is absent and defaults the objective to sharpe', () => {
    const s = parseSweepFile('base: q.yaml\nspace:\n  list:\n    - seed: 1\n    - seed: 2\n', 'my-sweep.yaml', cwd);
    expect(s.name).toBe('my-sweep');
    expect(s.objective).toBe('sharpe');
    expect(s.direction).toBe('maximize');
  });

  it('reports a misspelled space kind with its line and a did-you-mean', () => {
    expect(errorOf('base: q.yaml\nspace:\n  gird:\n    a: [1]\n')).toBe("s.yaml:2: space: expected a mapping with exactly one of grid, list, random, found keys gird. Did you mean 'grid'?");
  });

  it('reports every violation by line: bad objective, empty values, bad random bounds, data paths', () => {
    const msg = errorOf('base: q.yaml\nobjective: sharp\nspace:\n  random:\n    n: 0\n    params:\n      a.b: {log_range: [0, 1]}\n      data.prices: {choices: [x]}\n');
    expect(msg).toContain("s.yaml:2: objective: expected one of 'n', 'total_return'");
    expect(msg).toContain("Did you mean 'sharpe'?");
    expect(msg).toContain('s.yaml:5: space.random.n: expected an integer >= 1, found 0');
    expect(msg).toContain('s.yaml:7: space.random.params.a.b.log_range: expected [lo, hi]: two numbers > 0 with lo <= hi');
    expect(msg).toContain("s.yaml:8: space.random.params.data.prices: expected a path outside data and output");
  });

  it('says an empty grid, list or random params is empty, not that a mapping was expected and found', () => {
    expect(errorOf('base: q.yaml\nspace:\n  grid: {}\n')).toBe('s.yaml:3: space.grid: expected a non-empty mapping of dotted path -> list of values, found an empty mapping');
    expect(errorOf('base: q.yaml\nspace:\n  list: []\n')).toBe('s.yaml:3: space.list: expected a non-empty list of mappings dotted path -> value, found an empty list');
    expect(errorOf('base: q.yaml\nspace:\n  grid:\n    seed: []\n')).toBe('s.yaml:4: space.grid.seed: expected a non-empty list of values, found an empty list');
    expect(errorOf('base: q.yaml\nspace:\n  random:\n    n: 2\n    params: {}\n')).toBe(
      's.yaml:5: space.random.params: expected a non-empty mapping of dotted path -> {range | log_range | int_range | choices}, found an empty mapping',
    );
  });

  it('refuses a space past 100,000 configurations at its line before expanding it, instead of running out of memory', () => {
    const ten = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]';
    const grid9 = ['base: q.yaml', 'space:', '  grid:', ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k) => `    x.${k}: ${ten}`)].join('\n');
    expect(errorOf(grid9)).toBe(
      's.yaml:3: space.grid: expected at most 100,000 configurations, found 1,000,000,000 (10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 values). Every configuration is built before the first runs: split the space into several sweeps, or sample it with space.random',
    );
    expect(errorOf('base: q.yaml\nspace:\n  random:\n    n: 1000000000\n    params:\n      seed: {int_range: [0, 9]}\n')).toBe(
      's.yaml:4: space.random.n: expected at most 100,000 configurations, found 1,000,000,000. Every configuration is built before the first runs: draw fewer (a smaller n), or split the search into several sweeps with other seeds',
    );
    expect(parseSweepFile('base: q.yaml\nspace:\n  random:\n    n: 100000\n    params:\n      seed: {int_range: [0, 9]}\n', 's.yaml', cwd).space.kind).toBe('random');
  });

  it('refuses a path set twice, once inside a mapping it also sets, instead of letting the later override the swept values', () => {
    // the grid's 0.05 and 0.2 both became 0.3: one configuration, the swept values gone
    expect(errorOf('base: q.yaml\nspace:\n  grid:\n    targets.cash_buffer: [0.05, 0.2]\n    targets: [{cash_buffer: 0.3}]\n')).toBe(
      "s.yaml:4: space.grid.targets.cash_buffer: expected a path set once (targets sets it too), found 'targets.cash_buffer' and 'targets'. Sweep targets.cash_buffer alone, or give its value in the mapping targets sets",
    );
    expect(errorOf('base: q.yaml\nspace:\n  list:\n    - {targets.cash_buffer: 0.1, targets: {cash_buffer: 0.3}}\n')).toMatch(/^s\.yaml:4: space\.list\.0\.targets\.cash_buffer: expected a path set once \(targets sets it too\)/);
    expect(errorOf('base: q.yaml\nspace:\n  random:\n    n: 2\n    params:\n      targets: {choices: [{cash_buffer: 0.3}]}\n      targets.cash_buffer: {range: [0, 0.5]}\n')).toMatch(/^s\.yaml:7: space\.random\.params\.targets\.cash_buffer: expected a path set once/);
    // a path that only starts with another's name is not inside it
    expect(parseSweepFile('base: q.yaml\nspace:\n  grid:\n    kill.kill_error_rate: [0.1]\n    kill.kill_error_rate_x: [1]\n', 's.yaml', cwd).space.kind).toBe('grid');
  });

  it('refuses walk-forward with a run-level objective', () => {
    expect(errorOf('base: q.yaml\nobjective: n_kills\nspace:\n  grid:\n    seed: [1]\nwalk_forward:\n  windows: 2\n')).toMatch(/^s\.yaml:6: walk_forward: expected a return-series objective \(n, .*\), found objective 'n_kills'/);
  });

  it('requires base and space', () => {
    const msg = errorOf('objective: sharpe\n');
    expect(msg).toContain('base: expected a file path');
    expect(msg).toContain('space: expected a mapping with one of grid, list, random, found nothing');
  });
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../../engine/scenario/read-scenario-file.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OPTS = { allocators: { 'pnl-weighted': {} }, cwd: dir };

describe('readScenarioFile', () => {
  it('reads a scenario and resolves its data paths against its folder', () => {
    const text = ['name: q', 'data: { findings: ../d/f.arrow, prices: ../d/p.arrow }', 'clock: { cadence: 5m }', 'allocator: { variant: pnl-weighted, mode: seed }', ''].join('\n');
    writeFileSync(join(dir, 'q.yaml'), text);
    const s = readScenarioFile(join(dir, 'q.yaml'), OPTS);
    expect(s.data.prices).toEqual({ rel: '../d/p.arrow', abs: join(dir, '..', 'd', 'p.arrow'), key: 'data.prices', line: 2 }); // a flow mapping's keys share its line
    expect(s.clock.cadenceMs).toBe(300_000); // 5 x 60 x 1000
    expect(s.allocator).toEqual({ variant: 'pnl-weighted', mode: 'seed', params: {} });
  });

  it('refuses a file past 16 MiB before reading it (a 100 MB one took 18 s and 3.9 GB to parse)', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `name: q\ndescription: '${'x'.repeat(16 * 1024 * 1024)}'\n`);
    expect(() => readScenarioFile(big, OPTS)).toThrow(`${big}: expected a scenario YAML file of at most 16 MiB, found 16777240 bytes`);
    rmSync(big);
  });

  it('names a missing file', () => {
    expect(() => readScenarioFile('nope/q.yaml', OPTS)).toThrow('nope/q.yaml: expected a scenario YAML file, found no such file');
  });

  it('reads every scenario in scenarios/ with the registered allocators', () => {
    const folder = new URL('../../../scenarios/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    for (const f of files) {
      const s = readScenarioFile(new URL(f, folder).pathname, { allocators: allocatorParamSpecs(), cwd: dir });
      expect(s.name.length, f).toBeGreaterThan(0);
    }
  });
});

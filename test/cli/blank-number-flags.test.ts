import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

// A number option given blank (a CI variable left unset: --tolerance "$TOL") or in hex is
// refused by name before anything runs; Number() alone read ' ' as 0 and '0x2' as 2.
const dir = mkdtempSync(join(tmpdir(), 'bt-blank-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SWEEP = 'scenarios/sweeps/quickstart-sweep.yaml';

describe('number options given blank or in hex', () => {
  it.each([
    ['bt sweep --tolerance', ['sweep', SWEEP, '--out', join(dir, 's1'), '--tolerance', ' '], /--tolerance: expected a number >= 0/],
    ['bt sweep --workers', ['sweep', SWEEP, '--out', join(dir, 's2'), '--workers', '0x2'], /--workers: expected an integer >= 1, found '0x2'/],
    ['bt merge --tolerance', ['merge', join(dir, 'a'), join(dir, 'b'), '--out', join(dir, 's3'), '--tolerance', ''], /--tolerance: expected a number >= 0/],
    ['bt compare --seed', ['compare', SWEEP, SWEEP, '--seed', ' '], /--seed: expected an integer >= 0, found ' '/],
    ['bt compare --resamples', ['compare', SWEEP, SWEEP, '--resamples', '0x10'], /--resamples: expected an integer >= \d+, found '0x10'/],
    ['bt compare --level', ['compare', SWEEP, SWEEP, '--level', ' '], /--level: expected a number in \(0, 1\), found ' '/],
    ['bt metrics --risk-free', ['metrics', 'README.md', '--risk-free', '0x0'], /--risk-free: expected a finite number/],
  ])('%s is refused by name, exit 2, nothing written', (_name, args, message) => {
    const r = runBt(args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('bt data import --max-memory-rows blank is refused by name, no file written', () => {
    const out = join(dir, 'p.arrow');
    const r = runBt(['data', 'import', 'prices', 'test/fixtures/does-not-matter.csv', '--out', out, '--max-memory-rows', ' ']);
    expect(r.stderr).toMatch(/--max-memory-rows: expected an integer >= 1, found ' '/);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

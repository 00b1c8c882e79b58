import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bt-every-tick-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bt run --every-tick', () => {
  it('writes the same files as the event-driven run, byte for byte (run_info.json aside: wall time)', () => {
    const fast = join(tmp, 'fast');
    const ref = join(tmp, 'ref');
    expect(runBt(['run', 'scenarios/quickstart.yaml', '--no-report', '--quiet', '--out', fast]).code).toBe(0);
    expect(runBt(['run', 'scenarios/quickstart.yaml', '--no-report', '--quiet', '--every-tick', '--out', ref]).code).toBe(0);
    const names = readdirSync(ref).filter((f) => f !== 'run_info.json').sort();
    expect(readdirSync(fast).filter((f) => f !== 'run_info.json').sort()).toEqual(names);
    expect(names).toContain('events.arrow');
    for (const f of names) expect(readFileSync(join(fast, f)).equals(readFileSync(join(ref, f))), f).toBe(true);
  }, 60_000);

  it('ticks weekly on Mondays with clock.offset 4d, the same bytes either way', () => {
    // the quickstart on a weekly grid moved from the epoch's Thursdays to Mondays
    const text = readFileSync('scenarios/quickstart.yaml', 'utf8')
      .replace(/\.\.\/datasets\//g, `${process.cwd()}/datasets/`)
      .replace('\nclock:\n  cadence: 1d\n', '\nclock:\n  cadence: 7d\n  offset: 4d\n');
    expect(text).toContain('  offset: 4d\n');
    const scenario = join(tmp, 'weekly-mondays.yaml');
    writeFileSync(scenario, text);
    const fast = join(tmp, 'mondays-fast');
    const ref = join(tmp, 'mondays-ref');
    expect(runBt(['run', scenario, '--no-report', '--quiet', '--csv', '--out', fast]).code).toBe(0);
    expect(runBt(['run', scenario, '--no-report', '--quiet', '--csv', '--every-tick', '--out', ref]).code).toBe(0);
    const names = readdirSync(ref).filter((f) => f !== 'run_info.json').sort();
    for (const f of names) expect(readFileSync(join(fast, f)).equals(readFileSync(join(ref, f))), f).toBe(true);
    // every target set is a tick's: all on Mondays at 00:00 UTC
    const [header, ...rows] = readFileSync(join(fast, 'targets.csv'), 'utf8').trim().split('\n');
    const tsAt = (header as string).split(',').indexOf('ts');
    const days = new Set(rows.map((r) => new Date(r.split(',')[tsAt] as string)).map((d) => `${d.getUTCDay()} ${d.getUTCHours()}`));
    expect(rows.length).toBeGreaterThan(0);
    expect([...days]).toEqual(['1 0']);
  }, 60_000);
});

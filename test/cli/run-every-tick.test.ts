import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
});

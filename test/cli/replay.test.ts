import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-replay-'));
const run = join(dir, 'run');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const r = runBt(['run', 'scenarios/quickstart.yaml', '--out', run, '--quiet'], repo);
  expect(r.code, r.stderr).toBe(0);
});

/** A copy of the run folder named `name`, for one edit. */
function copyOfRun(name: string): string {
  const to = join(dir, name);
  cpSync(run, to, { recursive: true });
  return to;
}

describe('bt replay of a run folder that is not what bt run wrote', () => {
  it('refuses an events.arrow whose edit leaves the final state as it was (one outcome\'s realized pnl), naming the file, where it said "rebuild exactly"', () => {
    const d = copyOfRun('edited-outcome');
    const path = join(d, 'events.arrow');
    const bytes = readFileSync(path);
    // the realized pnl of the first outcome_reconciled event: the fold ignores it, so only a hash sees the edit
    const t = tableFromIPC(bytes);
    const kind = t.getChild('kind');
    const v1 = t.getChild('v1');
    let row = 0;
    while (kind?.get(row) !== 'outcome_reconciled') row++;
    const value = v1?.get(row) as number;
    const le = Buffer.alloc(8);
    le.writeDoubleLE(value);
    const at = bytes.indexOf(le);
    expect(at).toBeGreaterThan(0);
    bytes.writeDoubleLE(value + 1000, at);
    writeFileSync(path, bytes);
    expect((tableFromIPC(readFileSync(path)).getChild('v1')?.get(row) as number) - value).toBe(1000);

    const r = runBt(['replay', d], repo);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`bt: ${path}: sha256: expected `);
    expect(r.stderr).toContain('The file changed after bt run wrote it');
  });

  it('refuses a final_state.json holding an agent the run never had, naming the file (the replay takes its roster from that file, so it rebuilt the ghost too)', () => {
    const d = copyOfRun('ghost-agent');
    const path = join(d, 'final_state.json');
    const state = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
    state['agent_status'] = { ...state['agent_status'], zz_ghost: 'active' };
    state['agent_weights'] = { ...state['agent_weights'], zz_ghost: 0 };
    state['confidence_multipliers'] = { ...state['confidence_multipliers'], zz_ghost: 1 };
    writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);

    const r = runBt(['replay', d], repo);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain(`bt: ${path}: sha256: expected `);
  });

  it('still rebuilds an untouched run folder exactly', () => {
    const r = runBt(['replay', run], repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bt replay: \d+ logged events \(events\.arrow\) rebuild final_state\.json exactly\n$/);
  });
});

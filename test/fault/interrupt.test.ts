import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace, treeHashes } from '../helpers/tiny-workspace.js';
import { folderWithUserFile, runAndKill } from './kill-harness.js';
import { SWEEP_OUTPUTS } from '../helpers/sweep-outputs.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fault-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OUTPUTS = SWEEP_OUTPUTS;
const ARGS = ['sweep', 'tiny-sweep.yaml', '--workers', '2', '--no-report'] as const;
// the pause holds the sweep after its first journaled result, with its workers started and the event loop turning
const AT_JOURNALED = { phase: 'journaled' } as const;

beforeAll(() => {
  makeTinyWorkspace(dir);
  writeFileSync(join(dir, 'tiny-sweep-b.yaml'), readFileSync(join(dir, 'tiny-sweep.yaml'), 'utf8').replace('[0.05, 0.2]', '[0.1, 0.3]'));
  for (const [sweep, out] of [['tiny-sweep.yaml', 'ref'], ['tiny-sweep-b.yaml', 'old']] as const) {
    const r = btSync(dir, ['sweep', sweep, '--workers', '1', '--no-report', '--quiet', '--out', out]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
});


function expectTablesOfUnbrokenSweep(out: string): void {
  for (const f of OUTPUTS) expect(readFileSync(join(out, f)).equals(readFileSync(join(dir, 'ref', f))), f).toBe(true);
}

describe('bt sweep under SIGINT and SIGTERM', () => {
  it('Ctrl-C: ends by SIGINT, says how many configurations the journal keeps, releases its lock; --resume completes it', async () => {
    const parent = folderWithUserFile(dir, 'int');
    const out = join(parent, 'sweep');
    const r = await runAndKill(dir, [...ARGS, '--out', out], AT_JOURNALED, { signal: 'SIGINT' });
    expect(r.killed, r.stderr).toBe(true);
    expect(r.signal, r.stderr).toBe('SIGINT');
    expect(r.stderr).toMatch(/bt: sweep interrupted \(SIGINT\): [1-4] of 4 configurations are in .*journal\.jsonl: the same command with --resume runs the others/);
    expect(btLeftovers(parent)).toEqual([]);
    const again = btSync(dir, [...ARGS, '--out', out, '--resume', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expectTablesOfUnbrokenSweep(out);
    expect(readFileSync(join(parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
  });

  it('SIGTERM over an earlier sweep: ends by SIGTERM, the earlier sweep is untouched and its temp folder is gone at once', async () => {
    const parent = folderWithUserFile(dir, 'term');
    const out = join(parent, 'sweep');
    cpSync(join(dir, 'old'), out, { recursive: true });
    const r = await runAndKill(dir, [...ARGS, '--out', out], AT_JOURNALED, { signal: 'SIGTERM' });
    expect(r.killed, r.stderr).toBe(true);
    expect(r.signal, r.stderr).toBe('SIGTERM');
    expect(r.stderr).toMatch(/bt: sweep interrupted \(SIGTERM\): .* keeps the earlier sweep as it was/);
    expect(btLeftovers(parent)).toEqual([]);
    expect(treeHashes(out)).toEqual(treeHashes(join(dir, 'old')));
  });

  it('a second Ctrl-C during the cleanup ends it at once and corrupts nothing: --resume still completes the sweep', async () => {
    const parent = folderWithUserFile(dir, 'twice');
    const out = join(parent, 'sweep');
    const r = await runAndKill(dir, [...ARGS, '--out', out], AT_JOURNALED, { signal: 'SIGINT', againAfterMs: 0 });
    expect(r.signal, r.stderr).toBe('SIGINT');
    const again = btSync(dir, [...ARGS, '--out', out, '--resume', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expectTablesOfUnbrokenSweep(out);
    expect(btLeftovers(parent)).toEqual([]);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(true);
  });
});

describe('bt run under SIGINT', () => {
  it('ends at once by the signal (no handler holds up Ctrl-C); the next run removes the temp output and says so', async () => {
    const parent = folderWithUserFile(dir, 'run');
    const out = join(parent, 'run');
    const r = await runAndKill(dir, ['run', 'tiny.yaml', '--out', out, '--quiet', '--no-report'], { phase: 'write@6' }, { signal: 'SIGINT' });
    expect(r.killed, r.stderr).toBe(true);
    expect(r.signal).toBe('SIGINT');
    const left = btLeftovers(parent).filter((n) => n.startsWith('.bt-tmp-'));
    expect(left).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const again = btSync(dir, ['run', 'tiny.yaml', '--out', out, '--quiet', '--no-report']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`bt: note: removed ${join(parent, left[0] as string)}, what bt process ${/-(\d+)-/.exec(left[0] as string)?.[1] ?? ''} was writing when it stopped (killed or interrupted)\n`);
    expect(btLeftovers(parent)).toEqual([]);
  });
});

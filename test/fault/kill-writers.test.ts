import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace, treeHashes } from '../helpers/tiny-workspace.js';
import { describePoint, folderWithUserFile, killPoints, POINTS, runAndKill, type KillPoint } from './kill-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fault-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MERGE = ['merge', 'shard-1', 'shard-2', '--quiet', '--no-report'] as const;
const GOVERNANCE = ['--history', '--quiet'] as const;
const LP = ['report', 'lp', 'run', '--all', '--format', 'html,md', '--quiet'] as const;

function ok(args: readonly string[]): void {
  const r = btSync(dir, args);
  if (r.code !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  makeTinyWorkspace(dir);
  writeFileSync(join(dir, 'tiny-sweep-b.yaml'), readFileSync(join(dir, 'tiny-sweep.yaml'), 'utf8').replace('[0.05, 0.2]', '[0.1, 0.3]'));
  ok(['run', 'tiny.yaml', '--out', 'run', '--quiet', '--no-report']);
  for (const i of [1, 2]) ok(['sweep', 'tiny-sweep.yaml', '--shard', `${i}/2`, '--out', `shard-${i}`, '--workers', '1', '--quiet', '--no-report']);
  ok([...MERGE, '--out', 'merge-ref']);
  ok(['sweep', 'tiny-sweep-b.yaml', '--out', 'merge-old', '--workers', '1', '--quiet', '--no-report']);
  cpSync(join(dir, 'run'), join(dir, 'gov-run'), { recursive: true });
  ok(['governance', 'gov-run', '--out', 'gov-ref', ...GOVERNANCE]);
  ok(['governance', 'gov-run', '--out', 'gov-old', '--at', '2022-02-01', '--quiet']);
  ok([...LP, '--out', 'lp-ref']);
  ok(['report', 'lp', 'run', '--week', '2022-W05', '--format', 'html,md', '--out', 'lp-old', '--quiet']);
  // each old output differs from the new one, so a kill that left the old one cannot pass for a rerun's
  for (const [a, b] of [['merge-old', 'merge-ref'], ['gov-old', 'gov-ref'], ['lp-old', 'lp-ref']] as const) expect(treeHashes(join(dir, a))).not.toEqual(treeHashes(join(dir, b)));
});

/** A case folder with a user's file beside the output, and the old output copied in (or none). */
function caseFolder(name: string, old: string | null): { parent: string; out: string } {
  const parent = folderWithUserFile(dir, name);
  const out = join(parent, 'out');
  if (old !== null) cpSync(join(dir, old), out, { recursive: true });
  return { parent, out };
}

/** Kills `args` at `point`, then checks --out is old, new or absent, and that the rerun recovers and equals `ref`. */
async function killAndRecover(args: readonly string[], point: KillPoint, c: { parent: string; out: string }, old: string | null, ref: string): Promise<void> {
  const r = await runAndKill(dir, args, point);
  if ('phase' in point) expect(r.killed, r.stderr).toBe(true);
  const allowed = [treeHashes(join(dir, ref)), ...(old !== null ? [treeHashes(join(dir, old))] : [])];
  if (existsSync(c.out)) expect(allowed).toContainEqual(treeHashes(c.out));
  expect(readFileSync(join(c.parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
  const again = btSync(dir, args);
  expect(again.code, again.stderr).toBe(0);
  expect(btLeftovers(c.parent)).toEqual([]);
  expect(treeHashes(c.out)).toEqual(treeHashes(join(dir, ref)));
}

const n = Math.max(3, Math.round(POINTS * 0.4));
const mergeNew = killPoints('merge-new', n, [], 24, 1200);
const mergeOld = killPoints('merge-old', n, ['aside', 'swapped'], 24, 1200);

describe('bt merge under SIGKILL', () => {
  it.each(mergeNew.map((p, i) => [i, describePoint(p), p] as const))('first write, point %i (%s): --out is absent or the whole merge, never half-written', async (i, _name, point) => {
    const c = caseFolder(`merge-new-${i}`, null);
    await killAndRecover([...MERGE, '--out', c.out], point, c, null, 'merge-ref');
  });
  it.each(mergeOld.map((p, i) => [i, describePoint(p), p] as const))('over an earlier sweep, point %i (%s): --out is the old sweep or the merge', async (i, _name, point) => {
    const c = caseFolder(`merge-old-${i}`, 'merge-old');
    await killAndRecover([...MERGE, '--out', c.out], point, c, 'merge-old', 'merge-ref');
  });
});

const govPoints = killPoints('governance', n, ['temp-file', 'aside', 'swapped'], 60, 800);

describe('bt governance under SIGKILL', () => {
  it.each(govPoints.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): --out is the old or the new files; the run folder keeps no temp', async (i, _name, point) => {
    const c = caseFolder(`gov-${i}`, 'gov-old');
    const run = join(c.parent, 'run');
    cpSync(join(dir, 'run'), run, { recursive: true });
    await killAndRecover(['governance', run, '--out', c.out, ...GOVERNANCE], point, c, 'gov-old', 'gov-ref');
    // notifications.jsonl went in through a temp file: a kill there must not leave it in the run folder
    expect(btLeftovers(run)).toEqual([]);
    expect(readFileSync(join(run, 'notifications.jsonl'))).toEqual(readFileSync(join(dir, 'gov-run', 'notifications.jsonl')));
  });
});

const lpPoints = killPoints('lp', Math.max(2, Math.round(POINTS * 0.3)), ['aside'], 40, 1500);

describe('bt report lp under SIGKILL', () => {
  it.each(lpPoints.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): --out is the old or the new reports', async (i, _name, point) => {
    const c = caseFolder(`lp-${i}`, 'lp-old');
    await killAndRecover([...LP, '--out', c.out], point, c, 'lp-old', 'lp-ref');
  });
});

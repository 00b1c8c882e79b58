import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace, TINY_GENERATE, treeHashes } from '../helpers/tiny-workspace.js';
import { describePoint, folderWithUserFile, killPoints, POINTS, runAndKill } from './kill-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fault-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GENERATE = ['data', 'generate', '--seed', '9', ...TINY_GENERATE] as const;
// --max-memory-rows 8 spills sorted runs to a temp folder: a kill can land while it exists
const IMPORT = ['data', 'import', 'prices', 'p.csv', '--sort', '--max-memory-rows', '8'] as const;

beforeAll(() => {
  makeTinyWorkspace(dir);
  for (const args of [[...GENERATE, '--out', 'ref-u'], [...IMPORT, '--out', 'ref.arrow']]) {
    const r = btSync(dir, args);
    if (r.code !== 0) throw new Error(r.stderr);
  }
});


const genPoints = killPoints('generate', Math.max(4, Math.round(POINTS * 0.6)), ['aside', 'swapped'], 16, 1200);
const importPoints = killPoints('import', Math.max(4, Math.round(POINTS * 0.6)), ['locked'], 14, 1000);

describe('bt data generate under SIGKILL', () => {
  it.each(genPoints.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): --out is the old universe, the new one or absent; the rerun equals an unbroken one', async (i, _name, point) => {
    const parent = folderWithUserFile(dir, `gen-${i}`);
    const out = join(parent, 'u');
    cpSync(join(dir, 'u'), out, { recursive: true });
    const r = await runAndKill(dir, [...GENERATE, '--out', out], point);
    if ('phase' in point) expect(r.killed, r.stderr).toBe(true);
    if (existsSync(out)) expect([treeHashes(join(dir, 'u')), treeHashes(join(dir, 'ref-u'))]).toContainEqual(treeHashes(out));
    expect(readFileSync(join(parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
    const again = btSync(dir, [...GENERATE, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(btLeftovers(parent)).toEqual([]);
    expect(treeHashes(out)).toEqual(treeHashes(join(dir, 'ref-u')));
  });
});

describe('bt data import under SIGKILL', () => {
  it.each(importPoints.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): --out is the old file, the new one or absent; the rerun equals an unbroken one', async (i, _name, point) => {
    const parent = folderWithUserFile(dir, `imp-${i}`);
    const out = join(parent, 'p.arrow');
    copyFileSync(join(dir, 'u', 'prices.arrow'), out);
    const old = readFileSync(out);
    const r = await runAndKill(dir, [...IMPORT, '--out', out], point);
    if ('phase' in point) expect(r.killed, r.stderr).toBe(true);
    if (existsSync(out)) expect(readFileSync(out).equals(old) || readFileSync(out).equals(readFileSync(join(dir, 'ref.arrow')))).toBe(true);
    expect(readFileSync(join(parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
    const again = btSync(dir, [...IMPORT, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(btLeftovers(parent)).toEqual([]);
    expect(readFileSync(out).equals(readFileSync(join(dir, 'ref.arrow')))).toBe(true);
  });
});

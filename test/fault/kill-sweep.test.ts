import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace } from '../helpers/tiny-workspace.js';
import { describePoint, killPoints, POINTS, runAndKill } from './kill-harness.js';
import { SWEEP_OUTPUTS } from '../helpers/sweep-outputs.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fault-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OUTPUTS = SWEEP_OUTPUTS;
const ARGS = ['sweep', 'tiny-sweep.yaml', '--workers', '1', '--quiet', '--no-report'] as const;

beforeAll(() => {
  makeTinyWorkspace(dir);
  const r = btSync(dir, [...ARGS, '--out', 'ref']);
  if (r.code !== 0) throw new Error(r.stderr);
});

// a sweep appends its journal in place (no swap): the kill points are the write ops and delays
const points = killPoints('sweep', Math.max(4, Math.round(POINTS * 0.6)), ['locked'], 22, 2500);

describe('bt sweep under SIGKILL', () => {
  it.each(points.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): user files stay; --resume gives the tables of an unbroken sweep and leaves no temp', async (i, _name, point) => {
    const parent = join(dir, `case-${i}`);
    mkdirSync(parent);
    writeFileSync(join(parent, 'keep.txt'), 'a user file beside the output');
    const out = join(parent, 'sweep');
    const r = await runAndKill(dir, [...ARGS, '--out', out], point);
    if ('phase' in point) expect(r.killed, r.stderr).toBe(true);
    expect(readFileSync(join(parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
    const again = btSync(dir, [...ARGS, '--out', out, '--resume']);
    expect(again.code, again.stderr).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(join(out, f)).equals(readFileSync(join(dir, 'ref', f))), f).toBe(true);
    expect(btLeftovers(parent)).toEqual([]);
    expect(btLeftovers(out)).toEqual([]);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(true);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace, treeHashes } from '../helpers/tiny-workspace.js';
import { describePoint, killPoints, manifestMismatches, POINTS, runAndKill } from './kill-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fault-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run folder's files without run_info.json (wall-clock facts, not part of the hashed output). */
function runTree(out: string): Record<string, string> {
  const t = treeHashes(out);
  delete t['run_info.json'];
  return t;
}

let oldTree: Record<string, string>;
let newTree: Record<string, string>;

beforeAll(() => {
  makeTinyWorkspace(dir);
  // the new run differs from the old one in every output, so the two cannot be confused
  writeFileSync(join(dir, 'tiny-b.yaml'), readFileSync(join(dir, 'tiny.yaml'), 'utf8').replace('seed: 3', 'seed: 4').concat('targets:\n  cash_buffer: 0.3\n'));
  for (const [scenario, out] of [['tiny.yaml', 'ref-old'], ['tiny-b.yaml', 'ref-new']] as const) {
    const r = btSync(dir, ['run', scenario, '--out', out, '--quiet', '--no-report']);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  oldTree = runTree(join(dir, 'ref-old'));
  newTree = runTree(join(dir, 'ref-new'));
});

const points = killPoints('run', POINTS, ['locked', 'aside', 'swapped'], 18, 1500);

describe('bt run under SIGKILL', () => {
  it.each(points.map((p, i) => [i, describePoint(p), p] as const))('point %i (%s): --out is the old run, the new run or absent; the rerun recovers and equals an unbroken run', async (i, _name, point) => {
    const parent = join(dir, `case-${i}`);
    mkdirSync(parent);
    writeFileSync(join(parent, 'keep.txt'), 'a user file beside the output');
    cpSync(join(dir, 'ref-old'), join(parent, 'out'), { recursive: true });
    const r = await runAndKill(dir, ['run', 'tiny-b.yaml', '--out', join(parent, 'out'), '--quiet', '--no-report'], point);
    if ('phase' in point) expect(r.killed, r.stderr).toBe(true); // the pause was reached: the kill landed inside that phase
    const out = join(parent, 'out');
    if (existsSync(out)) {
      const tree = runTree(out);
      expect([oldTree, newTree]).toContainEqual(tree);
      expect(manifestMismatches(out)).toEqual([]);
      expect(btSync(dir, ['replay', out]).code).toBe(0);
    }
    expect(readFileSync(join(parent, 'keep.txt'), 'utf8')).toBe('a user file beside the output');
    const again = btSync(dir, ['run', 'tiny-b.yaml', '--out', out, '--quiet', '--no-report']);
    expect(again.code, again.stderr).toBe(0);
    expect(btLeftovers(parent)).toEqual([]);
    expect(runTree(out)).toEqual(newTree);
  });
});

describe('bt run under SIGKILL while its event log spills', () => {
  it('leaves the old run and a temp folder the next run recovers, which then equals an unbroken run', async () => {
    // 40 agents x 1.6 findings per hourly bar over 46 days: 69k logged rows, so the first
    // 65,536-row batch goes to events.arrow mid-run, where the pause holds the process.
    const g = btSync(dir, ['data', 'generate', '--seed', '5', '--agents', '40', '--symbols', '10', '--start', '2022-01-01', '--end', '2022-02-15', '--freq', '1h', '--findings-per-agent-per-bar', '1.6', '--out', 'big-u']);
    expect(g.code, g.stderr).toBe(0);
    writeFileSync(join(dir, 'big.yaml'), ['name: big', 'seed: 3', 'data:', '  findings: big-u/findings.arrow', '  prices: big-u/prices.arrow', '  agents: big-u/agents.arrow', 'clock:', '  cadence: 1d', 'allocator:', '  variant: risk-penalized', ''].join('\n'));
    const ref = btSync(dir, ['run', 'big.yaml', '--out', 'big-ref', '--quiet', '--no-report']);
    expect(ref.code, ref.stderr).toBe(0);
    const parent = join(dir, 'spill-case');
    mkdirSync(parent);
    const out = join(parent, 'out');
    cpSync(join(dir, 'ref-old'), out, { recursive: true });
    const r = await runAndKill(dir, ['run', 'big.yaml', '--out', out, '--quiet', '--no-report'], { phase: 'spilled' });
    expect(r.killed, r.stderr).toBe(true);
    expect(runTree(out)).toEqual(oldTree);
    expect(btLeftovers(parent).some((n) => n.startsWith('.bt-tmp-'))).toBe(true);
    const again = btSync(dir, ['run', 'big.yaml', '--out', out, '--quiet', '--no-report']);
    expect(again.code, again.stderr).toBe(0);
    expect(btLeftovers(parent)).toEqual([]);
    expect(runTree(out)).toEqual(runTree(join(dir, 'big-ref')));
    expect(manifestMismatches(out)).toEqual([]);
  }, 60_000);
});

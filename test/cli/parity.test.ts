import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/built-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BT = builtCli(ROOT);
const FIXTURES = join(ROOT, 'test', 'fixtures', 'parity');
let dir = '';

function bt(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BT, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-parity-'));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('bt parity', () => {
  it('reports 50/50 cases match for cases_update_confidence.jsonl and writes one line per case', () => {
    const r = bt('parity', '--in', join(FIXTURES, 'cases_update_confidence.jsonl'), '--out', 'out.jsonl', '--check');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('50/50 cases match\n');
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    expect(lines[0]).toMatch(/^\{"id":"update_confidence\/1\/0000","fn":"update_confidence","actual":\{/);
  });

  it('refuses a folder as --out with exit 2 before running a case', () => {
    mkdirSync(join(dir, 'a-folder'));
    const r = bt('parity', '--in', join(FIXTURES, 'cases_update_confidence.jsonl'), '--out', 'a-folder');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: a-folder: --out: expected a file path for the results (JSON Lines), found a folder. Choose another --out\n');
    expect(readdirSync(join(dir, 'a-folder'))).toEqual([]);
  });

  it('refuses to overwrite its own --in or a file it did not write (exit 2, before any case), and replaces its own results', () => {
    const cases = join(dir, 'cases-copy.jsonl');
    writeFileSync(cases, readFileSync(join(FIXTURES, 'cases_update_confidence.jsonl')));
    const self = bt('parity', '--in', cases, '--out', cases);
    expect(self.code).toBe(2);
    expect(self.stderr).toBe(`bt: ${cases}: --out: expected no file, or a parity results file bt wrote, to replace, found the --in cases file. bt never overwrites what it did not write: choose another --out\n`);
    expect(readFileSync(cases)).toEqual(readFileSync(join(FIXTURES, 'cases_update_confidence.jsonl')));
    writeFileSync(join(dir, 'mine.jsonl'), '{"id":"x","fn":"f","args":{}}\n');
    const foreign = bt('parity', '--in', cases, '--out', 'mine.jsonl');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^bt: mine\.jsonl: --out: expected no file, or a parity results file bt wrote, to replace, found another file/);
    expect(readFileSync(join(dir, 'mine.jsonl'), 'utf8')).toBe('{"id":"x","fn":"f","args":{}}\n');
    expect(bt('parity', '--in', cases, '--out', 'again.jsonl').code).toBe(0);
    expect(bt('parity', '--in', cases, '--out', 'again.jsonl').code).toBe(0);
  });

  it('writes raises lines and restricts to one function with --fn', () => {
    const r = bt('parity', '--in', join(FIXTURES, 'quirks.jsonl'), '--out', 'q.jsonl', '--fn', 'strategy_attribution', '--check');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1/1 cases match\n');
    expect(readFileSync(join(dir, 'q.jsonl'), 'utf8')).toBe(
      '{"id":"quirk/Q004-7","fn":"strategy_attribution","raises":"KeyError: \'strategy\'"}\n',
    );
  });

  it('exits 2 naming the line of a malformed case and leaves nothing behind', () => {
    const src = readFileSync(join(FIXTURES, 'cases_update_confidence.jsonl'), 'utf8').split('\n');
    src[1] = '{"id": "broken", ';
    writeFileSync(join(dir, 'bad.jsonl'), src.join('\n'));
    const r = bt('parity', '--in', 'bad.jsonl', '--out', 'bad-out.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: bad\.jsonl:2: expected one JSON object per line, found malformed JSON \(/);
    expect(existsSync(join(dir, 'bad-out.jsonl'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.bt-tmp'))).toEqual([]);
  });

  it('refuses --check with no case to compare (an empty file, or --fn naming a function the file has no case of), exit 2 and no results file, where it printed "0/0 cases match" and passed', () => {
    writeFileSync(join(dir, 'empty-cases.jsonl'), '\n\n');
    const empty = bt('parity', '--in', 'empty-cases.jsonl', '--out', 'none.jsonl', '--check');
    expect(empty.code, empty.stdout).toBe(2);
    expect(empty.stderr).toBe('bt: empty-cases.jsonl: expected at least one case to compare (--check), found no case. A check of no case would pass without comparing anything\n');
    const other = bt('parity', '--in', join(FIXTURES, 'cases_pnl_weights.jsonl'), '--out', 'none.jsonl', '--fn', 'risk_weights', '--check');
    expect(other.code, other.stdout).toBe(2);
    expect(other.stderr).toMatch(/: expected at least one case of risk_weights to compare \(--check\), found \d+ cases, none of risk_weights\. A check of no case would pass without comparing anything\n$/);
    expect(existsSync(join(dir, 'none.jsonl'))).toBe(false);
    // without --check, running no case is no claim: an empty results file, exit 0
    expect(bt('parity', '--in', 'empty-cases.jsonl', '--out', 'none.jsonl').code).toBe(0);
    expect(readFileSync(join(dir, 'none.jsonl'), 'utf8')).toBe('');
  });

  it('exits 2 on an unknown fn and lists the known ones', () => {
    writeFileSync(join(dir, 'fn.jsonl'), '{"id":"x","fn":"compute_weights","args":{}}\n');
    const r = bt('parity', '--in', 'fn.jsonl', '--out', 'fn-out.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'bt: fn.jsonl:1: fn: expected one of capital_allocate, governor_allocate, pnl_weights, promotion_decision, ' +
        'risk_weights, strategy_attribution, strategy_kill, update_confidence, found "compute_weights"\n',
    );
    expect(existsSync(join(dir, 'fn-out.jsonl'))).toBe(false);
  });

  it('points --help to files that exist in the repository', () => {
    const r = bt('parity', '--help');
    expect(r.code).toBe(0);
    // repository paths: lower-case folder names then a file or a folder (not the "N/M" of --check's text)
    const paths = [...r.stdout.matchAll(/\b[a-z][\w-]*\/(?:[\w-]+\/)*(?:[\w-]+\.[a-z]+)?/g)].map((m) => m[0]);
    expect(paths).toEqual(['docs/parity.md', 'test/fixtures/parity/', 'test/fixtures/parity/cases_risk_weights.jsonl']);
    for (const p of paths) expect(existsSync(join(ROOT, p)), p).toBe(true);
  });

  it('exits 2 on an unreadable file', () => {
    const r = bt('parity', '--in', 'missing.jsonl', '--out', 'm.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: missing.jsonl: expected a readable JSON Lines file of parity cases, found an unreadable file (ENOENT)\n');
  });

  it('exits 1 on a doctored expected value and names the case and path', () => {
    const src = readFileSync(join(FIXTURES, 'cases_update_confidence.jsonl'), 'utf8').trimEnd().split('\n');
    const c = JSON.parse(src[0] as string) as { expected: Record<string, number> };
    const agent = Object.keys(c.expected)[0] as string;
    c.expected[agent] = (c.expected[agent] as number) + 1e-4;
    src[0] = JSON.stringify(c);
    writeFileSync(join(dir, 'doctored.jsonl'), `${src.join('\n')}\n`);
    const r = bt('parity', '--in', 'doctored.jsonl', '--out', 'd.jsonl', '--check');
    expect(r.code).toBe(1);
    const out = r.stdout.trimEnd().split('\n');
    expect(out[0]).toMatch(new RegExp(`^mismatch update_confidence/1/0000 \\(doctored\\.jsonl:1\\): \\$\\.${agent}: expected `));
    expect(out[1]).toBe('49/50 cases match');
  });
});

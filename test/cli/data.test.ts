import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtCli } from '../helpers/built-cli.js';

const BT = builtCli(resolve('.'));
const LIVE = resolve('test/fixtures/live');

function bt(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BT, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bt data import', () => {
  it('imports live findings, then inspect --json reports them', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    const imp = bt(['data', 'import', 'findings', join(LIVE, 'findings.jsonl'), '--out', 'f.arrow'], d);
    expect(imp).toMatchObject({ code: 0, stdout: 'imported 4 findings rows into f.arrow\n' });
    const ins = bt(['data', 'inspect', 'f.arrow', '--json'], d);
    expect(ins.code).toBe(0);
    const j = JSON.parse(ins.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ kind: 'findings', rows: 4, start: '2024-03-01T09:30:00.123Z', end: '2024-03-02T00:00:00.000Z', distinct: { agent: 3, symbol: 3 }, sorted: true, nulls: { ts: 0, agent: 0 } });
  });

  it('says on stderr which left-out column looks like an optional field, with the --map that imports it', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'f.csv'), 'ts,agent,symbol,severity,confidence,horizon\n2024-01-01T00:00:00Z,a1,SYMA,low,0.5,72\n');
    const r = bt(['data', 'import', 'findings', 'f.csv', '--out', 'f.arrow'], d);
    expect(r).toMatchObject({ code: 0, stdout: 'imported 1 findings rows into f.arrow\n' });
    expect(r.stderr).toBe("bt data import: note: f.csv: columns left out, as no field has their name: 'horizon' looks like horizon_hours (--map horizon=horizon_hours to import it)\n");
  });

  it('trims spaces around names, quoted or not, and says so on stderr with the count and the first (nothing when none had any)', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'f.csv'), 'ts,agent,symbol,severity,confidence\n2024-01-01T00:00:00Z,a1,"SYMA ",low,0.5\n2024-01-01T01:00:00Z, a1,SYMA,low,0.5\n2024-01-01T02:00:00Z,"a 2",SYMA,low,0.5\n');
    const r = bt(['data', 'import', 'findings', 'f.csv', '--out', 'f.arrow'], d);
    expect(r).toMatchObject({ code: 0, stdout: 'imported 3 findings rows into f.arrow\n' });
    expect(r.stderr).toBe('bt data import: note: f.csv: 2 name cells had spaces around the name, trimmed (first: line 2, symbol "SYMA " -> "SYMA"); bt compares names without them\n');
    // one symbol, and a space inside a name is kept
    expect(JSON.parse(bt(['data', 'inspect', 'f.arrow', '--json'], d).stdout)).toMatchObject({ distinct: { agent: 2, symbol: 1 } });
    writeFileSync(join(d, 'a.jsonl'), '{"agent": "a1", "strategy": "arb", "enabled": true}\n{"agent": "a2", "strategy": "arb ", "enabled": true}\n');
    const agents = bt(['data', 'import', 'agents', 'a.jsonl', '--out', 'a.arrow'], d);
    expect(agents.code).toBe(0);
    expect(agents.stderr).toBe('bt data import: note: a.jsonl: 1 name cell had spaces around the name, trimmed (first: line 2, strategy "arb " -> "arb"); bt compares names without them\n');
    writeFileSync(join(d, 'g.csv'), 'ts,agent,symbol,severity,confidence\n2024-01-01T00:00:00Z,a1,SYMA, low ,0.5\n');
    expect(bt(['data', 'import', 'findings', 'g.csv', '--out', 'g.arrow'], d)).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 2 on unsorted input without --sort and leaves nothing behind', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    const r = bt(['data', 'import', 'findings', join(LIVE, 'findings.json'), '--out', 'f.arrow'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 2: ts: expected rows in order of ts');
    expect(r.stderr).toContain('pass --sort to sort it');
    expect(readdirSync(d)).toEqual([]);
  });

  it('exits 2 on an input it cannot read and leaves none of the folders --out would have needed', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    const r = bt(['data', 'import', 'findings', 'missing.csv', '--out', 'new/dir/f.arrow'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: missing.csv: file not found\n');
    expect(readdirSync(d)).toEqual([]);
  });

  it('exits 2 on a JSON or JSONL object holding a key twice, naming the line and the key, where JSON.parse would keep the last value', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'f.jsonl'), '{"ts":"2024-01-01T00:00:00Z","agent":"a1","symbol":"S","severity":"low","confidence":0.5}\n{"ts":"2024-01-01T01:00:00Z","agent":"a1","symbol":"S","severity":"low","confidence":0.5,"confidence":0.9}\n');
    writeFileSync(join(d, 'p.json'), '[\n {"ts":"2024-01-01T00:00:00Z","symbol":"S","close":1},\n {"ts":"2024-01-02T00:00:00Z","symbol":"S","close":1,"close":2}\n]\n');
    const f = bt(['data', 'import', 'findings', 'f.jsonl', '--out', 'f.arrow'], d);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe('bt: f.jsonl:2: expected each key once in an object, found the key "confidence" twice (JSON keeps the last value silently). Remove one of them, or fix the tool that wrote the file\n');
    const p = bt(['data', 'import', 'prices', 'p.json', '--out', 'p.arrow'], d);
    expect(p.code).toBe(2);
    expect(p.stderr).toBe('bt: p.json:3: expected each key once in an object, found the key "close" twice (JSON keeps the last value silently). Remove one of them, or fix the tool that wrote the file\n');
    expect(readdirSync(d).sort()).toEqual(['f.jsonl', 'p.json']);
  });

  it('exits 2 on a NaN price with the exact message', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'p.csv'), 'ts,symbol,close\n2024-01-01,A,NaN\n');
    const r = bt(['data', 'import', 'prices', 'p.csv', '--out', 'p.arrow'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: p.csv:2: close: expected a finite number > 0 and <= 1000000000000, found 'NaN'\n");
    expect(readdirSync(d)).toEqual(['p.csv']);
  });

  it('exits 2 on a header-only CSV naming the file, and writes it with --allow-empty and a warning', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'p.csv'), 'ts,symbol,close\n');
    const r = bt(['data', 'import', 'prices', 'p.csv', '--out', 'p.arrow'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: p.csv: expected at least one prices row, found a header only. Pass --allow-empty to write an empty prices file\n');
    expect(readdirSync(d)).toEqual(['p.csv']);
    const ok = bt(['data', 'import', 'prices', 'p.csv', '--out', 'p.arrow', '--allow-empty'], d);
    expect(ok).toMatchObject({ code: 0, stdout: 'imported 0 prices rows into p.arrow\n' });
    expect(ok.stderr).toBe('bt data import: warning: p.csv holds no prices rows; wrote an empty prices file (--allow-empty)\n');
    expect(JSON.parse(bt(['data', 'inspect', 'p.arrow', '--json'], d).stdout)).toMatchObject({ kind: 'prices', rows: 0 });
    writeFileSync(join(d, 'a.csv'), 'agent,strategy\n');
    const agents = bt(['data', 'import', 'agents', 'a.csv', '--out', 'a.arrow'], d);
    expect(agents.code).toBe(2);
    expect(agents.stderr).toBe('bt: a.csv: expected at least one agents row, found a header only. Pass --allow-empty to write an empty agents file\n');
    expect(readdirSync(d).sort()).toEqual(['a.csv', 'p.arrow', 'p.csv']);
  });

  it('exits 2 on a kill-list typo with line and did-you-mean, writing nothing', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    writeFileSync(join(d, 'k.yaml'), 'arb:\n  status: ACTIVE\n  max_drawdown: -250\n');
    const r = bt(['data', 'import', 'killlist', 'k.yaml', '--out', 'out.yaml'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: k.yaml:3: unknown key 'arb.max_drawdown'. Did you mean 'max_drawdown_bps'?\n");
    expect(readdirSync(d)).toEqual(['k.yaml']);
  });
});

describe('bt data inspect', () => {
  it('exits 2 on a truncated Arrow file', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    bt(['data', 'import', 'agents', join(LIVE, 'agent_schedule.json'), '--out', 'a.arrow'], d);
    const bytes = readFileSync(join(d, 'a.arrow'));
    writeFileSync(join(d, 'a.arrow'), bytes.subarray(0, 100));
    const r = bt(['data', 'inspect', 'a.arrow'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: a.arrow: expected a complete Arrow IPC file (ending with "ARROW1"), found 100 bytes without the closing footer. The file is truncated; write it again\n');
  });

  it('exits 2 naming a folder given as the Arrow file, as bad input (it was exit 4, "an output path: cannot write", for a command that writes nothing)', () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-cli-'));
    mkdirSync(join(d, 'u'));
    const r = bt(['data', 'inspect', 'u'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: u: expected an Arrow IPC file, found a folder\n');
    // bt init reads its --findings the same way
    const i = bt(['init', 'proj', '--findings', 'u', '--prices', 'u'], d);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain('bt: u: expected an Arrow IPC file, found a folder\n');
    expect(readdirSync(d)).toEqual(['u']);
  });
});

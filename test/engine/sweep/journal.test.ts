import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, parseJournal, readJournal } from '../../../engine/sweep/journal.js';
import { journalLine } from '../../../engine/sweep/journal-line.js';
import { headerOf, journalResultOf } from './fixtures.js';

/** JSON with object keys sorted, written here without bt's stableStringify (an independent check of the line's bytes). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const dir = mkdtempSync(join(tmpdir(), 'bt-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournal', () => {
  it('writes the header, then one line per result; resuming cuts a torn last line and appends', () => {
    const path = join(dir, 'j.jsonl');
    const w = openJournal(path, headerOf(['a', 'b', 'c']));
    w.append(journalResultOf('a', { sharpe: 0.5 }));
    w.close();
    appendFileSync(path, '{"config_id":"b","cur');
    const j = readJournal(path, 'j.jsonl');
    expect(j?.results.map((r) => r.config_id)).toEqual(['a']);
    const w2 = openJournal(path, headerOf(['a', 'b', 'c']), j?.validBytes);
    w2.append(journalResultOf('b', { sharpe: 0.7 }));
    w2.close();
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    expect(readJournal(path, 'j.jsonl')?.results.map((r) => r.metrics.sharpe)).toEqual([0.5, 0.7]);
  });
});

describe('openJournal (background fsync)', () => {
  it('has each line in the file as soon as it is appended, while fsyncs run behind, and every line after close', async () => {
    const path = join(dir, 'bg.jsonl');
    const ids = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const w = openJournal(path, headerOf(ids));
    for (const [i, id] of ids.entries()) {
      w.append(journalResultOf(id, { sharpe: i }));
      // what a killed process leaves: the lines written so far, whatever the disk has synced
      expect(readJournal(path, 'bg.jsonl')?.results.length).toBe(i + 1);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1)); // let some fsyncs finish
    }
    w.close();
    await new Promise((r) => setTimeout(r, 20)); // a late fsync callback after close must not throw
    expect(readJournal(path, 'bg.jsonl')?.results.map((r) => r.metrics.sharpe)).toEqual(ids.map((_, i) => i));
  });
});

describe('journal lines (format 2)', () => {
  it('ends each line in line_sha256: the first 16 hex of the sha256 of the rest, the record in sorted-key JSON', () => {
    const path = join(dir, 'sum.jsonl');
    const w = openJournal(path, headerOf(['a', 'b']));
    w.append(journalResultOf('a', { sharpe: 0.5 }, { a: 1 }));
    w.append({ kind: 'failure', config_id: 'b', params: { a: 2 }, error: 'boom' });
    w.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const { line_sha256: sum, ...rest } = JSON.parse(line) as Record<string, unknown>;
      const body = sortedJson(rest);
      expect(sum).toBe(createHash('sha256').update(body).digest('hex').slice(0, 16));
      expect(line).toBe(`${body.slice(0, -1)},"line_sha256":"${String(sum)}"}`);
    }
    expect((JSON.parse(lines[0] as string) as { format: number }).format).toBe(2);
  });

  it('refuses a result line edited after bt wrote it, naming the journal and line, and says deleting it reruns that configuration', () => {
    const h = journalLine(headerOf(['a', 'b']));
    const a = journalLine(journalResultOf('a', { sharpe: 0.5 }));
    const b = journalLine(journalResultOf('b', { sharpe: 0.25 }));
    expect(parseJournal(`${h}\n${a}\n${b}\n`, 'j').results.map((r) => r.metrics.sharpe)).toEqual([0.5, 0.25]);
    const edited = b.replace('"sharpe":0.25', '"sharpe":2.25');
    expect(edited).not.toBe(b);
    expect(() => parseJournal(`${h}\n${a}\n${edited}\n`, 'j')).toThrowError(/^j:3: expected a line as bt wrote it \(its line_sha256, the first 16 hex of the sha256 of the rest of the line\), found line_sha256 [0-9a-f]{16}, where the rest hashes to [0-9a-f]{16}: the line was changed after bt wrote it\. Delete that line: bt sweep --resume runs its configuration again$/);
    // an equity point, a failure's error: any byte
    const curve = a.replace('"equity":[101,102]', '"equity":[101,103]');
    expect(curve).not.toBe(a);
    expect(() => parseJournal(`${h}\n${curve}\n`, 'j')).toThrowError(/^j:2: expected a line as bt wrote it/);
    const f = journalLine({ kind: 'failure', config_id: 'b', params: {}, error: 'boom' });
    expect(() => parseJournal(`${h}\n${f.replace('boom', 'bOom')}\n`, 'j')).toThrowError(/^j:2: expected a line as bt wrote it/);
  });

  it('refuses an edited header, saying to run the sweep again into a new folder', () => {
    const h = journalLine(headerOf(['a']));
    const edited = h.replace('"objective":"sharpe"', '"objective":"sortino"');
    expect(edited).not.toBe(h);
    expect(() => parseJournal(`${edited}\n`, 'j')).toThrowError(/^j:1: expected a line as bt wrote it .*: the line was changed after bt wrote it\. A journal header cannot be mended: run the sweep again into a new folder$/);
  });

  it('refuses a line without its checksum, and still ignores a torn last line', () => {
    const h = journalLine(headerOf(['a', 'b']));
    const a = journalLine(journalResultOf('a', {}));
    const plain = JSON.stringify(journalResultOf('b', {}));
    expect(() => parseJournal(`${h}\n${plain}\n${a}\n`, 'j')).toThrowError(/^j:2: expected a line as bt wrote it, ending in its line_sha256 checksum, found a line without one\. Delete that line/);
    expect(parseJournal(`${h}\n${a}\n${a.slice(0, -5)}`, 'j').results.map((r) => r.config_id)).toEqual(['a']);
    expect(() => parseJournal(`${JSON.stringify(headerOf(['a']))}\n`, 'j')).toThrowError(/^j:1: expected a bt sweep journal header \(format 2\), found a line without its line_sha256 checksum\. A journal header cannot be mended: run the sweep again into a new folder$/);
  });

  it('refuses a format-1 journal (lines not checksummed), saying an earlier bt wrote it and to rerun into a new folder', () => {
    const path = join(dir, 'format1.jsonl');
    writeFileSync(path, `${JSON.stringify({ ...headerOf(['a']), format: 1 })}\n${JSON.stringify(journalResultOf('a', {}))}\n`);
    expect(() => readJournal(path, 'old.jsonl')).toThrowError(/^old\.jsonl:1: expected a bt sweep journal header \(format 2: every line checksummed\), found format 1, written by an earlier bt \(its lines carry no checksum, so an edited one would go unnoticed\)\. Run the sweep again into a new folder$/);
  });
});

/** A line with its checksum recomputed by hand (what a user who edits a line and knows the format writes). */
function rechecksummed(record: unknown): string {
  const body = sortedJson(record);
  return `${body.slice(0, -1)},"line_sha256":"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"}`;
}

describe('journal record shapes', () => {
  const header = headerOf(['a', 'b']);
  const h = rechecksummed(header);
  const ok = journalResultOf('a', { sharpe: 0.5 }, { a: 1 }, { ts: [10, 20, 30], equity: [100, 101, 102] });
  const failure = { kind: 'failure', config_id: 'b', params: { a: 2 }, error: 'boom' };
  const cases: [string, unknown, RegExp][] = [
    ['a result without metrics', { ...ok, metrics: undefined }, /^j:2: metrics: expected an object of metrics, found nothing\. Delete that line/],
    ['metrics null', { ...ok, metrics: null }, /^j:2: metrics: expected an object of metrics, found null/],
    ['a metric given as text', { ...ok, metrics: { ...ok.metrics, sharpe: '0.5' } }, /^j:2: metrics\.sharpe: expected a finite number or null, found '0\.5'/],
    ['initial equity null', { ...ok, metrics: { ...ok.metrics, initial_equity: null } }, /^j:2: metrics\.initial_equity: expected a finite number, found null/],
    ['a metric missing', { ...ok, metrics: { ...ok.metrics, calmar: undefined } }, /^j:2: metrics\.calmar: expected a finite number or null, found nothing/],
    ['notes not a list', { ...ok, metrics: { ...ok.metrics, notes: 'x' } }, /^j:2: metrics\.notes: expected an array of strings, found 'x'/],
    ['curve.ts one longer than curve.equity', { ...ok, curve: { ts: [10, 20, 30, 40], equity: [100, 101, 102] } }, /^j:2: curve\.equity: expected as many values as curve\.ts \(4\), found 3/],
    ['curve.ts not increasing', { ...ok, curve: { ts: [10, 30, 20], equity: [100, 101, 102] } }, /^j:2: curve\.ts\[2\]: expected a time after curve\.ts\[1\] \(30\), found 20/],
    ['an equity point null', { ...ok, curve: { ts: [10, 20, 30], equity: [100, null, 102] } }, /^j:2: curve\.equity\[1\]: expected a finite number, found null/],
    ['no curve', { ...ok, curve: undefined }, /^j:2: curve: expected an object \{ts, equity\}, found nothing/],
    ['a config id not in the header', { ...ok, config_id: 'zz' }, /^j:2: config_id: expected one of the header's config_ids, found 'zz'/],
    ['a config id not a string', { ...ok, config_id: 7 }, /^j:2: config_id: expected one of the header's config_ids, found 7/],
    ['another kind', { ...ok, kind: 'header' }, /^j:2: kind: expected 'result' or 'failure', found 'header'/],
    ['params a list', { ...ok, params: [1] }, /^j:2: params: expected an object of the swept values, found an array of 1/],
    ['a swept path missing from params', { ...ok, params: {} }, /^j:2: params\.a: expected the swept value \(null when unset\), found nothing/],
    ['a failure without its error', { ...failure, error: undefined }, /^j:2: error: expected the error message, a string, found nothing/],
  ];
  for (const [what, record, message] of cases) {
    it(`refuses ${what}, naming the file, line and field, even with its checksum recomputed`, () => {
      expect(() => parseJournal(`${h}\n${rechecksummed(record)}\n`, 'j')).toThrowError(message);
    });
  }

  it('reads the records it refuses nothing of: a result and a failure of the right shape', () => {
    const j = parseJournal(`${h}\n${rechecksummed(ok)}\n${rechecksummed(failure)}\n`, 'j');
    expect([j.results.map((r) => r.config_id), j.failures.map((f) => f.error)]).toEqual([['a'], ['boom']]);
  });

  it('refuses an equity point JSON reads as Infinity (1e999)', () => {
    const body = sortedJson(ok).replace('"equity":[100,', '"equity":[1e999,');
    const line = `${body.slice(0, -1)},"line_sha256":"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"}`;
    expect(() => parseJournal(`${h}\n${line}\n`, 'j')).toThrowError(/^j:2: curve\.equity\[0\]: expected a finite number, found Infinity/);
  });

  it('refuses a header of the wrong shape on line 1, saying to run the sweep again', () => {
    expect(() => parseJournal(`${rechecksummed({ ...header, shard: { index: 0, count: 2 } })}\n`, 'j')).toThrowError(/^j:1: shard\.index: expected a whole number from 1 to 2, found 0\. A journal header cannot be mended: run the sweep again into a new folder$/);
    expect(() => parseJournal(`${rechecksummed({ ...header, config_ids: ['a', 3] })}\n`, 'j')).toThrowError(/^j:1: config_ids\[1\]: expected a string, found 3/);
    expect(() => parseJournal(`${rechecksummed({ ...header, direction: 'up' })}\n`, 'j')).toThrowError(/^j:1: direction: expected 'maximize' or 'minimize', found 'up'/);
  });

  it('refuses a line holding null or a number (no checksum can end it) with an error, not a crash', () => {
    for (const v of ['null', '5', '"x"', '[]']) expect(() => parseJournal(`${h}\n${v}\n`, 'j')).toThrowError(/^j:2: expected a line as bt wrote it, ending in its line_sha256 checksum, found a line without one/);
  });
});

describe('parseJournal', () => {
  it('keeps the first line of a repeated id and refuses a broken line before the last', () => {
    const h = journalLine(headerOf(['a']));
    const r = journalLine(journalResultOf('a', {}));
    expect(parseJournal(`${h}\n${r}\n${r}\n`, 'j').results).toHaveLength(1);
    expect(() => parseJournal(`${h}\nxx\n${r}\n`, 'j')).toThrowError(/^j:2: expected one JSON record per line, found 'xx'/);
    expect(() => parseJournal(`${r}\n`, 'j')).toThrowError(/j:1: expected a bt sweep journal header/);
  });

  it('returns null for a folder without a journal', () => {
    expect(readJournal(join(dir, 'none.jsonl'), 'none')).toBeNull();
  });
});

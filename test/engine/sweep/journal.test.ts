import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, parseJournal, readJournal } from '../../../engine/sweep/journal.js';
import { journalLine } from '../../../engine/sweep/journal-line.js';
import { headerOf, resultOf } from './fixtures.js';

/** JSON with object keys sorted, written here without bt's stableStringify (an independent check of the line's bytes). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const dir = mkdtempSync(join(tmpdir(), 'bt-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournal', () => {
  it('writes the header, then one line per result; resuming cuts a torn last line and appends', () => {
    const path = join(dir, 'j.jsonl');
    const w = openJournal(path, headerOf(['a', 'b', 'c']));
    w.append(resultOf('a', { sharpe: 0.5 }));
    w.close();
    appendFileSync(path, '{"config_id":"b","cur');
    const j = readJournal(path, 'j.jsonl');
    expect(j?.results.map((r) => r.config_id)).toEqual(['a']);
    const w2 = openJournal(path, headerOf(['a', 'b', 'c']), j?.validBytes);
    w2.append(resultOf('b', { sharpe: 0.7 }));
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
      w.append(resultOf(id, { sharpe: i }));
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
    w.append(resultOf('a', { sharpe: 0.5 }, { a: 1 }));
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
    const a = journalLine(resultOf('a', { sharpe: 0.5 }));
    const b = journalLine(resultOf('b', { sharpe: 0.25 }));
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
    const a = journalLine(resultOf('a', {}));
    const plain = JSON.stringify(resultOf('b', {}));
    expect(() => parseJournal(`${h}\n${plain}\n${a}\n`, 'j')).toThrowError(/^j:2: expected a line as bt wrote it, ending in its line_sha256 checksum, found a line without one\. Delete that line/);
    expect(parseJournal(`${h}\n${a}\n${a.slice(0, -5)}`, 'j').results.map((r) => r.config_id)).toEqual(['a']);
  });

  it('refuses a format-1 journal (lines not checksummed), saying an earlier bt wrote it and to rerun into a new folder', () => {
    const path = join(dir, 'format1.jsonl');
    writeFileSync(path, `${JSON.stringify({ ...headerOf(['a']), format: 1 })}\n${JSON.stringify(resultOf('a', {}))}\n`);
    expect(() => readJournal(path, 'old.jsonl')).toThrowError(/^old\.jsonl:1: expected a bt sweep journal header \(format 2: every line checksummed\), found format 1, written by an earlier bt \(its lines carry no checksum, so an edited one would go unnoticed\)\. Run the sweep again into a new folder$/);
  });
});

describe('parseJournal', () => {
  it('keeps the first line of a repeated id and refuses a broken line before the last', () => {
    const h = journalLine(headerOf(['a']));
    const r = journalLine(resultOf('a', {}));
    expect(parseJournal(`${h}\n${r}\n${r}\n`, 'j').results).toHaveLength(1);
    expect(() => parseJournal(`${h}\nxx\n${r}\n`, 'j')).toThrowError(/^j:2: expected one JSON record per line, found 'xx'/);
    expect(() => parseJournal(`${r}\n`, 'j')).toThrowError(/j:1: expected a bt sweep journal header/);
  });

  it('returns null for a folder without a journal', () => {
    expect(readJournal(join(dir, 'none.jsonl'), 'none')).toBeNull();
  });
});

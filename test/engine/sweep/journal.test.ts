import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, parseJournal, readJournal } from '../../../engine/sweep/journal.js';
import { headerOf, resultOf } from './fixtures.js';

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

describe('parseJournal', () => {
  it('keeps the first line of a repeated id and refuses a broken line before the last', () => {
    const h = JSON.stringify(headerOf(['a']));
    const r = JSON.stringify(resultOf('a', {}));
    expect(parseJournal(`${h}\n${r}\n${r}\n`, 'j').results).toHaveLength(1);
    expect(() => parseJournal(`${h}\nxx\n${r}\n`, 'j')).toThrowError(/^j:2: expected one JSON record per line, found 'xx'/);
    expect(() => parseJournal(`${r}\n`, 'j')).toThrowError(/j:1: expected a bt sweep journal header/);
  });

  it('returns null for a folder without a journal', () => {
    expect(readJournal(join(dir, 'none.jsonl'), 'none')).toBeNull();
  });
});

/**
 * Physical lines of a text file, read in 64 KiB chunks (a batch's records then die young,
 * which keeps GC cheap) and split here, a batch of lines per chunk: far cheaper than one
 * `for await` step per line. Line breaks are those of
 * node:readline with crlfDelay Infinity: \r\n, \n or a lone \r (a \r ending a chunk waits for
 * the next one, so a \r\n split across chunks is one break); a last line without a break
 * counts, an empty tail after a final break does not.
 */
import { createReadStream } from 'node:fs';

/** Bytes read per chunk. */
const CHUNK_BYTES = 64 * 1024;

/** Splits `text` into complete lines; returns them and the unfinished rest (kept for the next chunk). */
export function splitLines(text: string, final: boolean): { readonly lines: string[]; readonly rest: string } {
  const lines: string[] = [];
  let start = 0;
  if (text.indexOf('\r') < 0) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(text.slice(start, nl));
      start = nl + 1;
    }
  } else {
    const re = /\r\n|\n|\r/g;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === '\r' && m.index === text.length - 1 && !final) break;
      lines.push(text.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  const rest = text.slice(start);
  if (final && rest !== '') {
    lines.push(rest);
    return { lines, rest: '' };
  }
  return { lines, rest };
}

/** Yields the physical lines of `file` (UTF-8) in batches, in file order. */
export async function* readLineBatches(file: string): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    const r = splitLines(rest + (chunk as string), false);
    rest = r.rest;
    if (r.lines.length > 0) yield r.lines;
  }
  const r = splitLines(rest, true);
  if (r.lines.length > 0) yield r.lines;
}

/**
 * Physical lines of a text file, read in 64 KiB chunks (a batch's records then die young,
 * which keeps GC cheap) and split here, a batch of lines per chunk: far cheaper than one
 * `for await` step per line. Line breaks are those of
 * node:readline with crlfDelay Infinity: \r\n, \n or a lone \r (a \r ending a chunk waits for
 * the next one, so a \r\n split across chunks is one break); a last line without a break
 * counts, an empty tail after a final break does not.
 */
import { createReadStream } from 'node:fs';
import { BtInputError } from '../../engine/core/errors.js';

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

/**
 * The longest line read, in UTF-16 code units (V8 strings end at 2^29 - 24): a file without
 * line breaks, or a line of hundreds of megabytes, is no CSV or JSONL bt imports.
 */
export const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** Yields the physical lines of `file` (UTF-8) in batches, in file order; a line longer than `maxLineChars` is refused with its number. */
export async function* readLineBatches(file: string, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<string[]> {
  let rest = '';
  // chunks without a line break, set aside until one comes: splitting the line so far again at
  // every chunk took 275 s over a 200 MB line
  let held: string[] = [];
  let heldChars = 0;
  let lines = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    const text = chunk as string;
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      held.push(text);
      heldChars += text.length;
      if (rest.length + heldChars > maxLineChars) throw lineTooLong(file, lines + 1, maxLineChars);
      continue;
    }
    const r = splitLines(rest + held.join('') + text, false);
    held = [];
    heldChars = 0;
    rest = r.rest;
    lines += r.lines.length;
    if (r.lines.length > 0) yield r.lines;
  }
  const r = splitLines(rest + held.join(''), true);
  if (r.lines.length > 0) yield r.lines;
}

function lineTooLong(file: string, line: number, maxLineChars: number): BtInputError {
  return new BtInputError({ file, line, expected: `a line of at most ${maxLineChars} characters`, found: 'a longer one (no line break)', hint: 'Is this a CSV or JSONL file?' });
}

/** Returns the fields of one CSV record (RFC 4180: "" escapes a quote inside a quoted field). */
export function splitCsvRecord(text: string, sep = ','): string[] {
  if (!text.includes('"')) return splitPlainRecord(text, sep);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Returns the number of '"' characters in `text` (odd = a quoted field continues on the next line). */
export function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Returns the CSV records of `text` with the line each starts on (1-based): a quoted field may
 * hold line breaks (a failed configuration's multi-line error), so a record runs on while its
 * quotes are unbalanced. Empty lines are skipped.
 */
export function csvRecords(text: string): { readonly text: string; readonly line: number }[] {
  const out: { text: string; line: number }[] = [];
  let open: { text: string; line: number } | null = null;
  text.split(/\r?\n/).forEach((l, i) => {
    if (open !== null) open.text += `\n${l}`;
    else if (l !== '') open = { text: l, line: i + 1 };
    if (open !== null && countQuotes(open.text) % 2 === 0) {
      out.push(open);
      open = null;
    }
  });
  if (open !== null) out.push(open);
  return out;
}

/** Returns the fields of a record without quotes: text.split(sep), but by indexOf (several times faster on sliced lines). */
export function splitPlainRecord(text: string, sep = ','): string[] {
  if (sep.length !== 1) return text.split(sep);
  const out: string[] = [];
  let start = 0;
  for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, start)) {
    out.push(text.slice(start, at));
    start = at + 1;
  }
  out.push(text.slice(start));
  return out;
}

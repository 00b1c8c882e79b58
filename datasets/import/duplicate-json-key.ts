/**
 * Finds a key written twice in one JSON object. JSON.parse keeps the last silently, so
 * `{"close": 1, "close": 2}` imported 2 where a CSV with two `close` columns is refused.
 */

/** A key an object of the text holds twice: its name and the offset of its second occurrence. */
export interface DuplicateJsonKey {
  readonly key: string;
  readonly offset: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/**
 * Returns the first key some object of `text` holds twice, or null (the reference: a Set of decoded
 * names per open object). `text` must be valid JSON (JSON.parse accepted it): a key is a string
 * followed by ':', and a key with escapes is compared by its decoded name ("a" and "\u0061" are
 * one key, as JSON.parse reads them).
 */
export function firstDuplicateJsonKeyBySets(text: string): DuplicateJsonKey | null {
  const stack: (Set<string> | null)[] = []; // per open container: an object's keys so far, null for an array
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i += 2;
          continue;
        }
        if (d === QUOTE) break;
        i++;
      }
      const end = i; // the closing quote
      i++;
      const keys = stack[stack.length - 1];
      if (keys === undefined || keys === null) continue;
      let j = i;
      while (j < n && text.charCodeAt(j) <= 0x20) j++;
      if (text.charCodeAt(j) !== COLON) continue; // a value, not a key
      const raw = text.slice(start + 1, end);
      const key = escaped ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
      if (keys.has(key)) return { key, offset: start };
      keys.add(key);
      continue;
    }
    if (c === OPEN_OBJECT) stack.push(new Set());
    else if (c === OPEN_ARRAY) stack.push(null);
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) stack.pop();
    i++;
  }
  return null;
}

/** Returns the 1-based line of `offset` in `text`. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

// Scratch of firstDuplicateJsonKey, grown as needed and reused from line to line (a JSONL import
// calls it once a line: no Set or key string made per line).
let keyFrom = new Int32Array(64);
let keyTo = new Int32Array(64);
let frameFirstKey = new Int32Array(16);

function sameKeyText(text: string, a: number, b: number): boolean {
  const from = keyFrom[a] as number;
  const to = keyFrom[b] as number;
  const len = (keyTo[a] as number) - from;
  if ((keyTo[b] as number) - to !== len) return false;
  for (let k = 0; k < len; k++) if (text.charCodeAt(from + k) !== text.charCodeAt(to + k)) return false;
  return true;
}

/**
 * Returns what firstDuplicateJsonKeyBySets returns, comparing each key's characters in place with
 * the keys of its object before it (objects of records hold a few keys); a text with an escaped key
 * goes to the reference, which decodes names.
 */
export function firstDuplicateJsonKey(text: string): DuplicateJsonKey | null {
  const n = text.length;
  let depth = 0; // open containers; frameFirstKey[d] = first key index of container d, -1 for an array
  let nKeys = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      i = start;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          // an escape: a key's name must be decoded to compare it (rare in data files)
          return firstDuplicateJsonKeyBySets(text);
        }
        i++;
      }
      const end = i;
      i++;
      if (depth === 0 || (frameFirstKey[depth - 1] as number) < 0) continue;
      let j = i;
      while (j < n && text.charCodeAt(j) <= 0x20) j++;
      if (text.charCodeAt(j) !== COLON) continue;
      if (nKeys === keyFrom.length) {
        keyFrom = grown(keyFrom);
        keyTo = grown(keyTo);
      }
      keyFrom[nKeys] = start;
      keyTo[nKeys] = end;
      for (let k = frameFirstKey[depth - 1] as number; k < nKeys; k++) {
        if (sameKeyText(text, k, nKeys)) return { key: text.slice(start, end), offset: start - 1 };
      }
      nKeys++;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === frameFirstKey.length) frameFirstKey = grown(frameFirstKey);
      frameFirstKey[depth++] = c === OPEN_OBJECT ? nKeys : -1;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      const first = frameFirstKey[depth] as number;
      if (first >= 0) nKeys = first; // the object's keys are done with
    }
    i++;
  }
  return null;
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

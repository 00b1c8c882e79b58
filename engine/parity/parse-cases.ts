/**
 * Parses a parity case file (JSON Lines, one `{"id", "fn", "args", ...}` object a line;
 * shared/parity/CONTRACT.md) into typed cases, reporting every bad line with its number.
 */
import { ViolationCollector } from '../core/errors.js';

/** One parsed case. `expected`/`raises` are read only by `--check`. */
export interface ParityCase {
  /** 1-based line in the file. */
  readonly line: number;
  readonly id: string;
  readonly fn: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** True when the line has an `expected` key (its value may be null). */
  readonly hasExpected: boolean;
  readonly expected: unknown;
  /** The Python exception the seed raises on this case, or null. */
  readonly raises: string | null;
}

function isObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Returns the cases of `text` (blank lines skipped); throws BtInputError listing every
 * malformed line, missing field or `fn` not in `knownFns` (first 20, then a count).
 */
export function parseCases(text: string, file: string, knownFns: readonly string[]): ParityCase[] {
  const out: ParityCase[] = [];
  const bad = new ViolationCollector();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim().length === 0) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      bad.add({ file, line, expected: 'one JSON object per line', found: `malformed JSON (${why})` });
      return;
    }
    if (!isObject(v)) {
      bad.add({ file, line, expected: 'a JSON object {"id", "fn", "args", ...}', found: describe(v) });
      return;
    }
    const { id, fn, args } = v;
    let ok = true;
    if (typeof id !== 'string') {
      bad.add({ file, line, field: 'id', expected: 'a string', found: describe(id) });
      ok = false;
    }
    if (typeof fn !== 'string' || !knownFns.includes(fn)) {
      bad.add({ file, line, field: 'fn', expected: `one of ${knownFns.join(', ')}`, found: describe(fn) });
      ok = false;
    }
    if (!isObject(args)) {
      bad.add({ file, line, field: 'args', expected: 'a JSON object of the function arguments', found: describe(args) });
      ok = false;
    }
    const raises = v['raises'];
    if (raises !== undefined && raises !== null && typeof raises !== 'string') {
      bad.add({ file, line, field: 'raises', expected: 'a string naming a Python exception, or null', found: describe(raises) });
      ok = false;
    }
    if (!ok || typeof id !== 'string' || typeof fn !== 'string' || !isObject(args)) return;
    const hasExpected = Object.prototype.hasOwnProperty.call(v, 'expected');
    out.push({ line, id, fn, args, hasExpected, expected: v['expected'], raises: typeof raises === 'string' ? raises : null });
  });
  bad.throwIfAny();
  return out;
}

/** Throws BtInputError naming every case that has neither `expected` nor `raises` (needed by --check). */
export function requireExpectations(cases: readonly ParityCase[], file: string): void {
  const bad = new ViolationCollector();
  for (const c of cases) {
    if (!c.hasExpected && c.raises === null) {
      bad.add({ file, line: c.line, field: 'expected', expected: 'the expected output (--check compares to it)', found: 'no such key' });
    }
  }
  bad.throwIfAny();
}


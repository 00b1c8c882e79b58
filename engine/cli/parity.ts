/**
 * `bt parity --in CASES.jsonl --out RESULTS.jsonl [--fn NAME] [--check]`: runs seed-mode
 * functions on recorded cases and writes one result line per case, in input order
 * (shared/parity/CONTRACT.md). Exit 0 when every case ran, 1 when --check finds a
 * mismatch, 2 for an unreadable file, a malformed line or an unknown fn.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { fileHead, refuseFolderAt } from '../io/output-kind.js';
import { parseCases, requireExpectations } from '../parity/parse-cases.js';
import { checkResults, findNonFinite, formatResultLine, runCases } from '../parity/run-cases.js';
import { EXIT, ExitCode } from './main.js';

/** Options of `bt parity`. */
export interface ParityOptions {
  readonly in: string;
  readonly out: string;
  readonly fn?: string;
  readonly check?: boolean;
}

/** Mismatches printed in full by --check before the count of the rest. */
const SHOWN_MISMATCHES = 20;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new BtInputError({ file, expected: 'a readable JSON Lines file of parity cases', found: `an unreadable file (${code})` });
  }
}

/**
 * Throws a BtInputError (exit 2, before any work) when --out names the cases file or an existing
 * file that is not a parity results file bt wrote (first line {"id","fn","actual"|"raises"}, or
 * empty): bt never overwrites what it did not write.
 */
function refuseForeignResults(input: string, out: string): void {
  const refuse = (found: string): never => {
    throw new BtInputError({ file: out, field: '--out', expected: 'no file, or a parity results file bt wrote, to replace', found, hint: 'bt never overwrites what it did not write: choose another --out' });
  };
  if (resolve(input) === resolve(out)) refuse('the --in cases file');
  let text: string;
  try {
    // the first line is all it reads (a results file of many cases is megabytes); a result line is far below 1 MB
    text = fileHead(out, 1 << 20).toString('utf8');
  } catch {
    return; // absent (or unreadable: the write reports it)
  }
  const first = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  if (first === '') return;
  try {
    const keys = Object.keys(JSON.parse(first) as object);
    if (keys.length === 3 && keys[0] === 'id' && keys[1] === 'fn' && (keys[2] === 'actual' || keys[2] === 'raises')) return;
  } catch {
    // not JSON: not ours
  }
  refuse('another file');
}

/** `bt parity --in CASES --out RESULTS [--fn NAME] [--check]`. */
export async function parityCommand(opts: ParityOptions): Promise<void> {
  // Loaded here, not at the top: a seed module that fails to load breaks `bt parity` only.
  refuseFolderAt(opts.out, 'the results (JSON Lines)', '--out');
  refuseForeignResults(opts.in, opts.out);
  const { SEED_FUNCTIONS, SEED_FUNCTION_NAMES } = await import('../parity/functions.js');
  if (opts.fn !== undefined && !SEED_FUNCTIONS.has(opts.fn)) {
    throw new BtInputError({ field: '--fn', expected: `one of ${SEED_FUNCTION_NAMES.join(', ')}`, found: JSON.stringify(opts.fn) });
  }
  const all = parseCases(readText(opts.in), opts.in, SEED_FUNCTION_NAMES);
  const cases = opts.fn === undefined ? all : all.filter((c) => c.fn === opts.fn);
  if (opts.check === true && cases.length === 0) {
    // a gate that compares nothing must not pass: a wrong --in or a misspelt function's cases
    const of = opts.fn === undefined ? '' : ` of ${opts.fn}`;
    const found = all.length === 0 || opts.fn === undefined ? 'no case' : `${all.length} cases, none of ${opts.fn}`;
    throw new BtInputError({ file: opts.in, expected: `at least one case${of} to compare (--check)`, found, hint: 'A check of no case would pass without comparing anything' });
  }
  if (opts.check === true) requireExpectations(cases, opts.in);
  const results = runCases(cases, SEED_FUNCTIONS);
  const lines: string[] = [];
  for (const r of results) {
    const bad = 'actual' in r.outcome ? findNonFinite(r.outcome.actual) : null;
    if (bad !== null) {
      throw new BtInputError({ file: opts.in, line: r.line, message: `case ${r.id} produced ${bad}, which JSON cannot hold` });
    }
    lines.push(formatResultLine(r));
  }
  writeFileAtomic(opts.out, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  if (opts.check !== true) return;
  const mismatches = checkResults(cases, results);
  for (const m of mismatches.slice(0, SHOWN_MISMATCHES)) {
    const d = m.difference;
    process.stdout.write(`mismatch ${m.id} (${opts.in}:${m.line}): ${d.path}: expected ${d.expected}, found ${d.found}\n`);
  }
  if (mismatches.length > SHOWN_MISMATCHES) process.stdout.write(`... and ${mismatches.length - SHOWN_MISMATCHES} more\n`);
  process.stdout.write(`${cases.length - mismatches.length}/${cases.length} cases match\n`);
  if (mismatches.length > 0) throw new ExitCode(EXIT.checkFailed);
}

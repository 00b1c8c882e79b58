/**
 * The fuzz fixtures of test/fixtures/parity-fuzz/ through the parity runner (what `bt parity
 * --check` runs): edge inputs the contract's generator profiles never draw, expectations from the
 * seeds' own Python (test/reference/seed_functions.py). Regenerate, byte-identical, with
 *   python3 test/reference/seed_fuzz.py --seed 1 --per-fn 40 --out test/fixtures/parity-fuzz --minimised
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from '../../../engine/core/stable-json.js';
import { SEED_FUNCTION_NAMES, SEED_FUNCTIONS } from '../../../engine/parity/functions.js';
import { parseCases, type ParityCase } from '../../../engine/parity/parse-cases.js';
import { checkResults, findNonFinite, runCases } from '../../../engine/parity/run-cases.js';

const DIR = fileURLToPath(new URL('../../fixtures/parity-fuzz/', import.meta.url));

function casesOf(file: string): ParityCase[] {
  return parseCases(readFileSync(`${DIR}${file}`, 'utf8'), file, SEED_FUNCTION_NAMES);
}

/** Returns one line per case that does not match (or whose output JSON cannot hold). */
function failuresOf(file: string): string[] {
  const cases = casesOf(file);
  const results = runCases(cases, SEED_FUNCTIONS);
  const nonFinite = results.flatMap((r) => {
    const bad = 'actual' in r.outcome ? findNonFinite(r.outcome.actual) : null;
    return bad === null ? [] : [`${r.id}: produced ${bad}`];
  });
  const mismatches = checkResults(cases, results).map(
    (m) => `${m.id}: ${m.difference.path}: expected ${m.difference.expected}, found ${m.difference.found}`,
  );
  return [...nonFinite, ...mismatches];
}

describe('SEED_FUNCTIONS on fuzz cases', () => {
  it('matches the minimised mismatches the fuzz found (16 cases, each failed before its fix)', () => {
    expect(casesOf('minimised.jsonl')).toHaveLength(16);
    expect(failuresOf('minimised.jsonl')).toEqual([]);
  });

  it('matches 40 seeded fuzz cases of each of the 8 functions', () => {
    const files = readdirSync(DIR).filter((f) => f.startsWith('fuzz_')).sort(compareCodeUnits);
    expect(files).toHaveLength(8);
    expect(files.reduce((n, f) => n + casesOf(f).length, 0)).toBe(320);
    expect(files.flatMap(failuresOf).slice(0, 20)).toEqual([]);
  });
});

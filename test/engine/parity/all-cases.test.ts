import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from '../../../engine/core/stable-json.js';
import { SEED_FUNCTIONS } from '../../../engine/parity/functions.js';
import { loadCases, scoreCases } from './load-cases.js';

const DIR = fileURLToPath(new URL('../../fixtures/parity/', import.meta.url));

describe('SEED_FUNCTIONS', () => {
  it('matches every case of every fixture file (430 cases)', () => {
    let total = 0;
    let match = 0;
    const failures: string[] = [];
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort(compareCodeUnits)) {
      for (const c of loadCases(file)) {
        const f = SEED_FUNCTIONS.get(c.fn);
        total += 1;
        if (f === undefined) {
          failures.push(`${c.id}: no seed function '${c.fn}'`);
          continue;
        }
        const r = scoreCases(f, [c]);
        match += r.match;
        failures.push(...r.failures);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(total).toBe(430);
    expect(match).toBe(430);
  });
});

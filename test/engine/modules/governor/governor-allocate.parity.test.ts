import { describe, expect, it } from 'vitest';
import { governorAllocateSeed } from '../../../../engine/modules/governor/governor-allocate.js';
import { readParityCases } from '../allocator/parity-fixtures.js';
import { runParity } from '../allocator/parity-run.js';

const { cases, quirks } = readParityCases('governor_allocate');

describe('governorAllocateSeed', () => {
  it('matches every seed 002 parity case within 1e-9, bit for bit', () => {
    const t = runParity(cases, governorAllocateSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(cases.length);
    expect(t.bitwise).toBe(cases.length);
  });

  it('reproduces every quirk of governor_allocate in quirks.jsonl', () => {
    const t = runParity(quirks, governorAllocateSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(1);
    expect(t.bitwise).toBe(1);
  });
});

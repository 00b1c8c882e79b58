import { describe, expect, it } from 'vitest';
import { capitalAllocateSeed } from '../../../../engine/modules/targets/capital-allocate.js';
import { deepFreeze, readParityCases } from '../allocator/parity-fixtures.js';
import { runParity } from '../allocator/parity-run.js';

const { cases, quirks } = readParityCases('capital_allocate');

describe('capitalAllocateSeed', () => {
  it('matches every seed 000 parity case within 1e-9, bit for bit', () => {
    const t = runParity(cases, capitalAllocateSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(50);
    expect(t.bitwise).toBe(50);
  });

  it('reproduces every Q000 quirk, raising TypeError on a null confidence (Q000-5)', () => {
    const t = runParity(quirks, capitalAllocateSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(7);
    expect(t.bitwise).toBe(7);
    expect(t.raised).toBe(1);
  });

  it('leaves deep-frozen args untouched', () => {
    const c = cases[0];
    if (c === undefined) throw new Error('no case');
    const args = deepFreeze(structuredClone(c.args));
    const before = JSON.stringify(args);
    capitalAllocateSeed(args);
    expect(JSON.stringify(args)).toBe(before);
  });
});

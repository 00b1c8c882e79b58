import { describe, expect, it } from 'vitest';
import { pnlWeightsSeed } from '../../../../engine/modules/allocator/pnl-weights.js';
import { readParityCases } from './parity-fixtures.js';
import { runParity } from './parity-run.js';

const { cases, quirks } = readParityCases('pnl_weights');

describe('pnlWeightsSeed', () => {
  it('matches every seed 004 parity case within 1e-9, bit for bit', () => {
    const t = runParity(cases, pnlWeightsSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(cases.length);
    expect(t.bitwise).toBe(cases.length);
  });

  it('reproduces every quirk of pnl_weights in quirks.jsonl', () => {
    const t = runParity(quirks, pnlWeightsSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(6);
    expect(t.bitwise).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { riskWeightsSeed } from '../../../../engine/modules/allocator/risk-weights.js';
import { readParityCases } from './parity-fixtures.js';
import { runParity } from './parity-run.js';

const { cases, quirks } = readParityCases('risk_weights');

describe('riskWeightsSeed', () => {
  it('matches every seed 001 parity case within 1e-9, bit for bit', () => {
    const t = runParity(cases, riskWeightsSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(cases.length);
    expect(t.bitwise).toBe(cases.length);
  });

  it('reproduces every quirk of risk_weights in quirks.jsonl', () => {
    const t = runParity(quirks, riskWeightsSeed);
    expect(t.failures).toEqual([]);
    expect(t.matched).toBe(7);
    expect(t.bitwise).toBe(7);
  });
});

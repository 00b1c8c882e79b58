import { describe, expect, it } from 'vitest';
import { runInitialEquity } from '../../../engine/io/run-initial-equity.js';
import { BtInputError } from '../../../engine/core/errors.js';

const manifest = (capital: unknown): Record<string, unknown> => ({ scenario: { portfolio: capital === undefined ? {} : { initial_capital: capital } } });

describe('runInitialEquity', () => {
  it("takes metrics.json's initial_equity, else the manifest's resolved scenario.portfolio.initial_capital", () => {
    expect(runInitialEquity('r', { initial_equity: 250_000 }, manifest(1_000_000))).toBe(250_000);
    expect(runInitialEquity('r', {}, manifest(900_000))).toBe(900_000);
    // not a capital: null, 0, a string
    expect(runInitialEquity('r', { initial_equity: null }, manifest(900_000))).toBe(900_000);
    expect(runInitialEquity('r', { initial_equity: 0 }, manifest(900_000))).toBe(900_000);
  });

  it('refuses a folder with neither, naming metrics.json and initial_equity', () => {
    expect(() => runInitialEquity('runs/old', {}, manifest(undefined))).toThrow(BtInputError);
    expect(() => runInitialEquity('runs/old', { initial_equity: 'x' }, {})).toThrow(/runs\/old\/metrics\.json: initial_equity: expected .*, found "x", and no scenario\.portfolio\.initial_capital in manifest\.json/);
  });
});

import type { StarterCalibrationInput } from '../../engine/scenario/starter-thresholds.js';

/** The data of a case the numpy references (test/reference/starter_*_reference.py) write: plain JSON arrays, null for a missing horizon. */
export interface StarterReferenceData {
  readonly input: { priceTsMs: number[]; priceSymbol: number[]; close: number[]; findingHorizonHours: (number | null)[]; findingAgent: number[] };
  readonly lookbackOutcomes: number;
  readonly minOutcomes: number;
}

/** Returns a reference case's data as the calibration reads it (typed columns, NaN for a missing horizon). */
export function starterInputOf(c: StarterReferenceData): StarterCalibrationInput {
  return {
    priceTsMs: Float64Array.from(c.input.priceTsMs),
    priceSymbol: Int32Array.from(c.input.priceSymbol),
    close: Float64Array.from(c.input.close),
    findingHorizonHours: Float64Array.from(c.input.findingHorizonHours, (h) => h ?? Number.NaN),
    findingAgent: Int32Array.from(c.input.findingAgent),
    lookbackOutcomes: c.lookbackOutcomes,
    minOutcomes: c.minOutcomes,
  };
}

const DAY_MS = 86_400_000;

/** One symbol's daily closes from day 0, `findings` findings of one agent with a 24 h horizon (the scenario's window 250, judged from 20 outcomes). */
export function oneSymbolDesk(closes: readonly number[], findings: number): StarterCalibrationInput {
  return {
    priceTsMs: Float64Array.from(closes, (_, i) => i * DAY_MS),
    priceSymbol: new Int32Array(closes.length),
    close: Float64Array.from(closes),
    findingHorizonHours: new Float64Array(findings).fill(24),
    findingAgent: new Int32Array(findings),
    lookbackOutcomes: 250,
    minOutcomes: 20,
  };
}

import { createFastRng } from './fast-rng.js';
import type { PriceGrid } from './price-grid.js';
import { simulateRegimes } from './regime-chain.js';
import { createNormalSampler, createUnitStudentT4Sampler } from './random-variates.js';

/** Milliseconds in a 365-day year: the unit of annualized drift and volatility below. */
export const YEAR_MS = 365 * 24 * 3600 * 1000;

/** The price model's fixed parameters (recorded in universe.json as ground truth). */
export const PRICE_MODEL = {
  /** Annualized log drift and volatility per regime (calm, stressed). */
  annualDrift: [0.1, -0.3],
  annualVol: [0.25, 0.6],
  /** Mean stay in each regime, hours. */
  meanStayHours: [24 * 60, 24 * 15],
  /** Most sector factors; symbol s loads on factor s mod nFactors. */
  maxFactors: 3,
  /** Weights of the common factor and the idiosyncratic shock before normalization. */
  factorWeight: 0.6,
  idioWeight: 0.8,
  /** Uniform ranges of each symbol's factor loading, volatility scale and log start price offset. */
  betaRange: [0.6, 1.4],
  volScaleRange: [0.7, 1.4],
  startPrice: 100,
  logStartRange: [-1.5, 1.5],
} as const;

/** What to simulate: how many symbols on which bar grid. */
export interface PriceSimulation {
  readonly symbols: number;
  /** First bar, epoch ms UTC. */
  readonly startMs: number;
  /** Bars stop before this time, epoch ms UTC. */
  readonly endMs: number;
  /** Bar spacing, ms. */
  readonly freqMs: number;
}

/** Per-symbol draws and the regime path: the hidden state behind the simulated closes. */
export interface PriceTruth {
  readonly factorOf: Int32Array;
  readonly beta: Float64Array;
  readonly volScale: Float64Array;
  /** Regime per bar: 0 calm, 1 stressed. */
  readonly regime: Uint8Array;
}

/** Returns symbol names SYM000, SYM001, ... (zero-padded so code-unit order = id order). */
export function symbolNames(n: number): string[] {
  const width = Math.max(3, String(n - 1).length);
  return Array.from({ length: n }, (_, i) => `SYM${String(i).padStart(width, '0')}`);
}

function uniformIn(u: number, range: readonly [number, number]): number {
  return range[0] + u * (range[1] - range[0]);
}

/**
 * Returns simulated closes (> 0) and their hidden state: log return per bar
 * r = mu_k dt + sigma_k v_s sqrt(dt) (wf b_s f + wi e) / sqrt(wf^2 b_s^2 + wi^2), with regime k
 * from a 2-state Markov chain, f a sector factor and e an idiosyncratic shock, both unit-variance
 * Student-t(4) (fat tails), dt in years. Streams: prices:symbols, prices:regime, prices:factors,
 * prices:idio.
 */
export function simulatePrices(sim: PriceSimulation, seed: number): { grid: PriceGrid; truth: PriceTruth } {
  const m = PRICE_MODEL;
  const nBars = Math.max(0, Math.ceil((sim.endMs - sim.startMs) / sim.freqMs));
  const nSym = sim.symbols;
  const nFactors = Math.min(m.maxFactors, nSym);
  const tsMs = new Float64Array(nBars);
  for (let b = 0; b < nBars; b++) tsMs[b] = sim.startMs + b * sim.freqMs;

  const symRng = createFastRng(seed, 'prices:symbols');
  const factorOf = new Int32Array(nSym);
  const beta = new Float64Array(nSym);
  const volScale = new Float64Array(nSym);
  const logP = new Float64Array(nSym);
  const norm = new Float64Array(nSym);
  for (let s = 0; s < nSym; s++) {
    factorOf[s] = s % nFactors;
    const b = uniformIn(symRng(), m.betaRange);
    beta[s] = b;
    volScale[s] = uniformIn(symRng(), m.volScaleRange);
    logP[s] = Math.log(m.startPrice) + uniformIn(symRng(), m.logStartRange);
    norm[s] = Math.sqrt(m.factorWeight * m.factorWeight * b * b + m.idioWeight * m.idioWeight);
  }

  const freqHours = sim.freqMs / 3_600_000;
  const regime = simulateRegimes(
    nBars,
    Math.min(1, freqHours / m.meanStayHours[0]),
    Math.min(1, freqHours / m.meanStayHours[1]),
    createFastRng(seed, 'prices:regime'),
  );
  const factorRng = createFastRng(seed, 'prices:factors');
  const factorT = createUnitStudentT4Sampler(factorRng, createNormalSampler(factorRng));
  const idioRng = createFastRng(seed, 'prices:idio');
  const idioT = createUnitStudentT4Sampler(idioRng, createNormalSampler(idioRng));

  const dt = sim.freqMs / YEAR_MS;
  const sqrtDt = Math.sqrt(dt);
  const close = new Float64Array(nBars * nSym);
  const f = new Float64Array(nFactors);
  for (let b = 0; b < nBars; b++) {
    const k = regime[b] ?? 0;
    const drift = (m.annualDrift[k] ?? 0) * dt;
    const vol = (m.annualVol[k] ?? 0) * sqrtDt;
    if (b > 0) for (let j = 0; j < nFactors; j++) f[j] = factorT();
    const row = b * nSym;
    for (let s = 0; s < nSym; s++) {
      if (b > 0) {
        const shock = (m.factorWeight * (beta[s] ?? 0) * (f[factorOf[s] ?? 0] ?? 0) + m.idioWeight * idioT()) / (norm[s] ?? 1);
        logP[s] = (logP[s] ?? 0) + drift + vol * (volScale[s] ?? 0) * shock;
      }
      close[row + s] = Math.exp(logP[s] ?? 0);
    }
  }
  return { grid: { tsMs, symbols: symbolNames(nSym), close }, truth: { factorOf, beta, volScale, regime } };
}

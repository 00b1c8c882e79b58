import type { Rng } from '../../engine/core/rng.js';

/** Regime codes: 0 = calm, 1 = stressed. */
export const REGIMES = ['calm', 'stressed'] as const;

/**
 * Returns a 2-state Markov chain path of `nBars` regimes (0 calm, 1 stressed), starting calm.
 * Per bar, calm -> stressed with probability `pEnterStress`, stressed -> calm with
 * `pLeaveStress` (probabilities in [0, 1]; mean stay = 1 / p bars).
 */
export function simulateRegimes(nBars: number, pEnterStress: number, pLeaveStress: number, rng: Rng): Uint8Array {
  const path = new Uint8Array(nBars);
  let state = 0;
  for (let t = 0; t < nBars; t++) {
    if (t > 0) {
      const u = rng();
      if (state === 0 && u < pEnterStress) state = 1;
      else if (state === 1 && u < pLeaveStress) state = 0;
    }
    path[t] = state;
  }
  return path;
}

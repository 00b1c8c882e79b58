import type { Rng } from '../../engine/core/rng.js';

/** A seeded draw of one real number per call. */
export type Sampler = () => number;

/**
 * Returns a standard normal sampler (mean 0, variance 1) over `rng`, by the Box-Muller
 * transform (Box & Muller 1958); the second variate of each pair is kept for the next call.
 */
export function createNormalSampler(rng: Rng): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - rng(); // in (0, 1]: log(u1) is finite
    const u2 = rng();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    spare = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  };
}

/** Degrees of freedom of the fat-tailed innovations (Student-t); finite variance needs > 2. */
export const TAIL_DF = 4;

/**
 * Returns a Student-t sampler with 4 degrees of freedom scaled to variance 1:
 * t = z / sqrt(chi2_4 / 4) with chi2_4 = -2 ln(u1 u2) (a Gamma(2, 2) draw), and
 * Var(t_4) = 4 / (4 - 2) = 2, so the draw is divided by sqrt(2).
 */
export function createUnitStudentT4Sampler(rng: Rng, normal: Sampler): Sampler {
  const unitScale = Math.sqrt((TAIL_DF - 2) / TAIL_DF);
  return () => {
    const z = normal();
    const u1 = 1 - rng();
    const u2 = 1 - rng();
    const chi2 = -2 * Math.log(u1 * u2);
    // chi2 == 0 only when u1 = u2 = 1 (probability ~2^-106); guard to keep the draw finite
    const denom = Math.sqrt(Math.max(chi2, 1e-300) / TAIL_DF);
    return (z / denom) * unitScale;
  };
}

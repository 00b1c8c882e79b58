/** Upper bounds of |signal| for severities low, medium, high (critical above the last). */
export const SEVERITY_BOUNDS = [0.5, 1.0, 1.75] as const;

/**
 * Returns erf(x) for x >= 0 by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7),
 * clamped to [0, 1]; exactly 0 at x <= 0 (the formula gives 1e-9 there).
 */
export function erfNonNegative(x: number): number {
  if (x <= 0) return 0;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const y = 1 - poly * Math.exp(-x * x);
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/**
 * Returns a finding's confidence in [0, 1] from its signal: 2 Phi(|s|) - 1 = erf(|s| / sqrt 2),
 * monotone in |s| and uniform on [0, 1] when s is standard normal.
 */
export function confidenceOf(signal: number): number {
  return erfNonNegative(Math.abs(signal) / Math.SQRT2);
}

/**
 * Returns the severity code (index into SEVERITIES) of a signal: |s| < 0.5 low, < 1 medium,
 * < 1.75 high, else critical (shares 38%, 30%, 24%, 8% for a standard normal s).
 */
export function severityCodeOf(signal: number): number {
  const a = Math.abs(signal);
  return a < SEVERITY_BOUNDS[0] ? 0 : a < SEVERITY_BOUNDS[1] ? 1 : a < SEVERITY_BOUNDS[2] ? 2 : 3;
}

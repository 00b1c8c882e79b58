/**
 * Finding severity -> capital multiplier (seed 000 `_severity_multiplier`).
 */

/** Seed 000 `_severity_multiplier`: severity name -> capital multiplier (dimensionless). */
export const SEED_SEVERITY_MULTIPLIER: Readonly<Record<string, number>> = {
  low: 0.5,
  medium: 1.0,
  high: 1.5,
  critical: 2.0,
};

/**
 * Returns the capital multiplier (dimensionless) for a finding's severity, or null for an
 * unknown severity in default mode (the caller reports it as an input error).
 * seed: `{low: .5, medium: 1, high: 1.5, critical: 2}.get(severity, 1.0)` with a missing key
 * read as 'low' but null / unknown / 'HIGH' as 1.0 (Q000-4).
 * default: case-insensitive, surrounding spaces ignored, missing and null both mean 'low'.
 */
export function severityMultiplier(
  severity: string | null | undefined,
  mode: 'seed' | 'default',
): number | null {
  if (mode === 'seed') {
    if (severity === undefined) return 0.5;
    if (severity === null) return 1.0;
    return Object.prototype.hasOwnProperty.call(SEED_SEVERITY_MULTIPLIER, severity)
      ? (SEED_SEVERITY_MULTIPLIER[severity] ?? 1.0)
      : 1.0;
  }
  if (severity === undefined || severity === null) return 0.5;
  const key = severity.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(SEED_SEVERITY_MULTIPLIER, key)
    ? (SEED_SEVERITY_MULTIPLIER[key] ?? null)
    : null;
}

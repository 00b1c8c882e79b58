/**
 * The live system's trained expectation (seed 003 §6: alpha/simulator_model.py, a ridge
 * regression of realized_pnl_bps on what a finding carries), retrained on a schedule and fit
 * only on outcomes reconciled by the fit time.
 *
 * Features of a finding, in column order (FEATURE names below):
 *   0 intercept (1; not penalized), 1 confidence, 2 severity multiplier, 3 direction (+1/-1),
 *   4 horizon in days (the finding's horizon_hours, or the scenario's, / 24),
 *   then one indicator per agent (run ids: sorted names), then one per strategy class and a
 *   last one for unclassified agents.
 * Fit: beta = (X'X + lambda D)^-1 X'y with D = diag(0, 1, ..., 1): the intercept is not shrunk,
 * so an unfitted effect falls back to the mean outcome, not to 0. The indicators are collinear
 * with the intercept; lambda > 0 makes the system positive definite (solved by Cholesky).
 */

/** Count of the leading numeric features (intercept, confidence, severity, direction, horizon). */
export const RIDGE_BASE_FEATURES = 5;

/** Returns the number of coefficients for `nAgents` agents and `nClasses` classes (+1 unclassified). */
export function ridgeWidth(nAgents: number, nClasses: number): number {
  return RIDGE_BASE_FEATURES + nAgents + nClasses + 1;
}

/** Returns the feature names in column order (for the fit event's text). */
export function ridgeFeatureNames(agents: readonly string[], classes: readonly string[]): string[] {
  return ['intercept', 'confidence', 'severity', 'direction', 'horizon_days', ...agents.map((a) => `agent:${a}`), ...classes.map((c) => `class:${c}`), 'class:(unclassified)'];
}

/** Training rows as columns (the first `n` entries are used); class -1 = unclassified. */
export interface RidgeRows {
  readonly n: number;
  readonly confidence: Float64Array;
  readonly severity: Float64Array;
  readonly direction: Float64Array;
  readonly horizonDays: Float64Array;
  readonly agent: Float64Array;
  readonly cls: Float64Array;
  /** realized_pnl_bps of each outcome. */
  readonly y: Float64Array;
}

/** Returns the two indicator columns of a row (agent, class) for `nAgents` agents, `nClasses` classes. */
function indicatorCols(agent: number, cls: number, nAgents: number, nClasses: number): [number, number] {
  return [RIDGE_BASE_FEATURES + agent, RIDGE_BASE_FEATURES + nAgents + (cls < 0 ? nClasses : cls)];
}

/**
 * Returns the ridge coefficients fit on `rows` (length ridgeWidth), or null when the normal
 * matrix is not positive definite in floating point (a lambda too small for the rows: the
 * rounding of X'X, about 2.2e-16 x rows x the largest squared feature, outweighs it). `work` is a
 * scratch buffer of at least width * (width + 1) entries (reused across fits: no allocation per event).
 */
export function fitRidge(rows: RidgeRows, nAgents: number, nClasses: number, lambda: number, work: Float64Array): Float64Array | null {
  const p = ridgeWidth(nAgents, nClasses);
  const A = work.subarray(0, p * p);
  const b = work.subarray(p * p, p * p + p);
  A.fill(0);
  b.fill(0);
  const idx = new Int32Array(RIDGE_BASE_FEATURES + 2);
  const val = new Float64Array(RIDGE_BASE_FEATURES + 2);
  // Sum order fixed: rows in reconciliation order, then columns by index.
  for (let r = 0; r < rows.n; r++) {
    const [ca, cc] = indicatorCols(rows.agent[r] as number, rows.cls[r] as number, nAgents, nClasses);
    idx.set([0, 1, 2, 3, 4, ca, cc]);
    val.set([1, rows.confidence[r] as number, rows.severity[r] as number, rows.direction[r] as number, rows.horizonDays[r] as number, 1, 1]);
    const y = rows.y[r] as number;
    for (let i = 0; i < idx.length; i++) {
      const ii = idx[i] as number;
      const vi = val[i] as number;
      b[ii] = (b[ii] as number) + vi * y;
      for (let j = 0; j < idx.length; j++) A[ii * p + (idx[j] as number)] = (A[ii * p + (idx[j] as number)] as number) + vi * (val[j] as number);
    }
  }
  for (let i = 1; i < p; i++) A[i * p + i] = (A[i * p + i] as number) + lambda;
  return solveSpd(A, b, p);
}

/** Returns x with A x = b for a symmetric positive definite p x p `A` (Cholesky; A is overwritten), or null when A is not positive definite. */
export function solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array | null {
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (A[j * p + k] as number) * (A[j * p + k] as number);
    if (!(d > 0)) return null;
    const l = Math.sqrt(d);
    A[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (A[i * p + k] as number) * (A[j * p + k] as number);
      A[i * p + j] = s / l;
    }
  }
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (A[i * p + k] as number) * (x[k] as number);
    x[i] = s / (A[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < p; k++) s -= (A[k * p + i] as number) * (x[k] as number);
    x[i] = s / (A[i * p + i] as number);
  }
  return x;
}

/** Returns the fitted model's expected_pnl_bps of one finding. */
export function predictRidge(coef: Float64Array, nAgents: number, nClasses: number, confidence: number, severity: number, direction: number, horizonDays: number, agent: number, cls: number): number {
  const [ca, cc] = indicatorCols(agent, cls, nAgents, nClasses);
  return (coef[0] as number) + (coef[1] as number) * confidence + (coef[2] as number) * severity + (coef[3] as number) * direction + (coef[4] as number) * horizonDays + (coef[ca] as number) + (coef[cc] as number);
}

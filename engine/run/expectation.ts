/**
 * The kernel's expected-return stage (reconcile.expected_model): which expectation each
 * outcome gets, the ridge model's training rows and its schedule. Rows are kept in growable
 * columns, so reconciling an outcome appends numbers and allocates nothing (the columns double
 * now and then); the fit, an O(rows + width^3) solve, runs only at retrain times.
 */
import { BtInputError } from '../core/errors.js';
import { isoFromMs } from '../core/time.js';
import { growableF64, pushF64, type GrowableF64 } from '../core/growable.js';
import { stableStringify } from '../core/stable-json.js';
import { appendEvent, type EventLog } from '../events/log.js';
import { expectedPnlBps } from '../modules/reconcile/reconcile.js';
import { fitRidge, predictRidge, RIDGE_BASE_FEATURES, ridgeFeatureNames, ridgeWidth } from '../modules/reconcile/ridge-model.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';

/** Ridge training rows (reconciled outcomes, in reconciliation order) and the model state (a class, not a literal: see RunState). */
export class ExpectationState {
  readonly rows: RidgeRows;
  /** The last fit's coefficients (ridge-model.ts column order), or null before the first fit. */
  coef: Float64Array | null;
  /** Fit scratch (width * (width + 1)); empty unless the model is ridge. */
  readonly work: Float64Array;
  /** The next retrain time (epoch ms); the fit runs at the first tick at or after it. */
  nextFitMs: number;
  fits: number;
  /** Outcomes whose expectation fell back to score-linear (no fit yet, or a null column value). */
  fallbacks: number;

  constructor(data: RunData, cfg: RunConfig) {
    const ridge = cfg.expectedModel.kind === 'ridge';
    const p = ridgeWidth(data.agents.length, data.strategies.length);
    this.rows = new RidgeRows(ridge ? 1024 : 1);
    this.coef = null;
    this.work = new Float64Array(ridge ? p * (p + 1) : 0);
    this.nextFitMs = Number.NEGATIVE_INFINITY;
    this.fits = 0;
    this.fallbacks = 0;
  }
}

/** The ridge model's training rows, one growable column per feature and the target (a class: see ExpectationState). */
export class RidgeRows {
  readonly confidence: GrowableF64;
  readonly severity: GrowableF64;
  readonly direction: GrowableF64;
  readonly horizonDays: GrowableF64;
  readonly agent: GrowableF64;
  readonly cls: GrowableF64;
  readonly y: GrowableF64;

  constructor(capacity: number) {
    this.confidence = growableF64(capacity);
    this.severity = growableF64(capacity);
    this.direction = growableF64(capacity);
    this.horizonDays = growableF64(capacity);
    this.agent = growableF64(capacity);
    this.cls = growableF64(capacity);
    this.y = growableF64(capacity);
  }
}

/** Returns the stage's state at the start of a run. */
export function newExpectationState(data: RunData, cfg: RunConfig): ExpectationState {
  return new ExpectationState(data, cfg);
}

/**
 * Returns the expected_pnl_bps of one finding at its reconciliation under the scenario's model
 * (the latest fit for ridge; the finding's own value, `columnBps`, for column; NaN = none), or
 * score-linear, counting the fallback when a model was asked for.
 */
export function expectedFor(x: ExpectationState, data: RunData, cfg: RunConfig, confidence: number, severity: number, direction: number, horizonHours: number, agent: number, columnBps: number): number {
  const m = cfg.expectedModel;
  if (m.kind === 'ridge' && x.coef !== null) return predictRidge(x.coef, data.agents.length, data.strategies.length, confidence, severity, direction, horizonHours / 24, agent, data.agentStrategy[agent] as number);
  if (m.kind === 'column' && Number.isFinite(columnBps)) return columnBps;
  if (m.kind !== 'score-linear') x.fallbacks += 1;
  return expectedPnlBps(m, confidence, severity);
}

/** Appends a reconciled outcome to the ridge training rows (nothing for other models). */
export function recordTrainingRow(x: ExpectationState, data: RunData, cfg: RunConfig, confidence: number, severity: number, direction: number, horizonHours: number, agent: number, realizedBps: number): void {
  if (cfg.expectedModel.kind !== 'ridge') return;
  const r = x.rows;
  pushF64(r.confidence, confidence);
  pushF64(r.severity, severity);
  pushF64(r.direction, direction);
  pushF64(r.horizonDays, horizonHours / 24);
  pushF64(r.agent, agent);
  pushF64(r.cls, data.agentStrategy[agent] as number);
  pushF64(r.y, realizedBps);
}

/**
 * At the first tick at or after a retrain time: fits the ridge model on the outcomes reconciled
 * so far (at or before `t`: reconciliations at t precede the tick at t), once there are
 * min_outcomes of them, and logs model_fitted (v1 rows used, v2 lambda, v3 coefficient count,
 * text {features, coefficients}). Retrain times are the epoch multiples of reconcile.ridge.retrain.
 */
export function retrainIfDue(x: ExpectationState, log: EventLog, data: RunData, cfg: RunConfig, t: number, agentJoined: Uint8Array, classJoined: Uint8Array): void {
  const m = cfg.expectedModel;
  if (m.kind !== 'ridge' || t < x.nextFitMs) return;
  x.nextFitMs = (Math.floor(t / m.retrainMs) + 1) * m.retrainMs;
  const n = x.rows.y.length;
  if (n < m.minOutcomes) return;
  const r = x.rows;
  const rows = { n, confidence: r.confidence.data, severity: r.severity.data, direction: r.direction.data, horizonDays: r.horizonDays.data, agent: r.agent.data, cls: r.cls.data, y: r.y.data };
  const coef = fitRidge(rows, data.agents.length, data.strategies.length, m.lambda, x.work);
  if (coef === null) {
    // the scenario's lambda, not the data, is what the user can change
    throw new BtInputError({
      field: 'reconcile.ridge.lambda',
      expected: `a lambda large enough for the ridge fit at ${isoFromMs(t)} (${n} outcomes) to be solvable: its normal matrix is not positive definite in floating point`,
      found: String(m.lambda),
      hint: 'Raise reconcile.ridge.lambda: it must outweigh the rounding of the fit (about 2.2e-16 x outcomes x the largest squared feature)',
    });
  }
  x.coef = coef;
  x.fits += 1;
  // The log names only the agents and classes in the roster at t: the others have no rows yet,
  // so their coefficients are 0, and naming them would tell the future roster.
  const names = ridgeFeatureNames(data.agents, data.strategies);
  const nA = data.agents.length;
  const kept = names.map((_, i) => i).filter((i) => i < RIDGE_BASE_FEATURES || (i < RIDGE_BASE_FEATURES + nA ? agentJoined[i - RIDGE_BASE_FEATURES] === 1 : i === names.length - 1 || classJoined[i - RIDGE_BASE_FEATURES - nA] === 1));
  const text = stableStringify({ coefficients: kept.map((i) => coef[i] as number), features: kept.map((i) => names[i] as string) });
  appendEvent(log, 'model_fitted', t, -1, -1, -1, n, m.lambda, kept.length, text);
}

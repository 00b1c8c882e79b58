/**
 * Per-strategy CVaR of pnl_error_bps = realized - expected (seed 003 §5: "per-strategy CVaR
 * using expected vs realized gap"; seed 001 reads it as `gap_cvar95_bps`).
 *
 * Convention (lower tail, shared with the metrics module's VaR/CVaR):
 *   VaR  = R `quantile(x, 1 - level, type = 7)` (= numpy `np.quantile(x, 1 - level)`),
 *          computed by engine/metrics/var-cvar.ts `quantileType7`, so both modules agree;
 *   CVaR = mean of the values strictly below VaR; VaR itself when none is.
 * Both are in bps and negative when the class underperforms its expectations.
 */
import { assert } from '../../core/errors.js';
import { quantileType7 } from '../../metrics/var-cvar.js';

/** Per-class VaR/CVaR of the pnl error, bps, and the sample size. */
export interface StrategyCvar {
  /** NaN where n < minN (or n = 0). */
  readonly cvarBps: Float64Array;
  /** NaN where n < minN (or n = 0). */
  readonly varBps: Float64Array;
  readonly n: Int32Array;
}

/**
 * Returns VaR and CVaR of each class's values at confidence `level` (fraction in (0, 1)):
 * `values[offsets[c] .. offsets[c+1])` are class c's pnl errors (bps) over the window.
 */
export function strategyCvar(
  values: Float64Array,
  offsets: Int32Array,
  level = 0.95,
  minN: number,
): StrategyCvar {
  assert(level > 0 && level < 1, 'level is in (0, 1)');
  const nClasses = offsets.length - 1;
  assert(nClasses >= 0, 'offsets has nClasses + 1 entries');
  const p = 1 - level;
  const cvarBps = new Float64Array(nClasses).fill(Number.NaN);
  const varBps = new Float64Array(nClasses).fill(Number.NaN);
  const n = new Int32Array(nClasses);
  for (let c = 0; c < nClasses; c++) {
    const start = offsets[c] as number;
    const end = offsets[c + 1] as number;
    const k = end - start;
    n[c] = k;
    if (k === 0 || k < minN) continue;
    // Selection, not a full sort: the engine calls this every tick over the whole window.
    const window = values.subarray(start, end);
    for (let i = 0; i < k; i++) assert(Number.isFinite(window[i] as number), 'pnl errors are finite');
    const v = quantileType7(window, p);
    let sum = 0;
    let m = 0;
    // Summed in window (time) order: fixed, whatever the selection did.
    for (let i = 0; i < k; i++) {
      const x = window[i] as number;
      if (x < v) {
        sum += x;
        m += 1;
      }
    }
    varBps[c] = v;
    cvarBps[c] = m === 0 ? v : sum / m;
  }
  return { cvarBps, varBps, n };
}

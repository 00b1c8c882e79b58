import type { FindingsColumns } from '../schemas/columns.js';
import type { FutureReturns } from './future-returns.js';
import type { PriceGrid } from './price-grid.js';

/** Hit rate and drawdown of one stream of findings' realized pnl. */
export interface OutcomeStats {
  readonly findings: number;
  /** Share of findings with direction * return > 0, in [0, 1]; 0 when there are none. */
  readonly hitRate: number;
  /** Sum of pnl, bps. */
  readonly pnlSumBps: number;
  /** Lowest (cumulative pnl - its running peak), peak starting at 0; bps, <= 0. */
  readonly maxDrawdownBps: number;
}

/** Realized outcomes of one group (an agent or a class), whole sample and split at the break. */
export interface GroupOutcome {
  readonly all: OutcomeStats;
  readonly beforeBreak: OutcomeStats;
  readonly afterBreak: OutcomeStats;
  /** First ts at which the whole-sample drawdown falls below `thresholdBps` (set by the caller), else null. */
  readonly breachMs: number | null;
}

interface Acc {
  n: number;
  hits: number;
  cum: number;
  peak: number;
  dd: number;
}

function newAcc(): Acc {
  return { n: 0, hits: 0, cum: 0, peak: 0, dd: 0 };
}

function addPnl(a: Acc, pnl: number): void {
  a.n++;
  if (pnl > 0) a.hits++;
  a.cum += pnl;
  if (a.cum > a.peak) a.peak = a.cum;
  if (a.cum - a.peak < a.dd) a.dd = a.cum - a.peak;
}

function statsOf(a: Acc): OutcomeStats {
  return { findings: a.n, hitRate: a.n > 0 ? a.hits / a.n : 0, pnlSumBps: a.cum, maxDrawdownBps: a.dd };
}

/**
 * Returns each finding's realized pnl, bps: direction * (close(at or before t + h) / close(t) - 1) * 1e4,
 * the same rule reconciliation uses (seed 004 strategy_attribution sums these per class).
 */
export function realizedPnlBps(findings: FindingsColumns, grid: PriceGrid, future: FutureReturns): Float64Array {
  const out = new Float64Array(findings.length);
  const nSym = grid.symbols.length;
  let bar = 0;
  for (let i = 0; i < findings.length; i++) {
    const t = findings.tsMs[i] ?? 0;
    while (bar + 1 < grid.tsMs.length && (grid.tsMs[bar] ?? 0) < t) bar++;
    const r = future.ret[bar * nSym + (findings.symbol.codes[i] ?? 0)] ?? Number.NaN;
    out[i] = (findings.direction[i] ?? 1) * r * 1e4;
  }
  return out;
}

/**
 * Returns the realized outcomes per group, in ts order: `groupOf[i]` is finding i's group
 * (agent or class code); `thresholds[g]` (bps, < 0) marks the breach time, NaN for none.
 */
export function measureOutcomes(
  findings: FindingsColumns,
  pnlBps: Float64Array,
  groupOf: Int32Array,
  nGroups: number,
  breakMs: number,
  thresholds: Float64Array,
): GroupOutcome[] {
  const all = Array.from({ length: nGroups }, newAcc);
  const pre = Array.from({ length: nGroups }, newAcc);
  const post = Array.from({ length: nGroups }, newAcc);
  const breach: (number | null)[] = new Array<number | null>(nGroups).fill(null);
  for (let i = 0; i < findings.length; i++) {
    const g = groupOf[i] ?? -1;
    const accAll = all[g];
    if (accAll === undefined) continue;
    const t = findings.tsMs[i] ?? 0;
    const pnl = pnlBps[i] ?? 0;
    addPnl(accAll, pnl);
    const side = t < breakMs ? pre[g] : post[g];
    if (side !== undefined) addPnl(side, pnl);
    const th = thresholds[g] ?? Number.NaN;
    if (breach[g] === null && accAll.dd < th) breach[g] = t;
  }
  return all.map((a, g) => ({
    all: statsOf(a),
    beforeBreak: statsOf(pre[g] ?? newAcc()),
    afterBreak: statsOf(post[g] ?? newAcc()),
    breachMs: breach[g] ?? null,
  }));
}

import { MS } from '../core/time.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';
import type { ExpectedModel } from '../modules/reconcile/reconcile.js';

/** The ridge settings a scenario with expected_model: ridge runs with where reconcile.ridge omits them (documented in schema.ts). */
export const RIDGE_DEFAULTS = { lambda: 1, retrainMs: 7 * MS.day, minOutcomes: 50 } as const;

function expectedModelOf(sc: Scenario): ExpectedModel {
  const r = sc.reconcile;
  if (r.expectedModel === 'ridge') {
    const d = RIDGE_DEFAULTS;
    return { kind: 'ridge', bpsPerScore: r.expectedBpsPerScore, lambda: r.ridge?.lambda ?? d.lambda, retrainMs: r.ridge?.retrainMs ?? d.retrainMs, minOutcomes: r.ridge?.minOutcomes ?? d.minOutcomes };
  }
  return { kind: r.expectedModel, bpsPerScore: r.expectedBpsPerScore };
}

/** Returns the first and last event times over prices and findings (UTC ms; ±Infinity when both are empty). */
export function dataSpanMs(data: RunData): { readonly firstMs: number; readonly lastMs: number } {
  if (data.stream !== undefined) return { firstMs: data.stream.firstTsMs, lastMs: data.stream.lastTsMs };
  const firstMs = Math.min(data.prices.n > 0 ? (data.prices.tsMs[0] as number) : Infinity, data.findings.n > 0 ? (data.findings.tsMs[0] as number) : Infinity);
  const lastMs = Math.max(data.prices.n > 0 ? (data.prices.tsMs[data.prices.n - 1] as number) : -Infinity, data.findings.n > 0 ? (data.findings.tsMs[data.findings.n - 1] as number) : -Infinity);
  return { firstMs, lastMs };
}

/** Returns the kernel's configuration for a validated scenario over its loaded data. */
export function runConfigFromScenario(sc: Scenario, data: RunData): RunConfig {
  const span = dataSpanMs(data);
  return {
    startMs: sc.time.startMs ?? span.firstMs,
    endMs: sc.time.endMs ?? span.lastMs,
    cadenceMs: sc.clock.cadenceMs,
    mode: sc.allocator.mode,
    defaultHorizonMs: sc.reconcile.horizonHours * MS.hour,
    expectedModel: expectedModelOf(sc),
    stats: {
      lookback: sc.stats.lookbackOutcomes,
      longWindowMs: sc.stats.windowDays * MS.day,
      shortWindowMs: sc.stats.pnlWindowDays * MS.day,
      errorAbsBps: sc.reconcile.errorAbsBps,
    },
    targets: { maxAgentWeight: sc.targets.maxAgentWeight, maxSymbolWeight: sc.targets.maxSymbolWeight, cashBuffer: sc.targets.cashBuffer },
    decay: { ...sc.decay, horizonHours: sc.reconcile.horizonHours },
    cvar: { windowMs: sc.cvar.windowDays * MS.day, level: sc.cvar.level, minN: sc.cvar.minN, maxOutcomes: sc.cvar.maxOutcomes },
    promotion: sc.promotion,
    kill: sc.kill,
    governor: sc.governor,
    costs: sc.costs,
    initialCapital: sc.portfolio.initialCapital,
    logOutcomes: true,
    targetRows: true,
  };
}

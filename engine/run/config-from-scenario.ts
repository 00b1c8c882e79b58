import { MS } from '../core/time.js';
import { checkRunWindow } from './check-run-window.js';
import type { Scenario } from '../scenario/scenario.js';
import { RunConfigRecord, type RunConfig } from './config.js';
import type { RunData, TimeSpan } from './run-data.js';
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

/** The input's time spans, and the window an absent time.start / time.end means. */
export interface DataSpan {
  /** The first price or finding (findings before their symbol's first price are refused). */
  readonly firstMs: number;
  /**
   * The last price (the last finding when there are no prices): nothing after it can be marked,
   * filled or reconciled, so findings after it are left out unless time.end asks for them.
   */
  readonly lastMs: number;
  readonly prices: TimeSpan;
  readonly findings: TimeSpan;
}

const NO_ROWS: TimeSpan = { first: Infinity, last: -Infinity };

/** Returns the input's time spans and default window (UTC ms; ±Infinity when both files are empty). */
export function dataSpanMs(data: RunData): DataSpan {
  const span = (c: { readonly n: number; readonly tsMs: Float64Array }): TimeSpan => (c.n > 0 ? { first: c.tsMs[0] as number, last: c.tsMs[c.n - 1] as number } : NO_ROWS);
  const prices = data.stream?.priceSpan ?? span(data.prices);
  const findings = data.stream?.findingSpan ?? span(data.findings);
  return { firstMs: Math.min(prices.first, findings.first), lastMs: Number.isFinite(prices.last) ? prices.last : findings.last, prices, findings };
}

/** Returns the run's start (UTC ms): time.start, else the first price or finding. */
export function runStartMsOf(sc: Scenario, data: RunData): number {
  return sc.time.startMs ?? dataSpanMs(data).firstMs;
}

/** Returns the kernel's configuration for a validated scenario over its loaded data. */
export function runConfigFromScenario(sc: Scenario, data: RunData): RunConfig {
  const span = dataSpanMs(data);
  const startMs = runStartMsOf(sc, data);
  const endMs = sc.time.endMs ?? span.lastMs;
  // every run, sweep configuration and fill-lag count starts here: refuse a window no tick list fits in
  checkRunWindow(sc, startMs, endMs, sc.clock.cadenceMs, sc.clock.offsetMs ?? 0);
  // a temporary literal: RunConfigRecord copies it, so every RunConfig has the one class's map (config.ts)
  return new RunConfigRecord({
    startMs,
    endMs,
    cadenceMs: sc.clock.cadenceMs,
    tickOffsetMs: sc.clock.offsetMs ?? 0,
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
  });
}

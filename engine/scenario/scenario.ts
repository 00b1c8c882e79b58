import type { ParamObject } from './param-spec.js';
import type { DecayParams } from '../modules/decay/update-confidence.js';
import type { CostSpec } from '../portfolio/cost-model.js';

/**
 * A path named in a scenario. `rel` is portable: relative to its base folder (the scenario
 * file's folder for data, the current directory for output), with '/' separators; it is what
 * manifests record. `abs` is for opening the file only and must never reach an output file.
 */
export interface ScenarioPath {
  readonly rel: string;
  readonly abs: string;
  /** Where the scenario file names it (its dotted key and 1-based line), for messages only. */
  readonly key?: string;
  readonly line?: number;
}

/** Input files of a scenario (data section). */
export interface ScenarioData {
  readonly findings: ScenarioPath;
  readonly prices: ScenarioPath;
  readonly agents?: ScenarioPath;
  readonly killList?: ScenarioPath;
  readonly reconciled?: ScenarioPath;
  readonly regime?: ScenarioPath;
}

/**
 * A validated scenario with defaults filled, keys in camelCase; durations and dates end in
 * `Ms` (milliseconds; dates are epoch ms UTC). Field meanings and units: scenarios/README.md.
 */
export interface Scenario {
  /** The scenario file as given to the parser (use only for messages). */
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly data: ScenarioData;
  /** The benchmark of the benchmark-relative metrics: a symbol of `prices` (default data.prices). */
  readonly benchmark?: { readonly symbol: string; readonly prices?: ScenarioPath };
  /** How metrics.json annualizes: absent, periods per year are inferred from the curve's dates. */
  readonly metrics?: { readonly periodsPerYear?: number };
  readonly time: { readonly startMs?: number; readonly endMs?: number };
  /** offsetMs: clock.offset, absent when not set (ticks on the epoch multiples of the cadence). */
  readonly clock: { readonly cadenceMs: number; readonly offsetMs?: number };
  readonly reconcile: {
    readonly horizonHours: number;
    readonly expectedModel: 'score-linear' | 'ridge' | 'column';
    readonly expectedBpsPerScore: number;
    readonly errorAbsBps: number;
    /** Ridge settings as written (an absent one: RIDGE_DEFAULTS in run/config-from-scenario.ts). */
    readonly ridge?: { readonly lambda?: number; readonly retrainMs?: number; readonly minOutcomes?: number };
  };
  readonly stats: { readonly windowDays: number; readonly pnlWindowDays: number; readonly lookbackOutcomes: number };
  /** `params` keep the plug-in's own (snake_case) keys: the plug-in reads them by its spec's names; durations/dates in ms. */
  readonly allocator: { readonly variant: string; readonly mode: 'seed' | 'default'; readonly params: ParamObject };
  readonly targets: {
    readonly maxAgentWeight: number;
    readonly maxSymbolWeight: number;
    readonly cashBuffer: number;
    readonly allowShort: boolean;
  };
  /** The decay module's tunables (its horizon is reconcile.horizonHours), plus whether the step runs. */
  readonly decay: Omit<DecayParams, 'horizonHours'> & { readonly enabled: boolean };
  readonly cvar: { readonly windowDays: number; readonly level: number; readonly minN: number; readonly maxOutcomes: number };
  readonly promotion: {
    readonly enabled: boolean;
    readonly minPnlSumBps: number;
    readonly minHitRate: number;
    readonly maxErrorRate: number;
    readonly maxAvgAbsErrorBps: number;
    readonly minAvgPnlErrorBps: number;
  };
  readonly kill: {
    readonly enabled: boolean;
    readonly killErrorRate: number;
    readonly retirePnlSumBps: number;
    readonly retireMinOutcomes: number;
    readonly retireDrawdownBps: number;
    readonly classKill: boolean;
    readonly classMinOutcomes: number;
  };
  readonly governor: {
    readonly reallocationThreshold: number;
    readonly regimeDefault: number;
    readonly guardian: { readonly enabled: boolean; readonly pauseDrawdown: number; readonly resumeDrawdown: number };
  };
  /** Cost model: fixed bps, half spread, impact, band, minimum; `symbols` overrides per symbol. */
  readonly costs: CostSpec;
  readonly portfolio: { readonly initialCapital: number };
  /** Results folder; default results/<name>, relative to the current directory. */
  readonly output: { readonly dir: ScenarioPath };
  /**
   * The validated snake_case settings with defaults, durations/dates in ms and `rel` paths
   * only (no `output`: where results go does not change them): what the manifest records and
   * the config id hashes.
   */
  readonly settings: ParamObject;
  /**
   * Each key's 1-based line in the scenario file, by dotted path (`costs.spread_column`), for
   * messages only: a check against the data names the line that set what it refuses. A sweep
   * configuration's are its base file's, but for the keys the sweep file sets.
   */
  readonly keyLines?: Readonly<Record<string, number>>;
}

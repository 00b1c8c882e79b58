import type { ExpectedModel } from '../modules/reconcile/reconcile.js';
import type { OutcomeWindowParams } from '../modules/stats/outcome-window.js';
import type { CostSpec } from '../portfolio/cost-model.js';
import type { Mode } from '../modules/allocator/plugin.js';
import type { DecayParams } from '../modules/decay/update-confidence.js';
import type { Scenario } from '../scenario/scenario.js';

/** Everything the kernel needs, resolved (ms, fractions, bps), independent of YAML. */
export interface RunConfig {
  readonly startMs: number;
  readonly endMs: number;
  readonly cadenceMs: number;
  /** Where the tick grid sits within a cadence (clock.offset; 0 when absent): ticks at offset + k x cadence since the epoch. */
  readonly tickOffsetMs: number;
  readonly mode: Mode;
  readonly defaultHorizonMs: number;
  readonly expectedModel: ExpectedModel;
  readonly stats: OutcomeWindowParams;
  readonly targets: {
    readonly maxAgentWeight: number;
    readonly maxSymbolWeight: number;
    readonly cashBuffer: number;
  };
  /** The decay module's own tunables (seed 003), plus whether the step runs. */
  readonly decay: DecayParams & { readonly enabled: boolean };
  /** maxOutcomes: at most this many of each class's most recent outcomes in the window. */
  readonly cvar: { readonly windowMs: number; readonly level: number; readonly minN: number; readonly maxOutcomes: number };
  /** Promotion gate, agent kill/retire rules and the governor: as the scenario states them (scenarios/README.md). */
  readonly promotion: Scenario['promotion'];
  readonly kill: Scenario['kill'];
  readonly governor: Scenario['governor'];
  /** The scenario's cost model (fixed, spread, impact, band, minimum; per-symbol overrides by name). */
  readonly costs: CostSpec;
  readonly initialCapital: number;
  /** Record outcome_reconciled events (one per finding) in the log. */
  readonly logOutcomes: boolean;
  /**
   * Keep each tick's new symbol targets as output rows (targets.arrow). A sweep reads only a
   * run's metrics and equity curve: without them an M run first-touches ~9 MB less (~2k page faults).
   */
  readonly targetRows: boolean;
}

/**
 * Returns `cfg` with its own logging switches (a sweep's runs; the allocation replay's state),
 * built by the one RunConfig class (RunConfigRecord), as every RunConfig is.
 */
export function withLogging(cfg: RunConfig, logOutcomes: boolean, targetRows: boolean): RunConfig {
  return new RunConfigRecord(cfg, logOutcomes, targetRows);
}

/**
 * A RunConfig, its fields copied in RunConfig's order. One class builds every RunConfig (a
 * scenario's, and a copy with other logging switches): a literal, or a spread of one, is a map
 * of its own, and V8 generalizes a literal site's fields the second time it runs and throws away
 * the stages optimized against them (bench/RESULTS.md, twentieth and twenty-first sessions); two
 * classes would leave every stage reading the configuration with two maps to tell apart.
 */
export class RunConfigRecord implements RunConfig {
  readonly startMs: number;
  readonly endMs: number;
  readonly cadenceMs: number;
  readonly tickOffsetMs: number;
  readonly mode: RunConfig['mode'];
  readonly defaultHorizonMs: number;
  readonly expectedModel: RunConfig['expectedModel'];
  readonly stats: RunConfig['stats'];
  readonly targets: RunConfig['targets'];
  readonly decay: RunConfig['decay'];
  readonly cvar: RunConfig['cvar'];
  readonly promotion: RunConfig['promotion'];
  readonly kill: RunConfig['kill'];
  readonly governor: RunConfig['governor'];
  readonly costs: RunConfig['costs'];
  readonly initialCapital: number;
  readonly logOutcomes: boolean;
  readonly targetRows: boolean;

  constructor(c: RunConfig, logOutcomes = c.logOutcomes, targetRows = c.targetRows) {
    this.startMs = c.startMs;
    this.endMs = c.endMs;
    this.cadenceMs = c.cadenceMs;
    this.tickOffsetMs = c.tickOffsetMs;
    this.mode = c.mode;
    this.defaultHorizonMs = c.defaultHorizonMs;
    this.expectedModel = c.expectedModel;
    this.stats = c.stats;
    this.targets = c.targets;
    this.decay = c.decay;
    this.cvar = c.cvar;
    this.promotion = c.promotion;
    this.kill = c.kill;
    this.governor = c.governor;
    this.costs = c.costs;
    this.initialCapital = c.initialCapital;
    this.logOutcomes = logOutcomes;
    this.targetRows = targetRows;
  }
}

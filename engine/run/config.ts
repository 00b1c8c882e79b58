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

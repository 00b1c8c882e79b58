import type { ExpectedModel } from '../modules/reconcile/reconcile.js';
import type { OutcomeWindowParams } from '../modules/stats/outcome-window.js';
import type { CostParams } from '../portfolio/portfolio.js';
import type { Mode } from '../modules/allocator/plugin.js';
import type { DecayParams } from '../modules/decay/update-confidence.js';

/** Everything the kernel needs, resolved (ms, fractions, bps), independent of YAML. */
export interface RunConfig {
  readonly startMs: number;
  readonly endMs: number;
  readonly cadenceMs: number;
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
    /** Outcomes a class needs before its kill-list thresholds can fire. */
    readonly classMinOutcomes: number;
  };
  readonly governor: {
    readonly reallocationThreshold: number;
    readonly regimeDefault: number;
    readonly guardian: { readonly enabled: boolean; readonly pauseDrawdown: number; readonly resumeDrawdown: number };
  };
  readonly costs: CostParams;
  readonly initialCapital: number;
  /** Record outcome_reconciled events (one per finding) in the log. */
  readonly logOutcomes: boolean;
}

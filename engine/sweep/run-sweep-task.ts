import { toF64 } from '../core/growable.js';
import { runDownstream } from '../run/staged/downstream-run.js';
import { runPortfolioReplay, runTargetsReplay } from '../run/staged/portfolio-replay.js';
import { finishScenarioRun, prepareScenarioRun, type ScenarioRun } from '../run/run-scenario.js';
import { runBacktest, type RunControl } from '../run/run.js';
import { withLogging } from '../run/config.js';
import { recordUpstreamTape, WHOLE_TAPE, type TapeNeeds, type UpstreamTape } from '../run/staged/upstream-tape.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunData } from '../run/run-data.js';
import type { MetricsReuse, RunBenchmark, RunMetrics } from '../run/run-metrics.js';
import type { Scenario } from '../scenario/scenario.js';
import { recordSupervisorTape, type SupervisorTape } from '../run/staged/supervisor-tape.js';
import { runAllocation } from '../run/staged/allocation-replay.js';
import { shareSupervisorTape, shareTape } from './share-tape.js';
import { DISCARD_EVENT_LOG } from './discard-event-log.js';

/**
 * How a sweep task uses the upstream stages (engine/sweep/stage-plan.ts): absent, a full run;
 * { record: 'upstream' }, a full run that also returns its tape: the final weights per tick and
 * the parts `needs` names (WHOLE_TAPE: proposals and pairs too; the plan knows what its replays read);
 * 'downstream', a replay of targets, rebalance and portfolio over a tape (`record`: return the
 * tape with this configuration's proposals); 'portfolio', a replay of rebalance and portfolio
 * over a tape's proposals; 'targets', a replay of the targets stage's filling, rebalance and
 * portfolio over a tape's pairs (default mode); a supervisor recording ('supervisor'), a
 * recording that also returns its supervisor tape (recorded with the window drawdowns when one
 * of `variants` reads them) and the parts of its upstream tape `needs` names; 'allocation', a replay of the allocator over a supervisor tape and
 * then of the downstream (`record`: return the upstream tape with this configuration's proposals
 * and, in default mode, its pairs).
 */
export type UpstreamUse =
  | { readonly record: 'upstream'; readonly needs: TapeNeeds }
  | { readonly record: 'supervisor'; readonly variants: readonly string[]; readonly needs: TapeNeeds }
  | { readonly replay: 'allocation'; readonly supervisor: SupervisorTape; readonly record: boolean }
  | { readonly replay: 'downstream'; readonly tape: UpstreamTape; readonly record: boolean }
  | { readonly replay: 'portfolio'; readonly tape: UpstreamTape }
  | { readonly replay: 'targets'; readonly tape: UpstreamTape };

/** What a configuration's run gives a sweep: its metrics and equity curve, and a tape when asked to record one. */
export interface SweepTaskResult {
  readonly metrics: RunMetrics;
  readonly ts: Float64Array<ArrayBuffer>;
  readonly equity: Float64Array<ArrayBuffer>;
  readonly tape: UpstreamTape | null;
  /** A supervisor recording's supervisor tape. */
  readonly supervisor: SupervisorTape | null;
}

/**
 * Runs one configuration of a sweep (in a worker thread, or in process): full, recording, or
 * replaying a tape. `reuse`: the metrics' work kept across the configurations the caller runs
 * (engine/run/run-metrics.ts, MetricsReuse; a worker holds one).
 */
export function runSweepTask(scenario: Scenario, upstream: UpstreamUse | undefined, data: RunData, allocators: Readonly<Record<string, AllocatorPlugin>>, benchmark: RunBenchmark | null, reuse?: MetricsReuse): SweepTaskResult {
  let tape: UpstreamTape | null = null;
  let supervisor: SupervisorTape | null = null;
  let run;
  const prepared = prepareScenarioRun(scenario, data, allocators);
  // A sweep keeps each run's metrics and equity curve, never its event log: no outcome rows
  // (one per finding, ~49 bytes each: M's full runs wrote ~500 MB of them for nothing), and
  // the other rows go to a batch emptied as it fills (discard-event-log.ts); nor its target rows.
  const cfg = withLogging(prepared.cfg, false, false);
  const spill = DISCARD_EVENT_LOG;
  const full = (control: RunControl): ScenarioRun => finishScenarioRun(scenario, data, cfg, prepared.plugin, runBacktest(data, cfg, prepared.plugin, prepared.params, { ...control, spill }), benchmark, reuse);
  if (upstream === undefined) run = full({});
  else if (!('replay' in upstream) && upstream.record === 'upstream') {
    const rec = recordUpstreamTape(data.agents.length, data.symbols.length, upstream.needs);
    run = full({ onTick: rec.observe });
    tape = shareTape(rec.finish(run.outcome.state, run.outcome.counters, false, data));
  } else if (!('replay' in upstream)) {
    const rec = recordUpstreamTape(data.agents.length, data.symbols.length, upstream.needs);
    const sup = recordSupervisorTape(data.agents.length, data.strategies.length, upstream.variants.some((v) => allocators[v]?.needsWindowDrawdown === true));
    run = full({
      onTick: (v) => {
        rec.observe(v);
        sup.observe(v);
      },
    });
    tape = shareTape(rec.finish(run.outcome.state, run.outcome.counters, false, data));
    supervisor = shareSupervisorTape(sup.finish(run.outcome.state, run.outcome.counters, false, data));
  } else if (upstream.replay === 'allocation') {
    const d = runDownstream(data, cfg, runAllocation(data, cfg, prepared.plugin, prepared.params, upstream.supervisor), upstream.record, spill);
    run = finishScenarioRun(scenario, data, cfg, prepared.plugin, d.outcome, benchmark, reuse);
    if (upstream.record) tape = shareTape(d.tape);
  } else if (upstream.replay === 'portfolio') run = finishScenarioRun(scenario, data, cfg, prepared.plugin, runPortfolioReplay(data, cfg, upstream.tape, spill), benchmark, reuse);
  else if (upstream.replay === 'targets') run = finishScenarioRun(scenario, data, cfg, prepared.plugin, runTargetsReplay(data, cfg, upstream.tape, spill), benchmark, reuse);
  else {
    const d = runDownstream(data, cfg, upstream.tape, upstream.record, spill);
    run = finishScenarioRun(scenario, data, cfg, prepared.plugin, d.outcome, benchmark, reuse);
    if (upstream.record) tape = shareTape(d.tape);
  }
  const out = run.outcome.state.out;
  return { metrics: run.metrics, ts: new Float64Array(toF64(out.equityTs)), equity: new Float64Array(toF64(out.equity)), tape, supervisor };
}

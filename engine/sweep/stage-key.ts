import { configId } from '../core/hash.js';
import { isPlainObject, type ParamObject, type ParamValue } from '../scenario/param-spec.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Which scenario field feeds which stage of the supervisor pipeline (engine/run/stages/), and
 * so what configurations of a sweep can share:
 *
 * | stage (engine/run/)                                  | reads                                                              | part       |
 * | ---------------------------------------------------- | ------------------------------------------------------------------ | ---------- |
 * | 1 outcomes (stages/outcomes.ts, expectation.ts)      | data.*, reconcile.*, time.*, stats.lookback_outcomes/window_days   | upstream   |
 * | 2 agent statistics (stages/agent-stats.ts)           | stats.*                                                            | upstream   |
 * | 3a decay (stages/decay.ts)                           | decay.*, allocator.mode, reconcile.horizon_hours                   | upstream   |
 * | 3b CVaR (stages/cvar.ts)                             | cvar.*                                                             | upstream   |
 * | 4b decisions (stages/decisions.ts)                   | promotion.*, kill.*, allocator.mode (kill-list status case)        | upstream   |
 * | the clock (run.ts, roster.ts)                        | clock.*, time.start, time.end, data.agents (since)                 | upstream   |
 * | 4 weights (stages/weights.ts: the allocator)         | allocator.variant, allocator.params.*, allocator.mode              | allocation |
 * | 5 targets (stages/targets.ts)                        | targets.max_agent_weight, max_symbol_weight, cash_buffer, mode     | downstream |
 * | 6 rebalance (stages/rebalance.ts)                    | governor.* (threshold, regime_default, guardian), data.regime, mode | downstream |
 * | 7 portfolio (stages/portfolio.ts)                    | costs.*, portfolio.initial_capital                                 | downstream |
 * | metrics (run-metrics.ts)                             | benchmark.*, metrics.*                                             | downstream |
 *
 * The upstream never reads the portfolio (only closes, through reconciliation) and the
 * downstream reads the upstream only through the final agent weights at each tick. Within the
 * upstream, the stages above the allocation (the supervisor) never read a weight: decisions come
 * before the final weights and read statistics and statuses only (allocator.mode stays in every
 * key: decay and the decisions read it, as do the targets and the rebalance's threshold). So
 * configurations whose settings agree outside
 * ALLOCATION_PATHS and DOWNSTREAM_PATHS record the supervisor once (a tape,
 * engine/run/staged/supervisor-tape.ts) and replay the allocator over it
 * (engine/run/staged/allocation-replay.ts) into an upstream tape of their own; and
 * configurations whose settings agree outside DOWNSTREAM_PATHS run the upstream once (a tape,
 * engine/run/staged/upstream-tape.ts) and replay only the downstream (engine/run/staged/downstream-run.ts);
 * those that also agree on TARGETS_PATHS share the targets stage's proposals too and replay
 * only rebalance and portfolio (engine/run/staged/portfolio-replay.ts).
 * Every field not listed below stays in the key, so a new scenario field is shared by no one
 * until someone proves it downstream: the safe default.
 */
export const TARGETS_PATHS = ['targets.max_agent_weight', 'targets.max_symbol_weight', 'targets.cash_buffer'] as const;

/** The fields only the rebalance and portfolio stages (and the metrics) read. */
export const PORTFOLIO_PATHS = ['governor', 'costs', 'portfolio.initial_capital', 'benchmark', 'metrics'] as const;

/** Every field only a downstream stage reads. */
export const DOWNSTREAM_PATHS = [...TARGETS_PATHS, ...PORTFOLIO_PATHS] as const;

/** The fields only the allocation stage (the allocator variant and its parameters) reads. */
export const ALLOCATION_PATHS = ['allocator.variant', 'allocator.params'] as const;

/**
 * Returns the supervisor key: the same without ALLOCATION_PATHS and DOWNSTREAM_PATHS.
 * Configurations with one supervisor key share one supervisor run; each upstream key among them
 * replays only the allocation over its tape (engine/run/staged/allocation-replay.ts).
 */
export function supervisorKey(scenario: Scenario): string {
  return cachedKey(scenario, 'supervisor', () => configId(withoutPaths(scenario.settings, [...ALLOCATION_PATHS, ...DOWNSTREAM_PATHS])));
}

/**
 * Returns the upstream stage key of a configuration: 12 hex of sha256 of the stable JSON of its
 * resolved settings without DOWNSTREAM_PATHS. Configurations with one key share one upstream run.
 */
export function upstreamKey(scenario: Scenario): string {
  return cachedKey(scenario, 'upstream', () => configId(withoutPaths(scenario.settings, DOWNSTREAM_PATHS)));
}

/**
 * Returns the proposals key: the same without PORTFOLIO_PATHS only. Configurations with one
 * proposals key get the same targets proposal at every tick: all but one replay only the
 * rebalance and portfolio stages (engine/run/staged/portfolio-replay.ts).
 */
export function proposalsKey(scenario: Scenario): string {
  return cachedKey(scenario, 'proposals', () => configId(withoutPaths(scenario.settings, PORTFOLIO_PATHS)));
}

type KeyKind = 'supervisor' | 'upstream' | 'proposals';

/**
 * Each scenario's keys, computed once: a plan asks for a configuration's keys several times
 * (grouping, then each group's tape needs and replays), each a sha256 of its stable JSON. A
 * parsed scenario is frozen (scenario/parse.ts), so its keys never change; the map holds no scenario alive.
 */
const keysOf = new WeakMap<Scenario, Partial<Record<KeyKind, string>>>();

function cachedKey(scenario: Scenario, kind: KeyKind, compute: () => string): string {
  let keys = keysOf.get(scenario);
  if (keys === undefined) {
    keys = {};
    keysOf.set(scenario, keys);
  }
  return (keys[kind] ??= compute());
}

/** Returns a copy of `settings` without the given dotted paths (absent ones are ignored). */
function withoutPaths(settings: ParamObject, paths: readonly string[]): ParamObject {
  const drop = (node: ParamObject, keys: readonly string[]): ParamObject => {
    const [head, ...rest] = keys;
    const out: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k !== head) out[k] = v;
      else if (rest.length > 0 && isPlainObject(v)) out[k] = drop(v as ParamObject, rest);
    }
    return out;
  };
  return paths.reduce((acc, p) => drop(acc, p.split('.')), settings);
}

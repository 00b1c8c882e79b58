import type { LoggedEventKind } from '../events/event.js';
import type { FinalState } from './final-state.js';

/** One decoded row of events.arrow (names instead of ids; null where absent). */
export interface LoggedEvent {
  readonly kind: LoggedEventKind;
  readonly tsMs: number;
  readonly agent: string | null;
  readonly symbol: string | null;
  readonly strategy: string | null;
  readonly v1: number;
  readonly v2: number;
  readonly v3: number;
}

/** State rebuilt from the log alone (replay). */
export interface ReplayState {
  cash: number;
  readonly qty: Map<string, number>;
  readonly targets: Map<string, number>;
  readonly weights: Map<string, number>;
  readonly multipliers: Map<string, number>;
  readonly agentStatus: Map<string, string>;
  readonly classStatus: Map<string, string>;
  guardianPaused: boolean;
}

/** Returns the state before the first event: all cash, every agent active at multiplier 1. */
export function initialReplayState(initialCapital: number, agents: readonly string[], strategies: readonly string[]): ReplayState {
  return {
    cash: initialCapital,
    qty: new Map(),
    targets: new Map(),
    weights: new Map(agents.map((a) => [a, 0])),
    multipliers: new Map(agents.map((a) => [a, 1])),
    agentStatus: new Map(agents.map((a) => [a, 'active'])),
    classStatus: new Map(strategies.map((k) => [k, 'active'])),
    guardianPaused: false,
  };
}

/**
 * Applies one logged event. Fills use the kernel's own arithmetic
 * (traded = (qty_after - qty) * price; cash -= traded + cost) so the rebuilt cash is
 * bit-identical, not merely close.
 */
export function applyEvent(s: ReplayState, e: LoggedEvent): void {
  switch (e.kind) {
    case 'fill': {
      const sym = e.symbol as string;
      const q = s.qty.get(sym) ?? 0;
      const traded = (e.v1 - q) * e.v2;
      s.cash -= traded + e.v3;
      s.qty.set(sym, e.v1);
      return;
    }
    case 'targets_set':
      s.targets.set(e.symbol as string, e.v1);
      return;
    case 'weights_set':
      s.weights.set(e.agent as string, e.v1);
      return;
    case 'multiplier_updated':
      s.multipliers.set(e.agent as string, e.v1);
      return;
    case 'agent_promoted':
      s.agentStatus.set(e.agent as string, 'promoted');
      return;
    case 'agent_retired':
      s.agentStatus.set(e.agent as string, 'retired');
      return;
    case 'agent_killed':
      s.agentStatus.set(e.agent as string, 'killed');
      return;
    case 'class_retired':
      s.classStatus.set(e.strategy as string, 'retired');
      return;
    case 'class_killed':
      s.classStatus.set(e.strategy as string, 'killed');
      return;
    case 'guardian_paused':
      s.guardianPaused = true;
      return;
    case 'guardian_resumed':
      s.guardianPaused = false;
      return;
    case 'outcome_reconciled':
    case 'rebalance_skipped':
    case 'agent_joined':
    case 'model_fitted':
      return;
  }
}

/** Returns the replayed state in final_state.json form. */
export function finalStateOfReplay(s: ReplayState): FinalState {
  const nonZero = (m: Map<string, number>): Record<string, number> => {
    const o: Record<string, number> = {};
    for (const [k, v] of m) if (v !== 0) o[k] = v;
    return o;
  };
  return {
    cash: s.cash,
    positions: nonZero(s.qty),
    targets: nonZero(s.targets),
    agent_weights: Object.fromEntries(s.weights),
    confidence_multipliers: Object.fromEntries(s.multipliers),
    agent_status: Object.fromEntries(s.agentStatus),
    class_status: Object.fromEntries(s.classStatus),
    guardian_paused: s.guardianPaused,
  };
}

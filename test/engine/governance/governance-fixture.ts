import type { DecisionRecord, GovernanceEvent, GovernanceInput } from '../../../engine/governance/governance-input.js';
import { isDecisionKind } from '../../../engine/governance/governance-input.js';
import { governanceLogOf } from '../../reference/governance-log-of.js';
import type { LoggedEventKind } from '../../../engine/events/event.js';

/** Day d of January 2005 at 00:00 UTC, in ms. */
export const day = (d: number): number => Date.UTC(2005, 0, d);

/** Returns an event with the given fields (NaN values, null names unless given). */
export function ev(kind: LoggedEventKind, tsMs: number, f: Partial<Omit<GovernanceEvent, 'kind' | 'tsMs'>> = {}): GovernanceEvent {
  return { kind, tsMs, agent: f.agent ?? null, symbol: f.symbol ?? null, strategy: f.strategy ?? null, v1: f.v1 ?? Number.NaN, v2: f.v2 ?? Number.NaN, v3: f.v3 ?? Number.NaN, text: f.text ?? null };
}

/**
 * A small run: agents a1, a2 (class arb) and s1, s2 (class sentiment); s2 is killed on day 3,
 * the sentiment class retired on day 5; weights set on days 1 and 5, targets on day 5; the
 * guardian pauses on day 4. Equity 100 on day 1, 110 on day 5.
 */
export function fixtureInput(extra: readonly GovernanceEvent[] = []): GovernanceInput {
  const events: GovernanceEvent[] = [
    ev('weights_set', day(1), { agent: 'a1', strategy: 'arb', v1: 0.4 }),
    ev('weights_set', day(1), { agent: 'a2', strategy: 'arb', v1: 0.35 }),
    ev('weights_set', day(1), { agent: 's1', strategy: 'sentiment', v1: 0.25 }),
    ev('weights_set', day(1), { agent: 's2', strategy: 'sentiment', v1: 0 }),
    ev('targets_set', day(1), { symbol: 'AAPL', v1: 0.5 }),
    ev('targets_set', day(1), { symbol: 'MSFT', v1: 0.4 }),
    ev('outcome_reconciled', day(2), { agent: 'a1', strategy: 'arb', v1: 120 }),
    ev('outcome_reconciled', day(2), { agent: 's1', strategy: 'sentiment', v1: -30 }),
    ev('agent_killed', day(3), { agent: 's2', strategy: 'sentiment', text: 'error_rate 0.3 > 0.25' }),
    ev('guardian_paused', day(4), { v1: 0.221 }),
    ev('class_retired', day(5), { strategy: 'sentiment', text: 'max_drawdown_breach' }),
    ev('weights_set', day(5), { agent: 'a1', strategy: 'arb', v1: 0.6 }),
    ev('weights_set', day(5), { agent: 's1', strategy: 'sentiment', v1: 0 }),
    ev('targets_set', day(5), { symbol: 'AAPL', v1: 0.3 }),
    ...extra,
  ].sort((x, y) => x.tsMs - y.tsMs);
  return governanceInputOf(events, ['a1', 'a2', 's1', 's2'], ['arb', 'sentiment']);
}

/**
 * Returns the governance input of `events` (in time order) for a run of `agents` and `classes`
 * (sorted): the fixture's equity (100 on day 1, 110 on day 5), kill list and bounds; a class
 * decision carries the fixture's class statistics.
 */
export function governanceInputOf(events: readonly GovernanceEvent[], agents: readonly string[], classes: readonly string[]): GovernanceInput {
  const decisions: DecisionRecord[] = events
    .filter((e) => isDecisionKind(e.kind))
    .map((e) => ({
      tsMs: e.tsMs,
      kind: e.kind as DecisionRecord['kind'],
      agent: e.kind.startsWith('class_') ? null : e.agent,
      strategy: e.strategy,
      reason: e.text ?? '',
      stats: e.kind === 'class_retired' ? { hit_rate: 0.4, max_drawdown_bps: -1300, n_outcomes: 120, pnl_sum_bps: -900 } : null,
    }));
  return {
    scenarioName: 'fixture',
    variant: 'risk-penalized',
    initialEquity: 100,
    startMs: day(1),
    // the run's last event or equity point (a run without time.end ends there)
    endMs: Math.max(events[events.length - 1]?.tsMs ?? 0, day(5)),
    agents,
    classes,
    ...governanceLogOf(events),
    decisions,
    equity: { tsMs: Float64Array.from([day(1), day(5)]), equity: Float64Array.from([100, 110]) },
    metrics: { periods_per_year: 252 },
    killList: { arb: { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 }, sentiment: { status: 'ACTIVE', maxDrawdownBps: -200 } },
    minAllocation: 0.05,
    maxAllocation: 0.4,
  };
}

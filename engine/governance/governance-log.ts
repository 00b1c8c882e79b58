import type { LoggedEventKind } from '../events/event.js';
import { DECISION_KINDS, type GovernanceEvent } from './governance-input.js';
import { addOutcome, finishLedger, newLedgerBuilder, type OutcomeLedger } from './outcome-ledger.js';

/** The kinds of event the governance files, notifications and LP statuses read, kept whole; outcomes go to the ledger; the rest is not kept. */
export const GOVERNANCE_LOG_KINDS: readonly LoggedEventKind[] = ['weights_set', 'targets_set', 'guardian_paused', 'guardian_resumed', ...DECISION_KINDS];

/** What the governance and LP builders read of a run's events.arrow: a few hundred thousand rows of a log that can hold tens of millions. */
export interface GovernanceLog {
  /** The first and the last event's time in log order; null for an empty log. */
  readonly span: { readonly firstMs: number; readonly lastMs: number } | null;
  /** The events of GOVERNANCE_LOG_KINDS, in log order. */
  readonly log: readonly GovernanceEvent[];
  /** Agent -> strategy class, from the first event that names both. */
  readonly agentClass: Readonly<Record<string, string>>;
  /** outcome_reconciled pnl by agent, per UTC day and ISO week. */
  readonly outcomes: OutcomeLedger;
}

/** Returns true when events of `kind` are kept whole in GovernanceLog.log. */
export function isGovernanceLogKind(kind: LoggedEventKind): boolean {
  return GOVERNANCE_LOG_KINDS.includes(kind);
}

/**
 * Returns the governance log of events given in log order: the definition the streamed reader
 * (engine/io/read-governance-log.ts) follows over an events.arrow, in plain terms (pure).
 */
export function governanceLogOf(events: Iterable<GovernanceEvent>): GovernanceLog {
  const log: GovernanceEvent[] = [];
  const agentClass: Record<string, string> = {};
  const slots = new Map<string, number>();
  const ledger = newLedgerBuilder();
  let span: { firstMs: number; lastMs: number } | null = null;
  for (const e of events) {
    span = span === null ? { firstMs: e.tsMs, lastMs: e.tsMs } : { firstMs: span.firstMs, lastMs: e.tsMs };
    if (e.agent !== null && e.strategy !== null && agentClass[e.agent] === undefined) agentClass[e.agent] = e.strategy;
    if (e.kind === 'outcome_reconciled' && e.agent !== null) {
      let slot = slots.get(e.agent);
      if (slot === undefined) slots.set(e.agent, (slot = slots.size));
      addOutcome(ledger, e.tsMs, slot, e.v1);
    } else if (isGovernanceLogKind(e.kind)) log.push(e);
  }
  return { span, log, agentClass, outcomes: finishLedger(ledger, [...slots.keys()]) };
}

import type { KillList } from '../../datasets/schemas/columns.js';
import type { LoggedEvent } from '../run/apply-event.js';
import type { GovernanceLog } from './governance-log.js';

/** A logged event with its text column (decision reasons, skip reasons). */
export type GovernanceEvent = LoggedEvent & { readonly text: string | null };

/** The statistics behind a decision, as kills.arrow records them (snake_case keys; null where undefined). */
export type DecisionStats = Readonly<Record<string, number | null>>;

/** The kinds of event a reviewer sees as a decision. */
export const DECISION_KINDS = ['agent_promoted', 'agent_retired', 'agent_killed', 'class_retired', 'class_killed'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** One promotion, retirement or kill, with the numbers behind it when the run recorded them. */
export interface DecisionRecord {
  readonly tsMs: number;
  readonly kind: DecisionKind;
  readonly agent: string | null;
  readonly strategy: string | null;
  readonly reason: string;
  readonly stats: DecisionStats | null;
}

/** Everything the governance and LP builders read from a run folder, as plain data (of events.arrow: its governance log). */
export interface GovernanceInput extends GovernanceLog {
  readonly scenarioName: string;
  readonly variant: string;
  readonly initialEquity: number;
  /**
   * The run's start (manifest.json's run_start: time.start, else the first price or finding),
   * UTC ms: the reporting period begins here, after the warm-up a later time.start replays.
   */
  readonly startMs: number;
  /**
   * The run's end (manifest.json's run_end: time.end, else the last price), UTC ms: the reporting
   * period ends here, which a later time.end puts after the last event (the clock ticked to it).
   */
  readonly endMs: number;
  /** Agent names, sorted; classes likewise. */
  readonly agents: readonly string[];
  readonly classes: readonly string[];
  /** Decisions in log order, joined with kills.arrow's statistics. */
  readonly decisions: readonly DecisionRecord[];
  readonly equity: { readonly tsMs: Float64Array; readonly equity: Float64Array };
  readonly metrics: Readonly<Record<string, unknown>>;
  /** The kill list the run used (thresholds), or null when the run had none or it was not found. */
  readonly killList: KillList | null;
  /** Bounds written into the governor allocation file (seed 002 min_allocation / max_allocation). */
  readonly minAllocation: number;
  readonly maxAllocation: number;
}

/** Returns true when `kind` is a decision kind. */
export function isDecisionKind(kind: string): kind is DecisionKind {
  return (DECISION_KINDS as readonly string[]).includes(kind);
}

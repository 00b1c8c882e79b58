import type { LoggedEventKind } from '../events/event.js';
import type { EventColumns } from '../events/log.js';
import { DECISION_KINDS, type GovernanceEvent } from './governance-input.js';
import { addOutcome, finishLedger, newLedgerBuilder, type LedgerBuilder, type OutcomeLedger } from './outcome-ledger.js';
import { ChunkedF64, ChunkedI32, chunkedI32At, pushChunkedF64, pushChunkedI32 } from '../core/chunked-column.js';

/**
 * The kinds of event the governance files, notifications and LP statuses read (agent_joined: the
 * roster at a time), kept whole; weights_set rows are kept as columns (WeightChanges); outcomes go
 * to the ledger; the rest is not kept.
 */
export const GOVERNANCE_LOG_KINDS: readonly LoggedEventKind[] = ['agent_joined', 'targets_set', 'guardian_paused', 'guardian_resumed', ...DECISION_KINDS];

/**
 * The weights_set rows with an agent, in log order, as columns: a tick logs one for every agent
 * whose weight moved, and one joining or leaving moves them all (fractions of capital), so a desk
 * of 10k agents over 180 hourly days logs 5.7M of them. As event objects (~160 B each with
 * their boxed numbers) they took 1.37 GB of `bt governance`'s and `bt report lp`'s peak; as
 * doubling columns with a string per row, ~0.35 GB (their doublings and trimmed copies, garbage
 * still uncollected when the notifications are built). Chunked columns, agents by code: 24 B a row.
 */
export interface WeightChanges {
  readonly n: number;
  readonly tsMs: ChunkedF64;
  /** The agent of each row, a code into `agentNames`. */
  readonly agentCode: ChunkedI32;
  readonly agentNames: readonly string[];
  /** The weight set (the event's v1). */
  readonly weight: ChunkedF64;
  /** Per row, how many events of GovernanceLog.log come before it in log order: where it falls between them. */
  readonly logBefore: ChunkedI32;
}

/** Returns the agent of weights row k. */
export function weightRowAgent(w: WeightChanges, k: number): string {
  return w.agentNames[chunkedI32At(w.agentCode, k)] as string;
}

/** What the governance and LP builders read of a run's events.arrow: a few hundred thousand rows of a log that can hold tens of millions. */
export interface GovernanceLog {
  /** The first and the last event's time in log order; null for an empty log. */
  readonly span: { readonly firstMs: number; readonly lastMs: number } | null;
  /** The events of GOVERNANCE_LOG_KINDS, in log order. */
  readonly log: readonly GovernanceEvent[];
  /** The weights_set rows, in log order, each placed among `log`'s events. */
  readonly weights: WeightChanges;
  /** Agent -> strategy class, from the first event that names both. */
  readonly agentClass: Readonly<Record<string, string>>;
  /** outcome_reconciled pnl by agent, per UTC day and ISO week, from the run's start (warm-up outcomes left out). */
  readonly outcomes: OutcomeLedger;
}

/** Returns true when events of `kind` are kept whole in GovernanceLog.log. */
export function isGovernanceLogKind(kind: LoggedEventKind): boolean {
  return GOVERNANCE_LOG_KINDS.includes(kind);
}

/**
 * One batch of event rows as columns, names by code (-1 = null): a spilling log's batch or a
 * decoded batch of events.arrow. Codes index `EventRowNames`, which may grow between batches.
 */
export interface EventRows extends EventColumns {
  readonly rows: number;
  readonly kind: ArrayLike<number>;
  readonly tsMs: Float64Array;
  readonly text: (row: number) => string | null;
}

/** The names EventRows' codes index. */
export interface EventRowNames {
  readonly kinds: readonly string[];
  readonly agents: readonly string[];
  readonly symbols: readonly string[];
  readonly strategies: readonly string[];
}

/** A governance log being built from batches of rows in log order (time ascending). */
export interface GovernanceLogBuilder {
  readonly log: GovernanceEvent[];
  readonly weightTs: ChunkedF64;
  /** Codes into the EventRowNames' agents (which only grow). */
  readonly weightAgent: ChunkedI32;
  readonly weightValue: ChunkedF64;
  readonly weightLogBefore: ChunkedI32;
  readonly ledger: LedgerBuilder;
  /** What each kind code's rows become (ROLE_*), filled as the kind names grow. */
  readonly role: number[];
  /** The strategy code of each agent code's first row that names both; -1 until then. */
  classOf: Int32Array;
  firstMs: number;
  lastMs: number;
  /** The run's start: outcomes reconciled before it (the warm-up) stay out of the ledger. */
  readonly fromMs: number;
}

const ROLE_SKIP = 0;
const ROLE_OUTCOME = 1;
const ROLE_KEEP = 2;
const ROLE_WEIGHT = 3;

/** Returns an empty builder for the log of a run starting at `fromMs` (UTC ms). */
export function newGovernanceLogBuilder(fromMs: number): GovernanceLogBuilder {
  return {
    log: [],
    weightTs: new ChunkedF64(),
    weightAgent: new ChunkedI32(),
    weightValue: new ChunkedF64(),
    weightLogBefore: new ChunkedI32(),
    ledger: newLedgerBuilder(),
    role: [],
    classOf: new Int32Array(0),
    firstMs: Number.NaN,
    lastMs: Number.NaN,
    fromMs,
  };
}

/**
 * Adds a batch of rows in log order: events of GOVERNANCE_LOG_KINDS are kept whole, each
 * outcome_reconciled with an agent at or after the run's start goes to the ledger (the fund held
 * nothing in the warm-up: its outcomes are no LP's findings PnL), every row counts for the span and the
 * first event naming an agent and a class sets the agent's class; no object per dropped row.
 * (test/reference/governance-log-of.ts states the same rule over event objects.)
 */
export function addEventRows(b: GovernanceLogBuilder, c: EventRows, names: EventRowNames): void {
  while (b.role.length < names.kinds.length) {
    const kind = names.kinds[b.role.length] as LoggedEventKind;
    b.role.push(kind === 'outcome_reconciled' ? ROLE_OUTCOME : kind === 'weights_set' ? ROLE_WEIGHT : isGovernanceLogKind(kind) ? ROLE_KEEP : ROLE_SKIP);
  }
  if (b.classOf.length < names.agents.length) {
    const grown = new Int32Array(names.agents.length).fill(-1);
    grown.set(b.classOf);
    b.classOf = grown;
  }
  if (c.rows === 0) return;
  if (Number.isNaN(b.firstMs)) b.firstMs = c.tsMs[0] as number;
  b.lastMs = c.tsMs[c.rows - 1] as number;
  const name = (values: readonly string[], code: number): string | null => (code >= 0 ? (values[code] as string) : null);
  const { kind, tsMs, agent, strategy, v1 } = c;
  const classOf = b.classOf;
  for (let i = 0; i < c.rows; i++) {
    const a = agent[i] as number;
    const s = strategy[i] as number;
    if (a >= 0 && s >= 0 && (classOf[a] as number) < 0) classOf[a] = s;
    const r = b.role[kind[i] as number];
    if (r === ROLE_OUTCOME) {
      if (a >= 0 && (tsMs[i] as number) >= b.fromMs) addOutcome(b.ledger, tsMs[i] as number, a, v1[i] as number);
    } else if (r === ROLE_WEIGHT) {
      if (a >= 0) {
        pushChunkedF64(b.weightTs, tsMs[i] as number);
        pushChunkedI32(b.weightAgent, a);
        pushChunkedF64(b.weightValue, v1[i] as number);
        pushChunkedI32(b.weightLogBefore, b.log.length);
      }
    } else if (r === ROLE_KEEP) {
      b.log.push({
        kind: names.kinds[kind[i] as number] as LoggedEventKind,
        tsMs: tsMs[i] as number,
        agent: name(names.agents, a),
        symbol: name(names.symbols, c.symbol[i] as number),
        strategy: name(names.strategies, s),
        v1: v1[i] as number,
        v2: c.v2[i] as number,
        v3: c.v3[i] as number,
        text: c.text(i),
      });
    }
  }
}

/** Returns the governance log of every row added; `names` as of the last batch. */
export function finishGovernanceLog(b: GovernanceLogBuilder, names: EventRowNames): GovernanceLog {
  const agentClass: Record<string, string> = {};
  b.classOf.forEach((s, a) => {
    if (s >= 0) agentClass[names.agents[a] as string] = names.strategies[s] as string;
  });
  const span = Number.isNaN(b.firstMs) ? null : { firstMs: b.firstMs, lastMs: b.lastMs };
  const weights: WeightChanges = { n: b.weightTs.length, tsMs: b.weightTs, agentCode: b.weightAgent, agentNames: names.agents, weight: b.weightValue, logBefore: b.weightLogBefore };
  return { span, log: b.log, weights, agentClass, outcomes: finishLedger(b.ledger, names.agents) };
}

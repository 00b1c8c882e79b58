import type { DecisionKind, DecisionRecord, DecisionStats, GovernanceInput } from './governance-input.js';
import { firstIndexWhere } from '../core/first-index-where.js';
import { chunkedF64At, chunkedI32At } from '../core/chunked-column.js';

/** Agent statuses as the live repository's agents/manifest.yaml spells them. */
export type AgentStatus = 'ACTIVE' | 'PROMOTED' | 'RETIRED' | 'KILLED';

/** Class statuses: ACTIVE, or retired / killed by the kill list. */
export type ClassStatus = 'ACTIVE' | 'RETIRED' | 'KILLED';

/** One agent's governance entry at a time. */
export interface AgentEntry {
  readonly name: string;
  readonly strategy: string | null;
  readonly status: AgentStatus;
  /** When the status began (the run's start for agents never decided on). */
  readonly sinceMs: number;
  readonly reason: string | null;
  readonly stats: DecisionStats | null;
  /** True when the decision was its class's (retired or killed with the class): `stats` are the class's figures, not the agent's. */
  readonly classStats?: boolean;
}

/** One strategy class's entry at a time. */
export interface ClassEntry {
  readonly name: string;
  readonly status: ClassStatus;
  readonly sinceMs: number;
  readonly reason: string | null;
  readonly stats: DecisionStats | null;
}

/** What the live system's files held at `atMs`: statuses, agent weights, symbol targets, guardian, equity. */
export interface GovernanceState {
  readonly atMs: number;
  readonly agents: readonly AgentEntry[];
  readonly classes: readonly ClassEntry[];
  /** Agent weight by agent (every agent, 0 when never set). */
  readonly weights: Readonly<Record<string, number>>;
  /** Target weight (a fraction of equity) by symbol, non-zero only. */
  readonly targets: Readonly<Record<string, number>>;
  readonly guardianPaused: boolean;
  /**
   * Agent weight by agent as of the last reallocation (the last tick that set targets; 0 before
   * it): seed 002 saves its allocation file only when it reallocates, with the Telegram message
   * that says the same allocations; weights set while the threshold or the guardian holds the
   * targets are not saved.
   */
  readonly allocations: Readonly<Record<string, number>>;
  /** When the targets last changed, i.e. the last reallocation (null before the first): the seeds' file timestamps. */
  readonly targetsTsMs: number | null;
}

const AGENT_STATUS_OF: Readonly<Record<DecisionKind, AgentStatus>> = {
  agent_promoted: 'PROMOTED',
  agent_retired: 'RETIRED',
  agent_killed: 'KILLED',
  class_retired: 'RETIRED',
  class_killed: 'KILLED',
};

/** Returns the equity at the last point at or before `atMs`, or `initial` before the first point (equity is sorted by time). */
export function equityAt(equity: GovernanceInput['equity'], atMs: number, initial: number): number {
  const after = firstIndexWhere(0, equity.tsMs.length, (i) => (equity.tsMs[i] as number) > atMs);
  return after === 0 ? initial : (equity.equity[after - 1] as number);
}

/**
 * Returns each agent's join time: its agent_joined event (its first finding, or its agents-file
 * `since`). Before it an agent is in no governance file, notification or LP row: the roster at a
 * time is the one the run had then. A log without agent_joined rows (none in the run) has
 * every agent from the run's start.
 */
export function agentJoinTimes(input: GovernanceInput): ReadonlyMap<string, number> {
  const known = joinTimesOf.get(input);
  if (known !== undefined) return known;
  const out = new Map<string, number>();
  for (const e of input.log) if (e.kind === 'agent_joined' && e.agent !== null && !out.has(e.agent)) out.set(e.agent, e.tsMs);
  if (out.size === 0) for (const a of input.agents) out.set(a, input.startMs);
  joinTimesOf.set(input, out);
  return out;
}

// one scan of the log per input: the PR body of every history step asks again
const joinTimesOf = new WeakMap<GovernanceInput, ReadonlyMap<string, number>>();

/** Returns the agents of the run that have joined by `atMs`, in input.agents order. */
export function agentsJoinedBy(input: GovernanceInput, joined: ReadonlyMap<string, number>, atMs: number): string[] {
  return input.agents.filter((a) => (joined.get(a) ?? Number.POSITIVE_INFINITY) <= atMs);
}

// one pass over the decisions per input: every PR body and the outbox ask again
const classDecisionMembersOf = new WeakMap<GovernanceInput, ReadonlyMap<DecisionRecord, readonly string[]>>();

/**
 * Returns the agents a class decision (class_retired, class_killed) takes out of play: the
 * class's agents that have joined by its time and that no earlier decision (in log order)
 * retired or killed. An agent killed before its class retires went out with its own decision and
 * is not counted again ("sentiment (2 agents)" when one of three was killed earlier). Empty for
 * an agent's decision.
 */
export function classDecisionMembers(input: GovernanceInput, d: DecisionRecord): readonly string[] {
  let byDecision = classDecisionMembersOf.get(input);
  if (byDecision === undefined) {
    const map = new Map<DecisionRecord, readonly string[]>();
    const joined = agentJoinTimes(input);
    const gone = new Set<string>();
    for (const x of input.decisions) {
      if (x.kind === 'class_retired' || x.kind === 'class_killed') map.set(x, agentsJoinedBy(input, joined, x.tsMs).filter((a) => input.agentClass[a] === x.strategy && !gone.has(a)));
      else if (x.agent !== null && x.kind !== 'agent_promoted') gone.add(x.agent);
    }
    byDecision = map;
    classDecisionMembersOf.set(input, byDecision);
  }
  return byDecision.get(d) ?? [];
}

function applyDecision(agents: Map<string, AgentEntry>, classes: Map<string, ClassEntry>, d: DecisionRecord, agentClass: Readonly<Record<string, string>>, decided: Set<string>): void {
  const status = AGENT_STATUS_OF[d.kind];
  if (d.kind === 'class_retired' || d.kind === 'class_killed') {
    const cls = d.strategy ?? '';
    classes.set(cls, { name: cls, status: d.kind === 'class_killed' ? 'KILLED' : 'RETIRED', sinceMs: d.tsMs, reason: d.reason, stats: d.stats });
    // A class decision takes every agent of the class still in play out of it (seed 004: RETIRE ALL AGENTS IN CLASS).
    for (const [name, a] of agents) {
      if (agentClass[name] !== cls || a.status === 'RETIRED' || a.status === 'KILLED') continue;
      agents.set(name, { ...a, status, sinceMs: d.tsMs, reason: `class ${cls} ${status.toLowerCase()}: ${d.reason}`, stats: d.stats, classStats: true });
      decided.add(name);
    }
    return;
  }
  const name = d.agent ?? '';
  const prev = agents.get(name);
  const cls = agentClass[name];
  // an agent retired or killed because its class is out (with it, or on joining it later) carries the class's figures
  const classOut = cls !== undefined && (classes.get(cls)?.status ?? 'ACTIVE') !== 'ACTIVE' && d.kind !== 'agent_promoted';
  agents.set(name, { name, strategy: prev?.strategy ?? cls ?? d.strategy, status, sinceMs: d.tsMs, reason: d.reason, stats: d.stats, ...(classOut ? { classStats: true } : {}) });
  decided.add(name);
}

/** Returns the governance state after every event at or before `atMs` (pure fold over the run's governance log and decisions). */
export function governanceStateAt(input: GovernanceInput, atMs: number): GovernanceState {
  return governanceStatesAt(input, [atMs])[0] as GovernanceState;
}

/**
 * The fold of a run's governance log and decisions (both in time order), advanced in time and
 * read between steps: what the live system's files hold as of the last advanceTo. Mutable on
 * purpose: governanceStatesAt takes whole states from it, the history only what changed.
 */
export class GovernanceFold {
  readonly input: GovernanceInput;
  /** Every agent of the run by name (joined or not), as of the last time advanced to. */
  readonly agents: Map<string, AgentEntry>;
  readonly classes: Map<string, ClassEntry>;
  /** Agent weight by index in input.agents (0 when never set). */
  readonly weight: Float64Array;
  /** Target weight by symbol, 0 kept (a target set to 0). */
  readonly targets: Record<string, number> = {};
  guardianPaused = false;
  targetsTsMs: number | null = null;
  /** How many targets_set events the fold has passed: seed 002's allocations move only when it does. */
  reallocations = 0;
  /** The agents (names) decisions gave a new entry since the caller last cleared it. */
  readonly decided = new Set<string>();
  private readonly joined: ReadonlyMap<string, number>;
  private readonly classJoin = new Map<string, number>();
  // input.agents index of each weights row agent code (-1: not in the roster), filled as codes appear
  private readonly indexOfCode: Int32Array;
  private readonly indexOf: ReadonlyMap<string, number>;
  // seed 002's allocations without copying every weight at each reallocation: an agent's
  // allocation is its weight until its first weights row after the last reallocation, which
  // saves the weight it had there first (allocatedAt: the reallocation count it was saved at)
  private readonly allocation: Float64Array;
  private readonly allocatedAt: Float64Array;
  private d = 0;
  private e = 0;
  private k = 0; // the next weights_set row: it comes before log event e when fewer than e + 1 events precede it

  constructor(input: GovernanceInput) {
    this.input = input;
    this.joined = agentJoinTimes(input);
    // a class joins with its first agent
    for (const a of input.agents) {
      const c = input.agentClass[a];
      if (c !== undefined) this.classJoin.set(c, Math.min(this.classJoin.get(c) ?? Number.POSITIVE_INFINITY, this.joinMs(a)));
    }
    this.agents = new Map<string, AgentEntry>(input.agents.map((name) => [name, { name, strategy: input.agentClass[name] ?? null, status: 'ACTIVE', sinceMs: this.joinMs(name), reason: null, stats: null }]));
    this.classes = new Map<string, ClassEntry>(input.classes.map((name) => [name, { name, status: 'ACTIVE', sinceMs: this.classJoinMs(name), reason: null, stats: null }]));
    const n = input.agents.length;
    this.weight = new Float64Array(n);
    this.allocation = new Float64Array(n);
    this.allocatedAt = new Float64Array(n);
    this.indexOf = new Map(input.agents.map((a, i) => [a, i]));
    this.indexOfCode = new Int32Array(input.weights.agentNames.length).fill(-2);
  }

  /** Returns agent i's (input.agents) weight as of the last reallocation (0 before the first). */
  allocationOf(i: number): number {
    return (this.allocatedAt[i] as number) < this.reallocations ? (this.weight[i] as number) : (this.allocation[i] as number);
  }

  /** When `agent` joins the roster (+Infinity: never). */
  joinMs(agent: string): number {
    return this.joined.get(agent) ?? Number.POSITIVE_INFINITY;
  }

  /** When class `name` joins (with its first agent; the run's start for a class without agents). */
  classJoinMs(name: string): number {
    return this.classJoin.get(name) ?? this.input.startMs;
  }

  /** Applies every decision, weights row and log event at or before `atMs` not applied yet (times in ascending order). */
  advanceTo(atMs: number): void {
    const input = this.input;
    const decisions = input.decisions;
    for (; this.d < decisions.length && (decisions[this.d] as DecisionRecord).tsMs <= atMs; this.d++) applyDecision(this.agents, this.classes, decisions[this.d] as DecisionRecord, input.agentClass, this.decided);
    // the log's events and the weights rows merged in log order (both in time order), up to atMs
    const w = input.weights;
    const log = input.log;
    for (;;) {
      if (this.k < w.n && chunkedI32At(w.logBefore, this.k) <= this.e) {
        if (chunkedF64At(w.tsMs, this.k) > atMs) break;
        const i = this.rosterIndex(chunkedI32At(w.agentCode, this.k));
        if (i >= 0) {
          if ((this.allocatedAt[i] as number) < this.reallocations) [this.allocation[i], this.allocatedAt[i]] = [this.weight[i] as number, this.reallocations];
          this.weight[i] = chunkedF64At(w.weight, this.k);
        }
        this.k++;
        continue;
      }
      if (this.e >= log.length || (log[this.e] as GovernanceInput['log'][number]).tsMs > atMs) break;
      const ev = log[this.e++] as GovernanceInput['log'][number];
      if (ev.kind === 'targets_set' && ev.symbol !== null) {
        this.targets[ev.symbol] = ev.v1;
        this.targetsTsMs = ev.tsMs;
        this.reallocations++;
      } else if (ev.kind === 'guardian_paused') this.guardianPaused = true;
      else if (ev.kind === 'guardian_resumed') this.guardianPaused = false;
    }
  }

  /** Returns the input.agents index of a weights row's agent code (-1: an agent outside the roster, whose weight no file shows). */
  private rosterIndex(code: number): number {
    let i = this.indexOfCode[code] as number;
    if (i === -2) {
      i = this.indexOf.get(this.input.weights.agentNames[code] as string) ?? -1;
      this.indexOfCode[code] = i;
    }
    return i;
  }

  /** Returns the target weights by symbol that are not 0 (what seed 000's file lists). */
  heldTargets(): Record<string, number> {
    const held: Record<string, number> = {};
    for (const s of Object.keys(this.targets)) if (this.targets[s] !== 0) held[s] = this.targets[s] as number;
    return held;
  }

  /** Returns the entries of the classes that have joined by `atMs`, in input.classes order. */
  classesJoinedBy(atMs: number): ClassEntry[] {
    return this.input.classes.filter((c) => this.classJoinMs(c) <= atMs).map((c) => this.classes.get(c) as ClassEntry);
  }

  /** Returns the state at `atMs`, the time last advanced to: the roster's entries as plain data. */
  stateAt(atMs: number): GovernanceState {
    const inRoster = agentsJoinedBy(this.input, this.joined, atMs);
    return {
      atMs,
      agents: inRoster.map((a) => this.agents.get(a) as AgentEntry),
      classes: this.classesJoinedBy(atMs),
      weights: Object.fromEntries(inRoster.map((a) => [a, this.weight[this.indexOf.get(a) as number] as number])),
      allocations: Object.fromEntries(inRoster.map((a) => [a, this.allocationOf(this.indexOf.get(a) as number)])),
      targets: this.heldTargets(),
      guardianPaused: this.guardianPaused,
      targetsTsMs: this.targetsTsMs,
    };
  }
}

/**
 * Returns governanceStateAt of each of `times` (in the order given) from one fold over the
 * governance log and the decisions (both in time order), taking a state as the fold passes
 * each time: LP reports ask for hundreds of times over a log of hundreds of thousands of rows.
 */
export function governanceStatesAt(input: GovernanceInput, times: readonly number[]): GovernanceState[] {
  const fold = new GovernanceFold(input);
  const out = new Array<GovernanceState>(times.length);
  const order = times.map((_, i) => i).sort((x, y) => (times[x] as number) - (times[y] as number) || x - y);
  for (const q of order) {
    const atMs = times[q] as number;
    fold.advanceTo(atMs);
    out[q] = fold.stateAt(atMs);
  }
  return out;
}

/** Returns the distinct times at which decisions were taken, ascending. */
export function decisionTimes(decisions: readonly DecisionRecord[]): number[] {
  const out: number[] = [];
  for (const d of decisions) if (out[out.length - 1] !== d.tsMs) out.push(d.tsMs);
  return out;
}

import { attachEventSink, newEventLog, type EventLog, type EventSpill } from '../events/log.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';
import { growableF64, type GrowableF64 } from '../core/growable.js';
import { newOutcomeStats, type OutcomeStats } from '../modules/stats/outcome-window.js';
import { createClassPnlState, type ClassPnlState } from '../modules/kill/strategy-attribution.js';
import { newPortfolio, type Portfolio } from '../portfolio/portfolio.js';
import { resolveCostModel } from '../portfolio/cost-model.js';
import { newPendingFindings, type PendingFindings } from './pending-findings.js';
import { newExpectationState, type ExpectationState } from './expectation.js';
import type { RunData } from './run-data.js';
import type { RunConfig } from './config.js';
import { newTickScratch, type TickScratch } from './stages/tick-scratch.js';

/** Agent status codes in RunState.agentStatus. */
export const AGENT_STATUS = ['active', 'promoted', 'retired', 'killed'] as const;
export type AgentStatus = (typeof AGENT_STATUS)[number];

/**
 * The kernel's mutable state: typed arrays by id, plus the outputs being recorded.
 *
 * A class, not a literal (so are its parts and the stages' scratch): V8 generalizes a literal
 * site's field types the second time it runs and deoptimizes every stage that relied on them,
 * so a process's second run (a sweep worker's second configuration) ran at about twice its
 * steady-state time (bench/RESULTS.md, twentieth session). A constructor that assigns every
 * field, in a fixed order, keeps one map and its field types from the first run on. Its field
 * order is the snapshot's (v8 serializes a class instance as a plain object, own fields in
 * order, and a resumed run reads one back as such): keep it.
 */
export class RunState {
  readonly portfolio: Portfolio;
  readonly log: EventLog;
  readonly outcomes: OutcomeStats;
  readonly classAcc: ClassPnlState;
  /** Findings emitted and not yet reconciled (the only per-finding state: bounded by the horizon window). */
  readonly pending: PendingFindings;
  /** The expected-return model's state (ridge rows and fit, fallback count): expectation.ts. */
  readonly expectation: ExpectationState;
  /** Recent outcomes in event order for seed-mode decay (ring of decay.limitRows). */
  readonly seedRows: SeedRows;
  /** Class pnl_error_bps outcomes in the CVaR window: per class ring of (ts, value). */
  readonly cvarTs: GrowableF64[];
  readonly cvarVal: GrowableF64[];
  readonly cvarFront: Int32Array;
  /** Last CVaR per slot and the window it was computed on (absolute end, count). */
  readonly cvarCache: CvarCache;
  multipliers: Float64Array;
  /** Default decay cache: each agent's outcome count when its multiplier was last computed. */
  readonly decaySeenCount: Int32Array;
  decayComputed: boolean;
  agentWeights: Float64Array | null;
  /** 0 active, 1 promoted, 2 retired, 3 killed (AGENT_STATUS index). */
  readonly agentStatus: Uint8Array;
  /** 1 once the agent has joined the roster (its first finding or its `since`): only joined agents take part. */
  readonly agentJoined: Uint8Array;
  /** 1 once a class has a joined agent: the kill list acts on a class from then on. */
  readonly classJoined: Uint8Array;
  /** 1 once the agent's weight has been recorded (its first weights_set after joining). */
  readonly weightRecorded: Uint8Array;
  /** 0 active, 1 retired, 2 killed, per strategy class. */
  readonly classStatus: Uint8Array;
  /** Per class: the reason and statistics (stable JSON) of its removal, for its agents' rows. */
  readonly classReason: string[];
  readonly classStats: string[];
  /** Counts every change of an agent's or a class's status or roster membership. */
  statusChanges: number;
  /** The per-tick stages' buffers, sized once (engine/run/stages/tick-scratch.ts). */
  readonly scratch: TickScratch;
  /** What lets a tick whose inputs did not change be skipped exactly (engine/run/tick.ts). */
  readonly skip: TickSkipState;
  guardianPaused: boolean;
  peakEquity: number;
  hasTargets: boolean;
  readonly out: RunOutputs;

  /**
   * The state at the start of a run. `spill` (RunControl.spill): its log goes to that sink from
   * the start, in a fixed batch of its own, so no room is reserved for it (a sweep's M run would
   * otherwise allocate ~50 MB it never uses, and zero it when the allocator serves it from memory
   * freed by an earlier run: up to ~0.1 s a run). `use`: what the state is for (RunStateUse).
   */
  constructor(data: RunData, cfg: RunConfig, spill: EventSpill | undefined, use: RunStateUse) {
    const room = spill !== undefined || use === 'allocation' ? { rows: 1024, outcomes: 0, fills: 0 } : logCapacityHint(data, cfg);
    // score-linear expected pnl is recomputed from the finding where the log is read, not stored
    const log = newEventLog(room.rows, room.outcomes, cfg.expectedModel.kind === 'score-linear' ? cfg.expectedModel : null, room.fills);
    if (spill !== undefined) attachEventSink(log, spill.sink, spill.batchRows, data);
    const nA = data.agents.length;
    const nK = data.strategies.length;
    this.portfolio = newPortfolio(data.symbols.length, cfg.initialCapital, resolveCostModel(cfg.costs, data.symbols));
    this.log = log;
    // a replay reconciles nothing (it takes the tape's statistics): no room for a run's outcome log
    this.outcomes = newOutcomeStats(nA, Math.max(1, cfg.stats.lookback), use === 'run' ? statsLogCapacityHint(data, cfg) : 1024);
    this.classAcc = createClassPnlState(nK);
    // findings in memory: the ring reads their own columns by row instead of copying them
    this.pending = newPendingFindings(1024, data.stream === undefined);
    this.expectation = newExpectationState(data, cfg);
    // Seed-mode decay's ring of recent outcomes: the outcomes and decay stages alone write it, and a replay runs neither (decay.limit_rows 8,000: 224 KB)
    this.seedRows = new SeedRows(use === 'run' ? Math.max(1, cfg.decay.limitRows) : 1);
    this.cvarTs = Array.from({ length: nK + 1 }, () => growableF64(64));
    this.cvarVal = Array.from({ length: nK + 1 }, () => growableF64(64));
    this.cvarFront = new Int32Array(nK + 1);
    this.cvarCache = new CvarCache(nK + 1);
    this.multipliers = new Float64Array(nA).fill(1);
    this.decaySeenCount = new Int32Array(nA);
    this.decayComputed = false;
    this.agentWeights = null;
    this.agentStatus = new Uint8Array(nA);
    this.agentJoined = new Uint8Array(nA);
    this.classJoined = new Uint8Array(nK);
    this.weightRecorded = new Uint8Array(nA);
    this.classStatus = new Uint8Array(nK);
    this.classReason = new Array<string>(nK).fill('');
    this.classStats = new Array<string>(nK).fill('{}');
    this.statusChanges = 0;
    this.scratch = newTickScratch(data, cfg);
    this.skip = new TickSkipState(data.symbols.length);
    this.guardianPaused = false;
    this.peakEquity = cfg.initialCapital;
    this.hasTargets = false;
    this.out = new RunOutputs(outputCapacityHint(data, cfg, use));
  }
}

/** Seed-mode decay's ring of the most recent outcomes, in event order (a class: see RunState). */
export class SeedRows {
  readonly agentId: Int32Array;
  readonly horizonHours: Float64Array;
  readonly absErr: Float64Array;
  readonly realized: Float64Array;
  head: number;

  constructor(limit: number) {
    this.agentId = new Int32Array(limit);
    this.horizonHours = new Float64Array(limit);
    this.absErr = new Float64Array(limit);
    this.realized = new Float64Array(limit);
    this.head = 0;
  }
}

/** Per CVaR slot (class, then unclassified): the last CVaR and the window it was computed on (a class: see RunState). */
export class CvarCache {
  readonly valid: Uint8Array;
  readonly end: Float64Array;
  readonly n: Float64Array;
  readonly value: Float64Array;
  readonly shifted: Float64Array;

  constructor(slots: number) {
    this.valid = new Uint8Array(slots);
    this.end = new Float64Array(slots);
    this.n = new Float64Array(slots);
    this.value = new Float64Array(slots);
    this.shifted = new Float64Array(slots);
  }
}

/** What a run records as it goes: equity, target and weight rows, kills and turnover (a class: see RunState). */
export class RunOutputs {
  readonly equityTs: GrowableF64;
  readonly equity: GrowableF64;
  readonly gross: GrowableF64;
  readonly targetTs: GrowableF64;
  readonly targetSymbol: GrowableF64;
  readonly targetWeight: GrowableF64;
  readonly weightTs: GrowableF64;
  readonly weightAgent: GrowableF64;
  readonly weightValue: GrowableF64;
  readonly weightMultiplier: GrowableF64;
  readonly kills: KillRecord[];
  rebalances: number;
  /** Sum over rebalances of sum |w_new - w_old| (turnover in weights). */
  turnoverWeights: number;
  /**
   * Outcomes whose realized pnl is exactly 0: the close at the due time is the entry close, most
   * often because no new close of the symbol came within the horizon (prices sparser than the
   * horizon; bt run's note). Counted where outcomes are reconciled.
   */
  flatOutcomes: number;

  /** `room`: the rows to reserve in the target and weight columns (outputCapacityHint). */
  constructor(room: { readonly targets: number; readonly weights: number }) {
    this.equityTs = growableF64();
    this.equity = growableF64();
    this.gross = growableF64();
    this.targetTs = growableF64(room.targets);
    this.targetSymbol = growableF64(room.targets);
    this.targetWeight = growableF64(room.targets);
    this.weightTs = growableF64(room.weights);
    this.weightAgent = growableF64(room.weights);
    this.weightValue = growableF64(room.weights);
    this.weightMultiplier = growableF64(room.weights);
    this.kills = [];
    this.rebalances = 0;
    this.turnoverWeights = DOUBLE_ZERO;
    this.flatOutcomes = 0;
  }
}

/**
 * The last evaluated tick's decision and what could change it. A tick reads the outcomes'
 * windows, the live findings, the roster and statuses, the multipliers and weights it left:
 * while none of these changed and no window boundary or `since` came due, it would propose the
 * same targets, so only the rebalance stage (regime, guardian, threshold) runs again.
 */
export class TickSkipState {
  /** A finding or a reconciliation arrived since the last evaluated tick. */
  inputsChanged: boolean;
  /** The last evaluated tick changed multipliers or statuses (the next one may differ). */
  supervisorChanged: boolean;
  /** The last evaluated tick changed agent weights (the allocator reads its own last output). */
  weightsChanged: boolean;
  /** Earliest time a window boundary or an agent's `since` is crossed (Infinity: none). */
  nextChangeMs: number;
  /** Symbol targets proposed by the last evaluated tick, before the regime multiplier (null: none yet). */
  proposal: Float64Array | null;
  /** Scratch for the targets a tick proposes after the regime multiplier (sized once). */
  readonly next: Float64Array;
  /** Ticks evaluated and skipped (run_info figures, tests). */
  evaluated: number;
  skipped: number;

  constructor(symbols: number) {
    this.inputsChanged = true;
    this.supervisorChanged = true;
    this.weightsChanged = true;
    this.nextChangeMs = Number.NEGATIVE_INFINITY;
    this.proposal = null;
    this.next = new Float64Array(symbols);
    this.evaluated = 0;
    this.skipped = 0;
  }
}

/** One row of kills.arrow. */
export interface KillRecord {
  readonly tsMs: number;
  readonly kind: 'agent_killed' | 'agent_retired' | 'class_killed' | 'class_retired';
  readonly agent: string | null;
  readonly strategy: string | null;
  readonly reason: string;
  /** The statistics behind the decision, as stable JSON. */
  readonly stats: string;
}

/**
 * Returns true when agent `a` takes part now: joined, enabled in the schedule, neither retired
 * nor killed, and its class (if any) still active. The one test of eligibility: the stats
 * table, the decisions and the final weights all read it.
 */
export function isAgentInPlay(st: RunState, data: RunData, a: number): boolean {
  const k = data.agentStrategy[a] as number;
  return st.agentJoined[a] === 1 && data.agentEnabled[a] === 1 && (st.agentStatus[a] as number) <= 1 && (k < 0 || st.classStatus[k] === 0);
}

/**
 * Room to reserve for an in-memory log whose input is in memory (library, sweeps), so it is
 * allocated about once instead of copied log2(n / 4096) times while it doubles (each copy
 * first-touches new pages): one outcome per finding in the outcome table (its outcomes are
 * held compactly, events/outcome-table.ts), a fill per symbol per tick in the fill table (a
 * price block's fills are one row, events/fill-table.ts), and for the rows ticks add (per tick
 * a weight and a multiplier per agent, a target per symbol unless the run keeps target rows:
 * then a rebalance's targets are one row, events/targets-table.ts; at most a quarter of the
 * outcomes) plus the blocks' own rows. Streamed runs (bt run) spill in fixed batches instead.
 * A run that logs no outcomes (a sweep's) reserves the same rows and no outcomes: its targets
 * and fills alone (M: 776k rows) doubled the log from 4,096 rows 8 times, 40-80 ms of copies
 * and fresh pages in each full run, recording and downstream replay. Room reserved and never
 * written costs no page, but the allocator may serve it from memory an earlier run freed,
 * which it then zeroes: so no more than a run writes.
 */
function logCapacityHint(data: RunData, cfg: RunConfig): { rows: number; outcomes: number; fills: number } {
  if (data.stream !== undefined) return { rows: 4096, outcomes: 0, fills: 0 };
  const ticks = ticksInRun(cfg);
  const nS = data.symbols.length;
  const perTick = (cfg.targetRows ? 1 : nS) + 2 * data.agents.length + 6;
  const n = data.findings.n;
  const rows = Math.min(ticks * perTick, Math.floor(n / 4)) + 4096;
  const fills = ticks * nS;
  return Number.isFinite(rows) && Number.isFinite(fills)
    ? { rows: Math.min(rows, 1 << 28), outcomes: cfg.logOutcomes ? Math.min(n, 1 << 28) : 0, fills: Math.min(fills, MAX_HINT) }
    : { rows: 4096, outcomes: 0, fills: 0 };
}

/** Ticks from start to end at the cadence (0 without a cadence). */
function ticksInRun(cfg: RunConfig): number {
  return cfg.cadenceMs > 0 && cfg.endMs >= cfg.startMs ? Math.floor((cfg.endMs - cfg.startMs) / cfg.cadenceMs) + 1 : 0;
}

/** The largest capacity a hint below reserves: 32 MB of doubles, only as far as it is written. */
const MAX_HINT = 1 << 22;

/**
 * Room to reserve in the output columns of an in-memory run (as logCapacityHint): a tick sets
 * at most one target per symbol and records at most one weight per agent. A column that
 * doubles from 256 to M's 362k targets copies itself 11 times and first-touches twice the
 * pages it ends with; reserved, an allocation's unwritten tail is never touched. Streamed runs
 * keep growing from small (`bt run --out` hands its target and weight rows to their files a
 * batch at a time: startHandingOver, row-batches.ts, sizes the columns for one); a run that keeps no target rows (a
 * sweep's) reserves none.
 */
function outputCapacityHint(data: RunData, cfg: RunConfig, use: RunStateUse): { targets: number; weights: number } {
  if (data.stream !== undefined) return { targets: 256, weights: 256 };
  const ticks = ticksInRun(cfg);
  const targets = cfg.targetRows ? Math.max(256, Math.min(ticks * data.symbols.length, MAX_HINT)) : 256;
  return { targets, weights: use === 'run' ? Math.max(256, Math.min(ticks * data.agents.length, MAX_HINT)) : 256 };
}

/**
 * What a state is made for. 'run': a run of every stage (run.ts). 'replay': a replay of the
 * downstream stages over a tape (staged/downstream-run.ts, portfolio-replay.ts), which writes
 * no weights rows (it takes the tape's). 'allocation': a replay of the allocation stage alone
 * (staged/allocation-replay.ts), which logs only its weights_set rows, in memory. Those two
 * reserve no room for a whole run's weights rows (quickstart: 3,713 ticks x 12 agents x 4
 * columns, 1.4 MB, which the allocator may serve from memory an earlier run of the worker
 * freed and zero, page by page: a sweep runs 47 replays per recording), nor seed-mode decay's
 * ring of recent outcomes or the statistics' outcome log (no replay reconciles or decays), and
 * 'allocation' no room for a whole run's log. Room only: every use gives the same results.
 */
export type RunStateUse = 'run' | 'replay' | 'allocation';

/**
 * Room to reserve in the statistics' time-window log: the outcomes it holds at most if the
 * findings were spread evenly over their span (a window, the longer of the two, and the outcomes
 * of one tick interval: the fronts move only at ticks), an eighth more; where they are denser the
 * log grows by half. M: 425k outcomes, 478k slots from the start instead of growing from 1,024,
 * each time copying the window it held. A streamed run estimates the findings file's rows from
 * its footer (findingsRows); without an estimate, 1,024.
 */
function statsLogCapacityHint(data: RunData, cfg: RunConfig): number {
  const f = data.findings;
  const s = data.stream;
  const rows = s !== undefined ? (s.findingsRows ?? 0) : f.n;
  if (rows < 2) return 1024;
  const spanMs = s !== undefined ? Math.max(s.priceSpan.last, s.findingSpan.last) - Math.min(s.priceSpan.first, s.findingSpan.first) : (f.tsMs[f.n - 1] as number) - (f.tsMs[0] as number);
  const heldMs = Math.max(cfg.stats.longWindowMs, cfg.stats.shortWindowMs) + Math.max(0, cfg.cadenceMs);
  const held = spanMs > 0 ? (1.125 * rows * heldMs) / spanMs : rows;
  return Number.isFinite(held) ? Math.max(1024, Math.min(Math.ceil(held), MAX_HINT)) : 1024;
}

/** Returns the state at the start of a run (RunState's constructor says what `spill` and `use` do). */
export function newRunState(data: RunData, cfg: RunConfig, spill?: EventSpill, use: RunStateUse = 'run'): RunState {
  return new RunState(data, cfg, spill, use);
}

import { BtInputError } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import type { AgentsColumns, FindingsColumns, KillList, PricesColumns } from '../schemas/columns.js';
import { buildAgentRoster, SKILL_MODEL, type AgentSpec } from './agent-roster.js';
import { computeFutureReturns, type FutureReturns } from './future-returns.js';
import { tooManyFindings } from './findings-bound.js';
import { generateFindings } from './generate-findings.js';
import { buildKillList } from './kill-list.js';
import { gridFromPrices, pricesFromGrid, type PriceGrid } from './price-grid.js';
import { measureOutcomes, realizedPnlBps, type GroupOutcome } from './realized-outcomes.js';
import { simulatePrices, type PriceTruth } from './simulate-prices.js';

/** Options of one generated universe (the CLI's flags, parsed). */
export interface GenerateOptions {
  readonly seed: number;
  readonly agents: number;
  /** Simulated symbols (ignored when prices are given). */
  readonly symbols: number;
  /** Sample start (first bar) and end (bars stop before it), epoch ms UTC; ignored when prices are given. */
  readonly startMs: number;
  readonly endMs: number;
  /** Bar spacing of simulated prices, ms. */
  readonly freqMs: number;
  /** Mean findings per agent per bar, >= 0. */
  readonly findingsPerAgentPerBar: number;
  readonly horizonHours: number;
  /** Strategy classes; classes[0] holds the high-skill agent, classes[1] the no-skill one. */
  readonly classes: readonly string[];
  /** The class whose edge disappears at the break. */
  readonly decayingClass: string;
  /** Break time as a fraction of the sample span, in (0, 1). */
  readonly breakFraction: number;
  /** IC of the high-skill agent, in (0, 1). */
  readonly highSkillIc: number;
  /** The decaying class's IC before the break, in (-1, 1); null draws it per agent from SKILL_MODEL.decayingIcRange. */
  readonly decayingClassIc: number | null;
  /** The decaying class's IC from the break on, in (-1, 1). */
  readonly icAfterBreak: number;
}

/** Defaults of `bt data generate`. */
export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'seed' | 'startMs' | 'endMs'> = {
  agents: 12,
  symbols: 20,
  freqMs: 3_600_000,
  findingsPerAgentPerBar: 0.5,
  horizonHours: 24,
  classes: ['arb', 'funding', 'macro', 'momentum', 'meanrev', 'sentiment'],
  decayingClass: 'sentiment',
  breakFraction: 0.5,
  highSkillIc: 0.25,
  decayingClassIc: null,
  icAfterBreak: SKILL_MODEL.icAfterBreak,
};

/** A generated universe: the files' contents plus the hidden truth behind them. */
export interface Universe {
  readonly options: GenerateOptions;
  /** Simulated prices, or null when prices were given. */
  readonly prices: PricesColumns | null;
  readonly priceTruth: PriceTruth | null;
  readonly grid: PriceGrid;
  readonly future: FutureReturns;
  readonly roster: readonly AgentSpec[];
  readonly findings: FindingsColumns;
  readonly agents: AgentsColumns;
  readonly killList: KillList;
  /** Sample span and break time, epoch ms UTC. */
  readonly startMs: number;
  readonly endMs: number;
  readonly breakMs: number;
  /** Realized outcomes per agent (roster order) and per class (sorted classes). */
  readonly agentOutcomes: readonly GroupOutcome[];
  readonly classOutcomes: readonly GroupOutcome[];
  readonly classes: readonly string[];
}

function medianSpacingMinutes(tsMs: Float64Array): number {
  const d: number[] = [];
  for (let i = 1; i < tsMs.length; i++) d.push(((tsMs[i] ?? 0) - (tsMs[i - 1] ?? 0)) / 60_000);
  if (d.length === 0) return Number.NaN;
  d.sort((a, b) => a - b);
  return d[Math.floor((d.length - 1) / 2)] ?? Number.NaN;
}

function emptyPrices(): PricesColumns {
  return { length: 0, tsMs: new Float64Array(0), symbol: { dictionary: [], codes: new Int32Array(0) }, close: new Float64Array(0) };
}

/** Returns the first bar time at or after tMs (tMs itself when past the last bar). */
function snapToBar(tsMs: Float64Array, tMs: number): number {
  for (const t of tsMs) if (t >= tMs) return t;
  return tMs;
}

/** Returns the agent schedule: every agent enabled with weight 1 / n, interval = median bar spacing. */
function scheduleOf(roster: readonly AgentSpec[], intervalMinutes: number): AgentsColumns {
  const n = roster.length;
  return {
    length: n,
    agent: roster.map((a) => a.name),
    strategy: roster.map((a) => a.strategy),
    enabled: new Uint8Array(n).fill(1),
    weight: new Float64Array(n).fill(n > 0 ? 1 / n : 0),
    intervalMinutes: new Float64Array(n).fill(intervalMinutes),
  };
}

/**
 * Returns a seeded synthetic universe: simulated prices (or `givenPrices`), agents, findings,
 * schedule and kill list. Same options and seed give the same values.
 */
export function generateUniverse(options: GenerateOptions, givenPrices?: PricesColumns): Universe {
  const sim = givenPrices === undefined ? simulatePrices(options, options.seed) : null;
  const grid = sim !== null ? sim.grid : gridFromPrices(givenPrices ?? emptyPrices());
  // over given prices the bars are known only now (simulated ones were bounded with the options)
  const tooMany = tooManyFindings(options.agents, grid.tsMs.length, options.findingsPerAgentPerBar);
  if (tooMany !== null) throw new BtInputError(tooMany);
  // over given prices the sample is their span (first to last bar)
  const startMs = sim !== null ? options.startMs : (grid.tsMs[0] ?? 0);
  const endMs = sim !== null ? options.endMs : (grid.tsMs[grid.tsMs.length - 1] ?? 0);
  const breakMs = snapToBar(grid.tsMs, startMs + Math.floor(options.breakFraction * (endMs - startMs)));
  const classes = [...new Set(options.classes)].sort(compareCodeUnits);
  const roster = buildAgentRoster({ ...options, startMs, endMs }, options.seed);
  const future = computeFutureReturns(grid, options.horizonHours * 3_600_000);
  const findings = generateFindings({
    grid, future, roster, classes, perAgentPerBar: options.findingsPerAgentPerBar,
    horizonHours: options.horizonHours, startMs, breakMs, seed: options.seed,
  });
  const pnl = realizedPnlBps(findings, grid, future);
  const none = new Float64Array(classes.length).fill(Number.NaN);
  const firstPass = measureOutcomes(findings, pnl, findings.strategy.codes, classes.length, breakMs, none);
  const killList = buildKillList(classes, options.decayingClass, firstPass);
  const thresholds = Float64Array.from(classes, (c) => killList[c]?.maxDrawdownBps ?? Number.NaN);
  const classOutcomes = measureOutcomes(findings, pnl, findings.strategy.codes, classes.length, breakMs, thresholds);
  const agentOutcomes = measureOutcomes(
    findings, pnl, findings.agent.codes, roster.length, breakMs, new Float64Array(roster.length).fill(Number.NaN),
  );
  return {
    options, prices: sim !== null ? pricesFromGrid(sim.grid) : null, priceTruth: sim !== null ? sim.truth : null,
    grid, future, roster, findings, agents: scheduleOf(roster, medianSpacingMinutes(grid.tsMs)), killList,
    startMs, endMs, breakMs, agentOutcomes, classOutcomes, classes,
  };
}

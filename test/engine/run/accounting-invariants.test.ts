import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import { runMetrics, type RunMetrics } from '../../../engine/run/run-metrics.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { CostSpec } from '../../../engine/portfolio/cost-model.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog, logRows, type LogRow } from '../../helpers/expanded-log.js';
import { spillEventLog } from '../../../engine/events/log.js';
import { targetRowColumns } from '../../../engine/run/target-rows.js';
import { heldRows } from '../../../engine/run/row-batches.js';
import { calendarScenario, PRICE_CALENDARS } from '../../helpers/calendar-scenario.js';
import { runFootprint } from '../../helpers/run-footprint.js';
import { recordUpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { runDownstream } from '../../../engine/run/staged/downstream-run.js';
import { runPortfolioReplay } from '../../../engine/run/staged/portfolio-replay.js';

/**
 * The book's accounting and the risk limits as invariants over generated scenarios: every
 * allocator variant in both modes, prices sparser than, as dense as and denser than the ticks
 * (weekly, monthly, 7-day, business-day, hourly with missing hours), symbols that start late,
 * stop early or pause, guardian, regime and kill list on or off, zero and non-zero costs (with
 * a no-trade band and a minimum trade), several cash buffers and caps. Each invariant is
 * recomputed from the run's outputs (event log, target rows, equity curve, metrics) and the
 * input prices and findings, by the documented rules (docs/metrics.md, docs/modules/*.md,
 * engine/portfolio/portfolio.ts's fill rule), never by calling the code that produced them.
 */

const TOL = 1e-9;
const VARIANTS = ['static-schedule', 'risk-penalized', 'capital-governor', 'pnl-weighted'] as const;
const COSTS: Readonly<Record<string, CostSpec>> = {
  zero: { bpsPerTurnover: 0, slippageBps: 0 },
  fixed: { bpsPerTurnover: 5, slippageBps: 2 },
  banded: { bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 3, noTradeBand: 0.002, minTradeNotional: 5000 },
  minimumFraction: { bpsPerTurnover: 10, slippageBps: 0, minTradeFraction: 0.004 },
  // the prices carry volume and spread_bps (some bars without): impact and the bar's half spread act
  impact: { bpsPerTurnover: 1, slippageBps: 1, halfSpreadBps: 4, spreadColumn: true, impactK: 0.5, impactWindow: 5 },
  // per-symbol overrides (costs.symbols): one dear, banded symbol, one free one
  perSymbol: { bpsPerTurnover: 5, slippageBps: 2, symbols: { S01: { bpsPerTurnover: 40, halfSpreadBps: 10, noTradeBand: 0.03 }, S02: { bpsPerTurnover: 0, slippageBps: 0, minTradeNotional: 20000 } } },
};

/** What one generated scenario varies. */
interface Case {
  readonly seed: number;
  readonly calendar: number;
  readonly variant: (typeof VARIANTS)[number];
  readonly mode: 'seed' | 'default';
  readonly guardian: boolean;
  /** The guardian's pause and resume drawdowns. */
  readonly guardianLevels: readonly [number, number];
  readonly regime: boolean;
  readonly killList: boolean;
  /**
   * The status the kill list gives sentiment, or null (none): DISABLED kills the class at its first
   * agent's join and its late joiners join it removed; 'Disabled' does so in default mode only (seed
   * mode compares exactly: docs/modules/kill.md).
   */
  readonly disabledStatus: 'DISABLED' | 'Disabled' | null;
  readonly lateStart: boolean;
  readonly earlyStop: boolean;
  readonly gap: boolean;
  readonly costs: string;
  readonly maxAgentWeight: number;
  readonly maxSymbolWeight: number;
  readonly cashBuffer: number;
  readonly threshold: number;
  readonly agents: number;
  readonly symbols: number;
  readonly gapChance: number;
  readonly findingChance: number;
  readonly horizons: readonly (number | null)[];
  readonly lateJoiners: number;
  readonly periodsPerYear: number | null;
  /** time.start: the first close, or two bars later, or 5 h after that (between closes); time.end: the last close, or 3 days later. */
  readonly startShift: 'first-close' | 'two-bars' | 'between-closes';
  readonly endLater: boolean;
  /** In memory (the library), or as bt run: inputs pulled in small batches, the log spilled, target rows handed to a sink. */
  readonly streamed: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  calendar: fc.integer({ min: 0, max: PRICE_CALENDARS.length - 1 }),
  variant: fc.constantFrom(...VARIANTS),
  mode: fc.constantFrom('seed' as const, 'default' as const),
  guardian: fc.boolean(),
  guardianLevels: fc.constantFrom<readonly [number, number]>([0.04, 0.02], [0.02, 0.015], [0.01, 0.008]),
  regime: fc.boolean(),
  killList: fc.boolean(),
  disabledStatus: fc.constantFrom(null, 'DISABLED' as const, 'Disabled' as const),
  lateStart: fc.boolean(),
  earlyStop: fc.boolean(),
  gap: fc.boolean(),
  costs: fc.constantFrom(...Object.keys(COSTS)),
  maxAgentWeight: fc.constantFrom(0.25, 0.5, 1),
  maxSymbolWeight: fc.constantFrom(0.3, 0.5, 1),
  cashBuffer: fc.constantFrom(0, 0.1, 0.3),
  threshold: fc.constantFrom(0, 0.02, 0.1),
  agents: fc.constantFrom(4, 8, 12),
  symbols: fc.constantFrom(4, 6),
  gapChance: fc.constantFrom(0, 0.1, 0.3),
  findingChance: fc.constantFrom(0.1, 0.6),
  horizons: fc.constantFrom<readonly (number | null)[]>([null], [null, 48, 72], [24]),
  lateJoiners: fc.integer({ min: 0, max: 2 }),
  periodsPerYear: fc.constantFrom(null, 252),
  startShift: fc.constantFrom('first-close' as const, 'two-bars' as const, 'between-closes' as const),
  endLater: fc.boolean(),
  streamed: fc.boolean(),
});

/** A run and its outputs as plain rows. */
interface Observed {
  readonly c: Case;
  readonly data: RunData;
  readonly cfg: RunConfig;
  readonly run: RunOutcome;
  readonly rows: readonly Row[];
  /** targets.arrow's rows: time, symbol id, weight. */
  readonly targets: readonly number[][];
  readonly metrics: RunMetrics;
}

interface Row {
  readonly i: number;
  readonly kind: string;
  readonly ts: number;
  readonly agent: number;
  readonly symbol: number;
  readonly strategy: number;
  readonly v1: number;
  readonly v2: number;
  readonly v3: number;
  readonly text: string | null;
}

function scenarioOf(c: Case): { data: RunData; cfg: RunConfig } {
  const cal = PRICE_CALENDARS[c.calendar] as (typeof PRICE_CALENDARS)[number];
  const { data, cfg } = calendarScenario(
    {
      name: `acct-${c.seed}`,
      seed: c.seed,
      agents: c.agents,
      symbols: c.symbols,
      variant: c.variant,
      mode: c.mode,
      horizons: c.horizons,
      lateJoiners: c.lateJoiners,
      killList: c.killList,
      regime: c.regime,
      guardian: c.guardian,
      gapChance: c.gapChance,
      findingChance: c.findingChance,
      reallocationThreshold: c.threshold,
    },
    cal,
    { lateStart: c.lateStart, earlyStop: c.earlyStop, gap: c.gap },
  );
  const listed = c.disabledStatus !== null ? { ...data, killList: { ...(data.killList ?? {}), sentiment: { status: c.disabledStatus } } } : data;
  return {
    data: c.costs === 'impact' ? withVolumeAndSpread(listed) : listed,
    cfg: {
      ...cfg,
      // a start after the first close: the warm-up marks prices and findings before any tick
      startMs: cfg.startMs + (c.startShift === 'first-close' ? 0 : 2 * cal.barMs + (c.startShift === 'between-closes' ? 5 * MS.hour : 0)),
      endMs: cfg.endMs + (c.endLater ? 3 * MS.day : 0),
      costs: COSTS[c.costs] as CostSpec,
      governor: { ...cfg.governor, guardian: { enabled: c.guardian, pauseDrawdown: c.guardianLevels[0], resumeDrawdown: c.guardianLevels[1] } },
      targets: { maxAgentWeight: c.maxAgentWeight, maxSymbolWeight: c.maxSymbolWeight, cashBuffer: c.cashBuffer },
    },
  };
}

/** Returns data whose closes carry a volume (a tenth of the bars none) and a quoted spread in bps (a fifth none), drawn from the row. */
function withVolumeAndSpread(data: RunData): RunData {
  const P = data.prices;
  const u = (i: number, k: number): number => {
    const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
    return x - Math.floor(x);
  };
  return {
    ...data,
    prices: {
      ...P,
      volume: Float64Array.from({ length: P.n }, (_, i) => (u(i, 1) < 0.1 ? Number.NaN : 200 + 5000 * u(i, 2))),
      spreadBps: Float64Array.from({ length: P.n }, (_, i) => (u(i, 3) < 0.2 ? Number.NaN : 20 * u(i, 4))),
    },
  };
}

/** Returns data as bt run reads files: batches of a few rows pulled one at a time (price and finding blocks span batches). */
function streamedData(data: RunData): RunData {
  const slices = <B extends { readonly n: number }>(b: B, rows: number, cut: (from: number, to: number) => B) => () => {
    let at = 0;
    return (): B | null => {
      if (at >= b.n) return null;
      const from = at;
      at = Math.min(b.n, at + rows);
      return cut(from, at);
    };
  };
  const P = data.prices;
  const F = data.findings;
  const span = (ts: Float64Array) => ({ first: ts[0] ?? Number.POSITIVE_INFINITY, last: ts[ts.length - 1] ?? Number.NEGATIVE_INFINITY });
  return {
    ...data,
    prices: { n: 0, tsMs: new Float64Array(0), symbolId: new Int32Array(0), close: new Float64Array(0) },
    findings: { ...F, n: 0, tsMs: new Float64Array(0), agentId: new Int32Array(0), symbolId: new Int32Array(0), confidence: new Float64Array(0), severityMult: new Float64Array(0), direction: new Int8Array(0), horizonHours: new Float64Array(0) },
    stream: {
      prices: slices(P, 5, (a, b) => ({
        n: b - a,
        tsMs: P.tsMs.slice(a, b),
        symbolId: P.symbolId.slice(a, b),
        close: P.close.slice(a, b),
        ...(P.volume !== undefined ? { volume: P.volume.slice(a, b) } : {}),
        ...(P.spreadBps !== undefined ? { spreadBps: P.spreadBps.slice(a, b) } : {}),
      })),
      findings: slices(F, 7, (a, b) => ({
        n: b - a,
        tsMs: F.tsMs.slice(a, b),
        agentId: F.agentId.slice(a, b),
        symbolId: F.symbolId.slice(a, b),
        confidence: F.confidence.slice(a, b),
        severityMult: F.severityMult.slice(a, b),
        direction: F.direction.slice(a, b),
        horizonHours: F.horizonHours.slice(a, b),
      })),
      priceSpan: span(P.tsMs),
      findingSpan: span(F.tsMs),
      findingsRows: F.n,
    },
  };
}

const memo = new Map<string, Observed>();

/** Runs case c once (the invariants below share the runs of their common seed). */
function observe(c: Case): Observed {
  const key = JSON.stringify(c);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const { data, cfg } = scenarioOf(c);
  const plug = ALLOCATORS[c.variant] as AllocatorPlugin;
  const logged: LogRow[] = [];
  const targets: number[][] = [];
  const run = c.streamed
    ? runBacktest(streamedData(data), cfg, plug, defaultsOf(plug), {
        spill: { sink: { append: (b) => logged.push(...logRows(b)) }, batchRows: 53 },
        targetSink: { batchRows: 17, append: ([ts, sym, w]) => (ts as Float64Array).forEach((t, k) => targets.push([t, sym?.[k] as number, w?.[k] as number])) },
      })
    : runBacktest(data, cfg, plug, defaultsOf(plug));
  if (c.streamed) {
    spillEventLog(run.state.log);
    const [ts, symbol, weight] = heldRows(targetRowColumns(run.state.out)) as [Float64Array, Float64Array, Float64Array];
    ts.forEach((t, k) => targets.push([t, symbol[k] as number, weight[k] as number]));
  } else {
    logged.push(...logRows(expandedLog(run.state.log, data)));
    const out = run.state.out;
    for (let k = 0; k < out.targetTs.length; k++) targets.push([out.targetTs.data[k] as number, out.targetSymbol.data[k] as number, out.targetWeight.data[k] as number]);
  }
  const rows: Row[] = logged.map(([kind, ts, agent, symbol, strategy, v1, v2, v3, text], i) => ({ i, kind: LOGGED_EVENT_KINDS[kind] as string, ts, agent, symbol, strategy, v1, v2, v3, text }));
  const metrics = runMetrics(run.state, cfg.initialCapital, c.periodsPerYear);
  const o = { c, data, cfg, run, rows, targets, metrics };
  memo.set(key, o);
  return o;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));
const iso = (t: number): string => new Date(t).toISOString();

/**
 * The book replayed from the input closes and the logged fills alone: cash moves only by a
 * fill's traded notional and its cost, quantities only by fills; after each price block, equity
 * = cash + sum(qty x last close at or before it). Returns the book at each price time (before
 * and after the block's fills) and the violations met on the way.
 *
 * How far the run's cash may be from this replay's, rounding alone: both compute each fill's
 * cash' = cash - ((q' - q) x close + cost) from the same float64 numbers (the log keeps q', close
 * and cost as they were), perhaps in another order. Any order of those five operations rounds
 * five times, each error at most U (2^-53) times a magnitude at most M = (|q'| + |q|) x close +
 * cost + |cash| + |cash'|, so each side is within 5 U M of the exact value and the two within
 * 10 U M; subtraction carries earlier errors unchanged, so the bound sums over the fills (cashSlack).
 * Equity adds the mark: a sum of n products, within (n + 1) U x (holdings + |equity|) per side.
 * On a 1e6 book that is ~1e-9 per fill: a cent, even a millionth charged twice, is far outside.
 */
interface BookPoint {
  readonly ts: number;
  /** Equity with every close of the block marked, before its fills: what the fills are sized on. */
  readonly equityBefore: number;
  readonly equity: number;
  readonly holdings: number;
  /** Cash after the block's fills. */
  readonly cash: number;
  /** How far the run's cash may differ from `cash` by rounding (above). */
  readonly cashSlack: number;
}

/** The unit roundoff of float64: a rounded operation's relative error is at most U. */
const U = 2 ** -53;

/** How far the run's equity at point p may differ from the replayed one by rounding (replayBook's bound). */
function equitySlack(p: BookPoint, nSymbols: number): number {
  return p.cashSlack + 2 * (nSymbols + 1) * U * (Math.abs(p.holdings) + Math.abs(p.equity));
}

function replayBook(o: Observed): { points: BookPoint[]; violations: string[]; fillsBefore: Map<number, number> } {
  const { data, cfg, rows } = o;
  const P = data.prices;
  const nS = data.symbols.length;
  const qty = new Float64Array(nS);
  const last = new Float64Array(nS).fill(Number.NaN);
  let cash = cfg.initialCapital;
  let cashSlack = 0;
  const fills = rows.filter((r) => r.kind === 'fill');
  const fillsBefore = new Map<number, number>(); // log row -> quantity before the fill
  const points: BookPoint[] = [];
  const violations: string[] = [];
  const mark = (): number => {
    let h = 0;
    for (let s = 0; s < nS; s++) if (qty[s] !== 0) h += (qty[s] as number) * (last[s] as number);
    return h;
  };
  let pi = 0;
  let fi = 0;
  while (pi < P.n && (P.tsMs[pi] as number) <= cfg.endMs) {
    const t = P.tsMs[pi] as number;
    const closedNow = new Set<number>();
    for (; pi < P.n && P.tsMs[pi] === t; pi++) {
      last[P.symbolId[pi] as number] = P.close[pi] as number;
      closedNow.add(P.symbolId[pi] as number);
    }
    const equityBefore = cash + mark();
    while (fi < fills.length && (fills[fi] as Row).ts < t) violations.push(`fill at ${iso((fills[fi++] as Row).ts)}, a time without any close`);
    for (; fi < fills.length && (fills[fi] as Row).ts === t; fi++) {
      const f = fills[fi] as Row;
      const s = f.symbol;
      if (!closedNow.has(s)) violations.push(`fill of ${data.symbols[s]} at ${iso(t)}: the symbol has no close then`);
      if (f.v2 !== last[s]) violations.push(`fill of ${data.symbols[s]} at ${iso(t)} priced ${f.v2}, its close is ${last[s]}`);
      fillsBefore.set(f.i, qty[s] as number);
      const before = cash;
      cash -= (f.v1 - (qty[s] as number)) * f.v2 + f.v3;
      cashSlack += 10 * U * ((Math.abs(f.v1) + Math.abs(qty[s] as number)) * f.v2 + f.v3 + Math.abs(before) + Math.abs(cash));
      qty[s] = f.v1;
    }
    const holdings = mark();
    points.push({ ts: t, equityBefore, equity: cash + holdings, holdings, cash, cashSlack });
  }
  for (; fi < fills.length; fi++) violations.push(`fill at ${iso((fills[fi] as Row).ts)}, a time without any close`);
  return { points, violations, fillsBefore };
}

/** Equity, gross exposure and their times: the run's equity.arrow columns. */
function equityCurve(o: Observed): { ts: number[]; equity: number[]; gross: number[] } {
  const out = o.run.state.out;
  return {
    ts: Array.from(out.equityTs.data.subarray(0, out.equityTs.length)),
    equity: Array.from(out.equity.data.subarray(0, out.equity.length)),
    gross: Array.from(out.gross.data.subarray(0, out.gross.length)),
  };
}

/** Violations of: equity.arrow = the replayed book at every price time after the start, to rounding (equitySlack). */
function equityIsCashPlusMarkedPositions(o: Observed): string[] {
  const { points, violations } = replayBook(o);
  const want = points.filter((p) => p.ts > o.cfg.startMs);
  const got = equityCurve(o);
  if (got.ts.length !== want.length || got.ts.some((t, k) => t !== want[k]?.ts)) violations.push(`equity times: ${got.ts.length} points, expected one per price time in (start, end]: ${want.length}`);
  want.forEach((p, k) => {
    const e = got.equity[k] as number;
    if (Math.abs(e - p.equity) > equitySlack(p, o.data.symbols.length)) violations.push(`equity at ${iso(p.ts)}: ${e}, cash + marked positions ${p.equity} (rounding allows ${equitySlack(p, o.data.symbols.length)})`);
    const g = p.equity !== 0 ? p.holdings / p.equity : 0;
    if (Math.abs((got.gross[k] as number) - g) > TOL) violations.push(`gross exposure at ${iso(p.ts)}: ${got.gross[k]}, holdings / equity ${g}`);
  });
  return violations;
}

/** Returns symbol s's cost parameters: the scenario's costs with its `costs.symbols.<SYM>` overrides. */
function costsOf(o: Observed, s: number): CostSpec {
  return { ...o.cfg.costs, ...(o.cfg.costs.symbols?.[o.data.symbols[s] as string] ?? {}) };
}

/**
 * Per symbol, what the cost model reads at each of its closes (docs/metrics.md, "Costs"): sigma,
 * the sample sd of its last N close-to-close returns (NaN under N: no full window), ADV, the mean close x volume
 * of its last N bars with a volume (NaN with none), and the bar's own quoted spread (NaN: none).
 */
function costInputs(o: Observed): Map<string, { sigma: number; adv: number; spreadBps: number }> {
  const P = o.data.prices;
  const N = o.cfg.costs.impactWindow ?? 20;
  const rets: number[][] = o.data.symbols.map(() => []);
  const values: number[][] = o.data.symbols.map(() => []);
  const prev = new Float64Array(o.data.symbols.length).fill(Number.NaN);
  const out = new Map<string, { sigma: number; adv: number; spreadBps: number }>();
  for (let i = 0; i < P.n; i++) {
    const s = P.symbolId[i] as number;
    const c = P.close[i] as number;
    if (!Number.isNaN(prev[s] as number)) (rets[s] as number[]).push(c / (prev[s] as number) - 1);
    prev[s] = c;
    const v = P.volume?.[i] ?? Number.NaN;
    if (v >= 0) (values[s] as number[]).push(c * v);
    const r = (rets[s] as number[]).slice(-N);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sigma = r.length < N ? Number.NaN : Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
    const vs = (values[s] as number[]).slice(-N);
    out.set(`${s}@${P.tsMs[i]}`, { sigma, adv: vs.length === 0 ? Number.NaN : vs.reduce((a, b) => a + b, 0) / vs.length, spreadBps: P.spreadBps?.[i] ?? Number.NaN });
  }
  return out;
}

/** Violations of: each fill's cost is the documented model's (fixed + half spread + square-root impact), and costs_paid and its breakdown sum them. */
function costsFollowTheModel(o: Observed): string[] {
  const { fillsBefore } = replayBook(o);
  const inputs = costInputs(o);
  const out: string[] = [];
  let sum = 0;
  let fixed = 0;
  let spread = 0;
  let impact = 0;
  for (const f of o.rows) {
    if (f.kind !== 'fill') continue;
    const traded = Math.abs((f.v1 - (fillsBefore.get(f.i) as number)) * f.v2);
    const bar = inputs.get(`${f.symbol}@${f.ts}`) as { sigma: number; adv: number; spreadBps: number };
    const spec = costsOf(o, f.symbol);
    const fx = ((spec.bpsPerTurnover + spec.slippageBps) / 1e4) * traded;
    const halfSpread = spec.spreadColumn === true && bar.spreadBps >= 0 ? bar.spreadBps / 2 : (spec.halfSpreadBps ?? 0);
    const sp = (halfSpread / 1e4) * traded;
    const k = spec.impactK ?? 0;
    const im = k > 0 && bar.sigma >= 0 && bar.adv > 0 ? k * bar.sigma * Math.sqrt(traded / bar.adv) * traded : 0;
    if (rel(f.v3, fx + sp + im) > TOL) out.push(`fill of ${o.data.symbols[f.symbol]} at ${iso(f.ts)}: cost ${f.v3}, the model gives ${fx + sp + im} (fixed ${fx}, spread ${sp}, impact ${im}) on |traded| ${traded}`);
    sum += f.v3;
    fixed += fx;
    spread += sp;
    impact += im;
  }
  const m = o.metrics;
  if (rel(m.costs_paid, sum) > TOL) out.push(`costs_paid ${m.costs_paid}, the fills' costs sum to ${sum}`);
  const b = m.cost_breakdown;
  if (b.fixed + b.spread + b.impact !== m.costs_paid) out.push(`cost_breakdown ${JSON.stringify(b)} adds up to ${b.fixed + b.spread + b.impact}, not costs_paid ${m.costs_paid}`);
  if (rel(b.fixed, fixed) > TOL || rel(b.spread, spread) > TOL || rel(b.impact, impact) > TOL) out.push(`cost_breakdown ${JSON.stringify(b)}, expected fixed ${fixed}, spread ${spread}, impact ${impact}`);
  return out;
}

/**
 * Violations of the fill rule (engine/portfolio/portfolio.ts): a rebalance at t leaves a
 * pending fill for every symbol with a non-zero target or a position, to the target it set;
 * the symbol's next close strictly after t fills it (unless the band or the minimum skips it:
 * then nothing trades and nothing stays pending), sized on the book marked at that close.
 * So each fill trades to the latest target set strictly before it, a target set back to 0
 * before the next close of a flat symbol does not fill, and every pending target fills, except
 * that the book never borrows: when the block's cash would not pay for its buys, they are cut
 * by one common factor (to nothing, possibly), and each buy cut short stays pending for the rest.
 * The minimum applies to what fills: no fill trades less than it, so a buy cut below it does not
 * fill; the cash left after the block is then 0, or less than what one such buy would take at its
 * minimum (at most twice the minimum: a fill never costs more than it trades), else a larger
 * factor would have filled it.
 */
function fillsFollowLatestTargets(o: Observed): string[] {
  const { data, rows, cfg } = o;
  const { points } = replayBook(o);
  const bookAt = new Map(points.map((p) => [p.ts, p]));
  const P = data.prices;
  const nS = data.symbols.length;
  const target = new Float64Array(nS);
  const pending = new Float64Array(nS).fill(Number.NaN);
  /** 1 where the pending target is the rest of a buy that may have been cut (or filled whole): it may not fill. */
  const resting = new Uint8Array(nS);
  const qty = new Float64Array(nS);
  const last = new Float64Array(nS).fill(Number.NaN);
  const out: string[] = [];
  // walk prices and log rows in time order; at one time the price block (and its fills) comes first
  const fillsAt = new Map<number, Row[]>();
  const targetsAt = new Map<number, Row[]>();
  for (const r of rows) {
    const m = r.kind === 'fill' ? fillsAt : r.kind === 'targets_set' ? targetsAt : null;
    if (m !== null) m.set(r.ts, [...(m.get(r.ts) ?? []), r]);
  }
  const times = [...new Set([...Array.from(P.tsMs).filter((t) => t <= cfg.endMs), ...targetsAt.keys()])].sort((a, b) => a - b);
  let pi = 0;
  for (const t of times) {
    if (pi < P.n && P.tsMs[pi] === t) {
      const closing: number[] = [];
      for (; pi < P.n && P.tsMs[pi] === t; pi++) {
        last[P.symbolId[pi] as number] = P.close[pi] as number;
        closing.push(P.symbolId[pi] as number);
      }
      const book = bookAt.get(t) as BookPoint;
      const E = book.equityBefore;
      const logged = new Map((fillsAt.get(t) ?? []).map((f) => [f.symbol, f]));
      // Cash after this close's fills at 0 (to rounding), or under what a buy cut to its minimum
      // would take, is where bt may have cut the buys: each buy may then stay pending for the rest.
      const cashAfter = book.equity - book.holdings;
      const minimumAt = (s: number): number => Math.max(costsOf(o, s).minTradeNotional ?? 0, (costsOf(o, s).minTradeFraction ?? 0) * Math.abs(E));
      const largestMinimum = Math.max(0, ...closing.map(minimumAt));
      const cashBinds = Math.abs(cashAfter) <= TOL * Math.max(1, Math.abs(E)) || (cashAfter >= 0 && cashAfter < 2 * largestMinimum);
      const cutScales: number[] = []; // of the buys cut short at this close: (bought) / (asked)
      for (const s of closing.sort((a, b) => a - b)) {
        const w = pending[s] as number;
        const f = logged.get(s);
        logged.delete(s);
        if (Number.isNaN(w)) {
          if (f !== undefined) out.push(`fill of ${data.symbols[s]} at ${iso(t)} with no target pending`);
          continue;
        }
        pending[s] = Number.NaN;
        const q = qty[s] as number;
        const close = last[s] as number;
        const traded = Math.abs((w * E) / close - q) * close;
        const c = costsOf(o, s);
        const skipped = Math.abs(w - (q * close) / E) < (c.noTradeBand ?? 0) || traded < Math.max(c.minTradeNotional ?? 0, (c.minTradeFraction ?? 0) * Math.abs(E));
        if (skipped) {
          if (f !== undefined) out.push(`fill of ${data.symbols[s]} at ${iso(t)} the band or minimum should skip (|dw| ${Math.abs(w - (q * close) / E)}, |traded| ${traded})`);
          continue;
        }
        const asked = (w * E) / close;
        const buy = asked > q;
        const wasResting = resting[s] === 1;
        resting[s] = 0;
        if (buy && cashBinds) {
          pending[s] = w; // it may have been cut: the rest may fill at a later close, or it filled whole
          resting[s] = 1;
        }
        if (f === undefined) {
          if (buy && cashBinds) cutScales.push(0); // cut to nothing: it waits for cash
          else if (!wasResting) out.push(`no fill of ${data.symbols[s]} at ${iso(t)}, its close after the target ${w} was set`);
          continue;
        }
        const filled = Math.abs(f.v1 - q) * close;
        if (filled < minimumAt(s) * (1 - TOL)) out.push(`fill of ${data.symbols[s]} at ${iso(t)} trades ${filled}, below the minimum ${minimumAt(s)}`);
        const wFill = (f.v1 * f.v2) / E;
        if (Math.abs(wFill - w) > TOL) {
          if (buy && cashBinds && f.v1 > q && f.v1 < asked) cutScales.push((f.v1 - q) / (asked - q));
          else out.push(`fill of ${data.symbols[s]} at ${iso(t)} trades to weight ${wFill}, the latest target before it is ${w}`);
        }
        qty[s] = f.v1;
      }
      for (const [s] of logged) out.push(`fill of ${data.symbols[s]} at ${iso(t)}, which has no close then`);
      const cuts = cutScales.filter((x) => x > 0);
      if (cuts.length > 1 && Math.max(...cuts) - Math.min(...cuts) > 1e-6) out.push(`buys cut short at ${iso(t)} by different factors ${Math.min(...cuts)} .. ${Math.max(...cuts)}: one common factor cuts them`);
    }
    const set = targetsAt.get(t);
    if (set !== undefined) {
      for (const r of set) target[r.symbol] = r.v1;
      for (let s = 0; s < nS; s++) pending[s] = target[s] !== 0 || qty[s] !== 0 ? (target[s] as number) : Number.NaN;
      resting.fill(0);
    }
  }
  return out;
}

/** The targets in force after each rebalance (targets_set rows applied over the last ones), by time. */
function targetsByRebalance(o: Observed): { ts: number; weights: Float64Array; changed: number }[] {
  const w = new Float64Array(o.data.symbols.length);
  const out: { ts: number; weights: Float64Array; changed: number }[] = [];
  for (const r of o.rows) {
    if (r.kind !== 'targets_set') continue;
    if (out.length === 0 || (out[out.length - 1] as { ts: number }).ts !== r.ts) out.push({ ts: r.ts, weights: w, changed: 0 });
    const cur = out[out.length - 1] as { changed: number };
    cur.changed = Math.max(cur.changed, Math.abs(r.v1 - (w[r.symbol] as number)));
    w[r.symbol] = r.v1;
    (out[out.length - 1] as { weights: Float64Array }).weights = Float64Array.from(w);
  }
  return out;
}

/** The regime multiplier in force at t: the regime file's last row at or before t, governor.regime_default before its first. */
function regimeAt(o: Observed, t: number): number {
  const r = o.data.regime;
  let m = o.cfg.governor.regimeDefault;
  if (r !== null) for (let k = 0; k < r.tsMs.length && (r.tsMs[k] as number) <= t; k++) m = r.multiplier[k] as number;
  return m;
}

/**
 * Violations of the symbol limits: targets >= 0, each <= max_symbol_weight, gross <= the regime
 * multiplier x (1 - cash_buffer) (the multiplier applies last, docs/modules/governor.md);
 * targets.arrow = the log's targets_set rows.
 */
function targetsWithinLimits(o: Observed): string[] {
  const t = o.cfg.targets;
  const out: string[] = [];
  for (const { ts, weights } of targetsByRebalance(o)) {
    let gross = 0;
    weights.forEach((w, s) => {
      if (!(w >= 0)) out.push(`target ${o.data.symbols[s]} at ${iso(ts)}: ${w} < 0`);
      if (w > t.maxSymbolWeight) out.push(`target ${o.data.symbols[s]} at ${iso(ts)}: ${w} above max_symbol_weight ${t.maxSymbolWeight}`);
      gross += w;
    });
    const bound = regimeAt(o, ts) * (1 - t.cashBuffer);
    if (gross > bound + TOL) out.push(`targets at ${iso(ts)} sum to ${gross}, above regime x (1 - cash_buffer) ${bound}`);
  }
  const logged = o.rows.filter((r) => r.kind === 'targets_set').map((r) => [r.ts, r.symbol, r.v1]);
  const table = o.targets;
  if (JSON.stringify(logged) !== JSON.stringify(table)) out.push(`targets.arrow (${table.length} rows) differs from the log's targets_set rows (${logged.length})`);
  return out;
}

/** Violations of the reallocation threshold: a rebalance after the first moves some target by at least the threshold. */
function rebalancesPassTheThreshold(o: Observed): string[] {
  const th = o.cfg.governor.reallocationThreshold;
  const slack = o.cfg.mode === 'seed' ? 0 : 1e-12;
  return targetsByRebalance(o)
    .slice(1)
    .filter((r) => r.changed < th - slack)
    .map((r) => `targets set at ${iso(r.ts)} with a largest change ${r.changed} under the threshold ${th}`);
}

/** Agent weights in force after each time's events, and the agents removed by then. */
function weightsAndRemovals(o: Observed): { ts: number; weights: Float64Array; removed: Set<number> }[] {
  const nA = o.data.agents.length;
  const w = new Float64Array(nA);
  const removed = new Set<number>();
  const out: { ts: number; weights: Float64Array; removed: Set<number> }[] = [];
  const byTs = new Map<number, Row[]>();
  for (const r of o.rows) byTs.set(r.ts, [...(byTs.get(r.ts) ?? []), r]);
  for (const [ts, rs] of byTs) {
    for (const r of rs) {
      if (r.kind === 'weights_set') w[r.agent] = r.v1;
      if (r.kind === 'agent_killed' || r.kind === 'agent_retired') removed.add(r.agent);
      if (r.kind === 'class_killed' || r.kind === 'class_retired') o.data.agents.forEach((_, a) => o.data.agentStrategy[a] === r.strategy && removed.add(a));
    }
    out.push({ ts, weights: Float64Array.from(w), removed: new Set(removed) });
  }
  return out;
}

const SEED_ROUNDING_PLACES: Readonly<Record<string, number>> = { 'pnl-weighted': 4, 'risk-penalized': 6 };

/**
 * Violations of the agent limits: weights finite and >= 0; summing to at most 1 (fractions of
 * capital; static-schedule's are the schedule's own, README); 0 for an agent disabled in the
 * agents file, and from its decision on for a retired or killed agent or class.
 */
function agentWeightsWithinLimits(o: Observed): string[] {
  const out: string[] = [];
  // seed mode rounds each weight after normalizing, so the sum may pass 1 by half a unit of the last place per
  // agent: seed 004 to 4 places (docs/modules/pnl-weights.md, Q004-2), seed 001 to 6 (risk-weights.md)
  const places = o.c.mode === 'seed' ? SEED_ROUNDING_PLACES[o.c.variant] : undefined;
  const slack = places === undefined ? TOL : 0.5 * 10 ** -places * o.data.agents.length;
  // default mode keeps each agent under its variant's cap (seed 001's one pass and seed 002's renormalization can pass it, Q001-1, Q002-1)
  const params = defaultsOf(ALLOCATORS[o.c.variant] as AllocatorPlugin);
  const cap = o.c.mode === 'default' ? ((params.max_weight ?? params.max_alloc) as number | undefined) : undefined;
  for (const { ts, weights, removed } of weightsAndRemovals(o)) {
    let sum = 0;
    weights.forEach((w, a) => {
      const name = o.data.agents[a];
      if (!(w >= 0) || !Number.isFinite(w)) out.push(`weight of ${name} at ${iso(ts)}: ${w}`);
      if (w !== 0 && removed.has(a)) out.push(`weight of ${name} at ${iso(ts)}: ${w} after its retirement or kill`);
      if (w !== 0 && o.data.agentEnabled[a] === 0) out.push(`weight of ${name} at ${iso(ts)}: ${w}, disabled in the agents file`);
      if (cap !== undefined && w > cap + TOL) out.push(`weight of ${name} at ${iso(ts)}: ${w}, above the variant's cap ${cap}`);
      sum += w;
    });
    if (o.c.variant !== 'static-schedule' && sum > 1 + slack) out.push(`agent weights at ${iso(ts)} sum to ${sum}`);
  }
  return out;
}

/** The time a finding reaches its horizon (the run's default horizon where it has none). */
const dueOf = (o: Observed, f: number): number => {
  const h = o.data.findings.horizonHours[f] as number;
  return (o.data.findings.tsMs[f] as number) + (Number.isNaN(h) ? o.cfg.defaultHorizonMs : h * MS.hour);
};

/**
 * Violations of: a symbol's positive target at a rebalance at t is backed by a live long finding
 * (emitted at or before t, due after t) on it of an agent with a non-zero weight at t, so a
 * killed, retired, disabled or unfunded agent's findings bring nothing.
 */
function targetsComeFromFundedFindings(o: Observed): string[] {
  const F = o.data.findings;
  const weightsAt = new Map(weightsAndRemovals(o).map((x) => [x.ts, x.weights]));
  const out: string[] = [];
  for (const { ts, weights } of targetsByRebalance(o)) {
    const agentW = weightsAt.get(ts) as Float64Array;
    weights.forEach((w, s) => {
      if (w === 0) return;
      for (let f = 0; f < F.n; f++) {
        if (F.symbolId[f] === s && F.direction[f] === 1 && (F.tsMs[f] as number) <= ts && dueOf(o, f) > ts && (agentW[F.agentId[f] as number] as number) > 0 && (F.confidence[f] as number) > 0) return;
      }
      out.push(`target ${o.data.symbols[s]} ${w} at ${iso(ts)} without a live long finding of a funded agent`);
    });
  }
  return out;
}

/** The documented tick times: multiples of the cadence since the epoch in [start, end]. */
function tickTimesOf(cfg: RunConfig): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(cfg.startMs / cfg.cadenceMs) * cfg.cadenceMs; t <= cfg.endMs; t += cfg.cadenceMs) out.push(t);
  return out;
}

/**
 * Violations of the guardian (seed 002): at each tick, drawdown = 1 - equity / peak equity so
 * far (the initial capital included); it pauses when the drawdown exceeds pause_drawdown,
 * resumes when it falls below resume_drawdown, and while paused no targets are set.
 */
function guardianFollowsDrawdown(o: Observed): string[] {
  const { points } = replayBook(o);
  const g = o.cfg.governor.guardian;
  const out: string[] = [];
  const logged = o.rows.filter((r) => r.kind === 'guardian_paused' || r.kind === 'guardian_resumed').map((r) => `${r.kind}@${iso(r.ts)}`);
  const setAt = new Set(o.rows.filter((r) => r.kind === 'targets_set').map((r) => r.ts));
  const heldAt = new Set(o.rows.filter((r) => r.kind === 'rebalance_skipped' && r.text === 'guardian paused').map((r) => r.ts));
  const expected: string[] = [];
  let paused = false;
  let peak = o.cfg.initialCapital;
  let equity = o.cfg.initialCapital;
  let k = 0;
  for (const t of tickTimesOf(o.cfg)) {
    for (; k < points.length && (points[k] as BookPoint).ts <= t; k++) {
      equity = (points[k] as BookPoint).equity;
      peak = Math.max(peak, equity);
    }
    if (!g.enabled) continue;
    const dd = 1 - equity / peak;
    // equity replayed to 1e-9: a drawdown this close to a threshold is not decided here
    if (Math.abs(dd - g.pauseDrawdown) < 1e-8 || Math.abs(dd - g.resumeDrawdown) < 1e-8) return out;
    if (!paused && dd > g.pauseDrawdown) {
      paused = true;
      expected.push(`guardian_paused@${iso(t)}`);
    } else if (paused && dd < g.resumeDrawdown) {
      paused = false;
      expected.push(`guardian_resumed@${iso(t)}`);
    }
    if (paused && setAt.has(t)) out.push(`targets set at ${iso(t)} while the guardian is paused (drawdown ${dd})`);
    if (paused !== heldAt.has(t)) out.push(`tick at ${iso(t)}: guardian ${paused ? 'paused' : 'not paused'} (drawdown ${dd}) but ${heldAt.has(t) ? 'a' : 'no'} 'guardian paused' skip logged`);
  }
  if (JSON.stringify(expected) !== JSON.stringify(logged)) out.push(`guardian events ${JSON.stringify(logged)}, expected ${JSON.stringify(expected)}`);
  return out;
}

/** Violations of metrics.json against the equity curve, targets and fills, by docs/metrics.md's conventions. */
function metricsMatchTheirDefinitions(o: Observed): string[] {
  const m = o.metrics;
  const N = m.periods_per_year;
  const { equity } = equityCurve(o);
  const { points, fillsBefore } = replayBook(o);
  const E0 = o.cfg.initialCapital;
  const n = equity.length;
  const out: string[] = [];
  const near = (key: string, got: number | null, want: number | null, tol = TOL): void => {
    if (got === null || want === null ? got !== want : rel(got, want) > tol) out.push(`${key}: ${got}, recomputed ${want}`);
  };
  if (n === 0) return out;
  const r = equity.map((e, k) => e / (k === 0 ? E0 : (equity[k - 1] as number)) - 1);
  near('n', m.n, n);
  near('total_return', m.total_return, (equity[n - 1] as number) / E0 - 1);
  near('annualized_return', m.annualized_return, ((equity[n - 1] as number) / E0) ** (N / n) - 1);
  near('final_equity', m.final_equity, equity[n - 1] as number);
  let peak = 1;
  let mdd = 0;
  for (const e of equity) {
    peak = Math.max(peak, e / E0);
    mdd = Math.max(mdd, 1 - e / E0 / peak);
  }
  near('max_drawdown', m.max_drawdown, mdd);
  if (n >= 2) {
    const mean = r.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    // a flat curve (no position ever) has sd 0: Sharpe is null, not a number
    near('sharpe', m.sharpe, sd > 1e-15 ? (mean / sd) * Math.sqrt(N) : null, 1e-7);
  }
  const years = n / N;
  let targetTurnover = 0;
  const w = new Float64Array(o.data.symbols.length);
  for (const row of o.rows) {
    if (row.kind !== 'targets_set') continue;
    targetTurnover += Math.abs(row.v1 - (w[row.symbol] as number));
    w[row.symbol] = row.v1;
  }
  near('turnover_annualized', m.turnover_annualized, targetTurnover / years);
  const before = new Map(points.map((p) => [p.ts, p.equityBefore]));
  let traded = 0;
  for (const f of o.rows) {
    if (f.kind !== 'fill') continue;
    const E = before.get(f.ts) as number;
    if (E > 0) traded += (Math.abs(f.v1 - (fillsBefore.get(f.i) as number)) * f.v2) / E;
  }
  near('turnover_traded_annualized', m.turnover_traded_annualized, traded / years);
  const after = points.filter((p) => p.ts > o.cfg.startMs);
  near('average_gross_exposure', m.average_gross_exposure, after.reduce((a, p) => a + (p.equity !== 0 ? p.holdings / p.equity : 0), 0) / after.length);
  near('n_kills', m.n_kills, o.rows.filter((x) => ['agent_killed', 'agent_retired', 'class_killed', 'class_retired'].includes(x.kind)).length);
  return out;
}

/**
 * The documented place of a logged kind at one time (README, "How a run works"): the price
 * block's fills, the findings (an agent joining with its first), the reconciliations, then the
 * tick's stages in order: joins by `since` and a due model fit, decay, decisions, weights, the
 * guardian, then targets set or the rebalance skipped.
 */
const RANKS: Readonly<Record<string, readonly number[]>> = {
  fill: [0],
  agent_joined: [1, 3],
  outcome_reconciled: [2],
  model_fitted: [3],
  multiplier_updated: [4],
  agent_promoted: [5],
  // an agent joining a class already removed takes the class's decision with its join (roster.ts)
  agent_retired: [1, 5],
  agent_killed: [1, 5],
  class_killed: [5],
  class_retired: [5],
  weights_set: [6],
  guardian_paused: [7],
  guardian_resumed: [7],
  targets_set: [8],
  rebalance_skipped: [8],
};

/**
 * Violations of the event log's order and completeness: times never go back; at one time the
 * places above never go back; no row twice; each
 * agent joins once, before anything of its own; every finding processed is reconciled exactly
 * once, at its horizon, at the latest close (realized pnl = direction x (exit / entry - 1) x
 * 1e4), unless its horizon falls after the run's end (then it is still pending).
 */
function eventLogIsOrderedAndComplete(o: Observed): string[] {
  const { rows, data, cfg } = o;
  const out: string[] = [];
  const seen = new Set<string>();
  let rank = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as Row;
    const prev = rows[k - 1];
    if (prev !== undefined && r.ts < prev.ts) out.push(`row ${k} (${r.kind}) at ${iso(r.ts)} after ${iso(prev.ts)}`);
    if (prev === undefined || r.ts !== prev.ts) rank = 0;
    const allowed = RANKS[r.kind] as readonly number[];
    const next = allowed.find((x) => x >= rank);
    if (next === undefined) out.push(`row ${k} (${r.kind}) at ${iso(r.ts)} after an event of rank ${rank}`);
    else rank = next;
    const key = JSON.stringify([r.kind, r.ts, r.agent, r.symbol, r.strategy, r.v1, r.v2, r.v3, r.text]);
    if (seen.has(key)) out.push(`row ${k} repeats an earlier row: ${key}`);
    seen.add(key);
  }
  const joined = new Map<number, number>();
  for (const r of rows) {
    if (r.kind === 'agent_joined') {
      if (joined.has(r.agent)) out.push(`${data.agents[r.agent]} joins twice`);
      joined.set(r.agent, r.ts);
    } else if (r.agent >= 0 && !joined.has(r.agent)) out.push(`${r.kind} of ${data.agents[r.agent]} at ${iso(r.ts)} before it joined`);
  }
  // latest close at or before t, per symbol, from the input prices
  const P = data.prices;
  const closeAt = (s: number, t: number): number => {
    let c = Number.NaN;
    for (let i = 0; i < P.n && (P.tsMs[i] as number) <= t; i++) if (P.symbolId[i] === s) c = P.close[i] as number;
    return c;
  };
  const F = data.findings;
  const reconciled = new Map<number, Row>();
  for (const r of rows) {
    if (r.kind !== 'outcome_reconciled') continue;
    if (reconciled.has(r.v3)) out.push(`finding row ${r.v3} reconciled twice`);
    reconciled.set(r.v3, r);
  }
  for (let f = 0; f < F.n; f++) {
    const ts = F.tsMs[f] as number;
    const due = dueOf(o, f);
    const r = reconciled.get(f);
    if (ts > cfg.endMs || due > cfg.endMs) {
      if (r !== undefined) out.push(`finding row ${f} (due ${iso(due)}, after the end) reconciled at ${iso(r.ts)}`);
      continue;
    }
    if (r === undefined) {
      out.push(`finding row ${f} (due ${iso(due)}) never reconciled`);
      continue;
    }
    reconciled.delete(f);
    if (r.ts !== due) out.push(`finding row ${f} reconciled at ${iso(r.ts)}, its horizon is ${iso(due)}`);
    const s = F.symbolId[f] as number;
    if (r.agent !== F.agentId[f] || r.symbol !== s) out.push(`finding row ${f}: outcome of agent ${r.agent} symbol ${r.symbol}`);
    const pnl = (F.direction[f] as number) * (closeAt(s, due) / closeAt(s, ts) - 1) * 1e4;
    if (Math.abs(r.v1 - pnl) > 1e-9 * Math.max(1, Math.abs(pnl))) out.push(`finding row ${f}: realized ${r.v1} bps, the closes give ${pnl}`);
  }
  for (const [f] of reconciled) out.push(`outcome of row ${f}, not a finding`);
  return out;
}

/**
 * Violations of: kills.arrow holds the log's kill and retirement events, one row each; a
 * retired or killed class retires or kills each of its joined agents still in play at its
 * decision, and an agent joining it later at its join, each with its own event.
 */
function classDecisionsReachEveryAgent(o: Observed): string[] {
  const { rows, data } = o;
  const out: string[] = [];
  const KINDS = ['agent_killed', 'agent_retired', 'class_killed', 'class_retired'];
  const events = rows.filter((r) => KINDS.includes(r.kind)).map((r) => JSON.stringify([r.ts, r.kind, r.agent >= 0 ? data.agents[r.agent] : null, r.kind.startsWith('class') ? data.strategies[r.strategy] : null]));
  const kills = o.run.state.out.kills.map((k) => JSON.stringify([k.tsMs, k.kind, k.agent, k.agent === null ? k.strategy : null]));
  if (JSON.stringify(events) !== JSON.stringify(kills)) out.push(`kills.arrow ${kills.length} rows, the log ${events.length} kill events`);
  // per agent: its removal (time, kind), the first; per class: its decision
  const agentOut = new Map<number, { ts: number; kind: string; i: number }>();
  const classOut = new Map<number, { ts: number; want: string; i: number }>();
  const joinedAt = new Map<number, number>();
  for (const r of rows) {
    if (r.kind === 'agent_joined') joinedAt.set(r.agent, r.ts);
    if ((r.kind === 'agent_killed' || r.kind === 'agent_retired') && !agentOut.has(r.agent)) agentOut.set(r.agent, { ts: r.ts, kind: r.kind, i: r.i });
    if ((r.kind === 'class_killed' || r.kind === 'class_retired') && !classOut.has(r.strategy)) classOut.set(r.strategy, { ts: r.ts, want: r.kind === 'class_killed' ? 'agent_killed' : 'agent_retired', i: r.i });
  }
  for (const [a, joined] of joinedAt) {
    const cls = classOut.get(data.agentStrategy[a] as number);
    if (cls === undefined) continue;
    const gone = agentOut.get(a);
    const due = Math.max(cls.ts, joined); // at the class's decision, or at a later join
    if (gone === undefined || gone.ts > due) out.push(`${data.agents[a]} (joined ${iso(joined)}) still in play after its class's ${cls.want.replace('agent_', '')} decision at ${iso(cls.ts)}`);
    // an agent's own decision at the same tick comes first (decisions.ts: agents, then classes) and stands
    else if (gone.ts === due && gone.i > cls.i && gone.kind !== cls.want) out.push(`${data.agents[a]}: ${gone.kind} with its class's decision, expected ${cls.want}`);
  }
  return out;
}

/**
 * The classes the kill list DISABLED that an agent of theirs joined, each with the first tick at or
 * after its first join (a join in the warm-up before the start waits for the first tick): DISABLED
 * in any case in default mode, exactly so in seed mode (docs/modules/kill.md). Empty when the run
 * judges no class (kill.enabled, kill.class_kill off).
 */
function disabledClassJoins(o: Observed): { k: number; judgedTs: number }[] {
  const list = o.data.killList;
  if (list === null || !o.cfg.kill.enabled || !o.cfg.kill.classKill) return [];
  const isDisabled = (status: string | undefined): boolean => status !== undefined && (o.cfg.mode === 'seed' ? status === 'DISABLED' : status.toUpperCase() === 'DISABLED');
  const ticks = tickTimesOf(o.cfg);
  const out: { k: number; judgedTs: number }[] = [];
  o.data.strategies.forEach((name, k) => {
    if (!isDisabled(list[name]?.status)) return;
    const join = o.rows.find((r) => r.kind === 'agent_joined' && o.data.agentStrategy[r.agent] === k);
    const judgedTs = join === undefined ? undefined : ticks.find((t) => t >= join.ts);
    if (judgedTs !== undefined) out.push({ k, judgedTs });
  });
  return out;
}

/**
 * Violations of: a class the kill list DISABLED is killed at the first tick from its first
 * agent's join, for status_disabled, and never retired; no other class is killed for status_disabled.
 */
function disabledClassesAreKilledAtOnce(o: Observed): string[] {
  const out: string[] = [];
  const judged = disabledClassJoins(o);
  for (const r of o.rows) {
    if (r.kind === 'class_killed' && (r.text ?? '').startsWith('status_disabled') && !judged.some((x) => x.k === r.strategy)) out.push(`${o.data.strategies[r.strategy]} killed for status_disabled at ${iso(r.ts)}, its kill-list status ${JSON.stringify(o.data.killList?.[o.data.strategies[r.strategy] as string]?.status)} in ${o.cfg.mode} mode`);
  }
  for (const { k, judgedTs } of judged) {
    const name = o.data.strategies[k] as string;
    const first = o.rows.find((r) => (r.kind === 'class_killed' || r.kind === 'class_retired') && r.strategy === k);
    if (first === undefined) out.push(`${name}, DISABLED in the kill list, never killed (its first tick with an agent ${iso(judgedTs)})`);
    else if (first.kind !== 'class_killed' || first.ts !== judgedTs || !(first.text ?? '').startsWith('status_disabled')) out.push(`${name}, DISABLED in the kill list: ${first.kind} at ${iso(first.ts)} (${first.text}), expected class_killed for status_disabled at its first tick with an agent ${iso(judgedTs)}`);
  }
  return out;
}

/**
 * Violations of: final_state.json is what the outputs end on: cash and positions of the book
 * replayed from the fills, the last targets, the last weights and multipliers, each agent's and
 * class's last decision, the guardian's last event; agent_weights.arrow holds the weights_set
 * rows, each with the agent's multiplier then (its last multiplier_updated, 1 before any), all
 * within decay's [floor, ceil].
 */
function finalStateIsWhereTheOutputsEnd(o: Observed): string[] {
  const { data, rows, cfg } = o;
  const st = o.run.state;
  const out: string[] = [];
  const { points } = replayBook(o);
  const lastFill = new Map<number, number>();
  const target = new Float64Array(data.symbols.length);
  const weight = new Float64Array(data.agents.length);
  const mult = new Float64Array(data.agents.length).fill(1);
  const status = data.agents.map(() => 'active');
  const classStatus = data.strategies.map(() => 'active');
  let paused = false;
  const weightRows: number[][] = [];
  for (const r of rows) {
    if (r.kind === 'fill') lastFill.set(r.symbol, r.v1);
    if (r.kind === 'targets_set') target[r.symbol] = r.v1;
    if (r.kind === 'multiplier_updated') {
      mult[r.agent] = r.v1;
      if (cfg.decay.enabled && !(r.v1 >= cfg.decay.floor && r.v1 <= cfg.decay.ceil)) out.push(`multiplier of ${data.agents[r.agent]} at ${iso(r.ts)}: ${r.v1} outside [${cfg.decay.floor}, ${cfg.decay.ceil}]`);
    }
    if (r.kind === 'weights_set') {
      weight[r.agent] = r.v1;
      weightRows.push([r.ts, r.agent, r.v1, mult[r.agent] as number]);
    }
    if (r.kind === 'agent_promoted') status[r.agent] = 'promoted';
    if (r.kind === 'agent_retired') status[r.agent] = 'retired';
    if (r.kind === 'agent_killed') status[r.agent] = 'killed';
    if (r.kind === 'class_retired') classStatus[r.strategy] = 'retired';
    if (r.kind === 'class_killed') classStatus[r.strategy] = 'killed';
    if (r.kind === 'guardian_paused') paused = true;
    if (r.kind === 'guardian_resumed') paused = false;
  }
  const end = points[points.length - 1];
  const p = st.portfolio;
  if (end !== undefined) {
    let holdings = 0;
    for (let s = 0; s < data.symbols.length; s++) holdings += (p.qty[s] as number) * (Number.isNaN(p.lastClose[s] as number) ? 0 : (p.lastClose[s] as number));
    if (Math.abs(p.cash - end.cash) > end.cashSlack) out.push(`final cash ${p.cash}, the replayed book's ${end.cash} (rounding allows ${end.cashSlack})`);
    if (Math.abs(holdings - end.holdings) > 2 * (data.symbols.length + 1) * U * Math.abs(end.holdings)) out.push(`final holdings ${holdings}, replayed ${end.holdings}`);
  }
  data.symbols.forEach((name, s) => {
    if ((p.qty[s] as number) !== (lastFill.get(s) ?? 0)) out.push(`final position ${name} ${p.qty[s]}, its last fill ${lastFill.get(s) ?? 0}`);
    if ((p.target[s] as number) !== (target[s] as number)) out.push(`final target ${name} ${p.target[s]}, its last targets_set ${target[s]}`);
  });
  const fin = { weights: st.agentWeights ?? new Float64Array(data.agents.length), status: Array.from(st.agentStatus, (x) => ['active', 'promoted', 'retired', 'killed'][x]), classStatus: Array.from(st.classStatus, (x) => ['active', 'retired', 'killed'][x]) };
  data.agents.forEach((name, a) => {
    if ((fin.weights[a] as number) !== (weight[a] as number)) out.push(`final weight ${name} ${fin.weights[a]}, its last weights_set ${weight[a]}`);
    if (fin.status[a] !== status[a]) out.push(`final status ${name} ${fin.status[a]}, its events say ${status[a]}`);
  });
  data.strategies.forEach((name, k) => {
    if (fin.classStatus[k] !== classStatus[k]) out.push(`final class status ${name} ${fin.classStatus[k]}, its events say ${classStatus[k]}`);
  });
  if (st.guardianPaused !== paused) out.push(`final guardian_paused ${st.guardianPaused}, its events say ${paused}`);
  const w = st.out;
  const table = Array.from({ length: w.weightTs.length }, (_, k) => [w.weightTs.data[k], w.weightAgent.data[k], w.weightValue.data[k], w.weightMultiplier.data[k]]);
  if (JSON.stringify(table) !== JSON.stringify(weightRows)) out.push(`agent_weights.arrow (${table.length} rows) differs from the weights_set rows and multipliers (${weightRows.length})`);
  return out;
}

/** Violations of: the book never borrows (cash after every close's fills and costs is >= 0; every generated book is long only). */
function bookNeverBorrows(o: Observed): string[] {
  const out: string[] = [];
  for (const p of replayBook(o).points) {
    const cash = p.equity - p.holdings;
    if (cash < -TOL * Math.max(1, Math.abs(p.equity))) out.push(`cash ${cash} after the fills at ${iso(p.ts)} (equity ${p.equity}, holdings ${p.holdings})`);
  }
  return out;
}

const INVARIANTS: readonly [string, (o: Observed) => string[]][] = [
  ['never borrows: cash after every close\'s fills and costs is >= 0, whatever the symbols\' calendars', bookNeverBorrows],
  ['equity at every equity point is cash plus every position at its last close, and cash moves only by fills and their costs', equityIsCashPlusMarkedPositions],
  ['charges every fill the documented cost model and sums the costs into costs_paid and cost_breakdown', costsFollowTheModel],
  ['fills each symbol only at its own closes, to the latest target set strictly before (a buy cut short only when the close\'s cash would not pay for it), and every pending target fills', fillsFollowLatestTargets],
  ['keeps every target >= 0, under max_symbol_weight, and their sum under the regime multiplier x (1 - cash_buffer)', targetsWithinLimits],
  ['sets targets after the first only when some target moves by the reallocation threshold', rebalancesPassTheThreshold],
  ['keeps agent weights >= 0, under the variant cap in default mode, summing to at most 1, and 0 for disabled, retired and killed agents from the decision on', agentWeightsWithinLimits],
  ['backs every positive target with a live long finding of an agent holding capital', targetsComeFromFundedFindings],
  ['pauses and resumes the guardian on the documented drawdowns and sets no targets while paused', guardianFollowsDrawdown],
  ['writes metrics.json figures that the equity curve, targets and fills recompute', metricsMatchTheirDefinitions],
  ['retires or kills every agent of a removed class with it, and kills.arrow holds every such decision', classDecisionsReachEveryAgent],
  ['kills a class the kill list DISABLED (any case in default mode, exactly in seed mode) at the first tick it has an agent', disabledClassesAreKilledAtOnce],
  ['ends on the final state the outputs replay to: book, targets, weights, multipliers in bounds, statuses, guardian', finalStateIsWhereTheOutputsEnd],
  ['logs events in time and kind-rank order, once each, and reconciles every finding once at its horizon', eventLogIsOrderedAndComplete],
];

// ACCT_RUNS and ACCT_SEED explore more scenarios (900 over three seeds before this was committed: all held)
const RUNS = { numRuns: Number(process.env.ACCT_RUNS ?? 60), seed: Number(process.env.ACCT_SEED ?? 20261205) };

describe('runBacktest accounting and risk invariants (generated scenarios)', () => {
  for (const [name, check] of INVARIANTS) {
    it(name, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const v = check(observe(c));
          expect(v.slice(0, 5), JSON.stringify(c)).toEqual([]);
        }),
        RUNS,
      );
    });
  }

  it('gives the outputs of the every-tick reference path with event-driven ticks, buys cut for cash and async calendars included', () => {
    // tick-skipping.test.ts proves this on one calendar per symbol set; these scenarios add
    // symbols that pause, start late or stop, guardian and regime, and the no-borrowing cuts
    let skipped = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.streamed) return; // the in-memory run is the one compared; streamed = in-memory is pinned elsewhere
        const { data, cfg } = scenarioOf(c);
        const plug = ALLOCATORS[c.variant] as AllocatorPlugin;
        const every = runBacktest(data, cfg, plug, defaultsOf(plug), { everyTick: true });
        const run = observe(c).run;
        expect(runFootprint(run, data), JSON.stringify(c)).toEqual(runFootprint(every, data));
        skipped += run.state.skip.skipped;
      }),
      RUNS,
    );
    expect(skipped).toBeGreaterThan(0); // or the equality proves nothing
  });

  it('gives the outputs of a full run from a sweep\'s staged replays (downstream and portfolio alone), buys cut for cash included', () => {
    // what a sweep over the cash buffer and costs shares: downstream-run.test.ts proves it on one
    // calendar per symbol set; these scenarios add async calendars, and a cash buffer of 0 cuts buys
    let cuts = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.streamed) return;
        const { data, cfg } = scenarioOf(c);
        const plug = ALLOCATORS[c.variant] as AllocatorPlugin;
        const rec = recordUpstreamTape(data.agents.length, data.symbols.length);
        const taped = runBacktest(data, cfg, plug, defaultsOf(plug), { onTick: rec.observe });
        const tape = rec.finish(taped.state, taped.counters, true, data);
        const downstream = { ...cfg, targets: { ...cfg.targets, cashBuffer: 0 } };
        const portfolio = { ...cfg, costs: { bpsPerTurnover: 25, slippageBps: 10 }, initialCapital: 250_000 };
        for (const [v, replay] of [[downstream, runDownstream(data, downstream, tape).outcome], [portfolio, runPortfolioReplay(data, portfolio, tape)]] as const) {
          const full = runBacktest(data, v, plug, defaultsOf(plug));
          expect(runFootprint(replay, data), JSON.stringify(c)).toEqual(runFootprint(full, data));
          cuts += full.state.portfolio.buysCut;
        }
      }),
      RUNS,
    );
    expect(cuts).toBeGreaterThan(0); // the replays met the no-borrowing rule
  });

  it('reaches the cases the invariants are about: fills, band and minimum skips, impact and fills before its full window, buys cut short for cash, guardian pauses and resumes, retirements, kills, classes the kill list DISABLED, streamed runs', () => {
    const seen = new Map<string, number>();
    const count = (k: string, n = 1): void => void seen.set(k, (seen.get(k) ?? 0) + n);
    fc.assert(
      fc.property(caseArb, (c) => {
        const o = observe(c);
        for (const r of o.rows) count(r.kind);
        count('fill skipped by the band', o.run.state.portfolio.skippedBand);
        count('fill skipped by the minimum', o.run.state.portfolio.skippedMinimum);
        count('impact charged', o.metrics.cost_breakdown.impact > 0 ? 1 : 0);
        count('fill without impact before a full window', o.run.state.portfolio.impactShortWindow);
        count('buy cut short for cash', o.run.state.portfolio.buysCut);
        count('kill-list DISABLED class judged', disabledClassJoins(o).length);
        count("kill-list 'Disabled' class judged in default mode", c.disabledStatus === 'Disabled' ? disabledClassJoins(o).length : 0);
        count("kill-list 'Disabled' class kept in seed mode", c.disabledStatus === 'Disabled' && c.mode === 'seed' && o.rows.some((r) => r.kind === 'agent_joined' && o.data.strategies[o.data.agentStrategy[r.agent] as number] === 'sentiment') ? 1 : 0);
        count('streamed run with fills', c.streamed && o.rows.some((r) => r.kind === 'fill') ? 1 : 0);
        count('agent joining a removed class', o.rows.filter((r, k) => r.kind.startsWith('agent_') && r.kind !== 'agent_joined' && o.rows[k - 1]?.kind === 'agent_joined' && o.rows[k - 1]?.agent === r.agent).length);
      }),
      RUNS,
    );
    for (const k of ['fill', 'targets_set', 'weights_set', 'guardian_paused', 'guardian_resumed', 'agent_retired', 'agent_killed', 'class_killed', 'class_retired', 'kill-list DISABLED class judged', "kill-list 'Disabled' class judged in default mode", "kill-list 'Disabled' class kept in seed mode", 'fill skipped by the band', 'fill skipped by the minimum', 'impact charged', 'fill without impact before a full window', 'buy cut short for cash', 'streamed run with fills', 'agent joining a removed class']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
    }
  });
});

import { createRng } from '../../engine/core/rng.js';
import { MS } from '../../engine/core/time.js';
import type { RunConfig } from '../../engine/run/config.js';
import type { RunData } from '../../engine/run/run-data.js';
import { syntheticRunConfig } from './synthetic-run.js';

/** What a generated whole-cycle scenario varies (test/engine/run/cycle-reference.test.ts). */
export interface ReferenceScenarioSpec {
  readonly name: string;
  readonly seed: number;
  readonly agents: number;
  readonly symbols: number;
  /** Price bar spacing and span. */
  readonly barMs: number;
  readonly bars: number;
  readonly cadenceMs: number;
  readonly variant: 'static-schedule' | 'risk-penalized' | 'capital-governor' | 'pnl-weighted';
  readonly mode: 'seed' | 'default';
  /** Finding horizons drawn per finding (hours); null = the scenario's default horizon. */
  readonly horizons: readonly (number | null)[];
  /** Agents whose first finding comes at 40% of the span (issue 9 item 2). */
  readonly lateJoiners: number;
  /** The first late joiner's agents-file `since`, as a fraction of the span (before its first finding). */
  readonly sinceFraction?: number;
  readonly killList: boolean;
  readonly regime: boolean;
  readonly guardian: boolean;
  /** Chance that one symbol's bar is missing (asynchronous closes). */
  readonly gapChance: number;
  /** Chance that an agent emits a finding at a finding step (default 0.6). */
  readonly findingChance?: number;
  readonly reallocationThreshold?: number;
  readonly limitRows?: number;
  readonly overrides?: Partial<RunConfig>;
}

const CLASSES = ['arb', 'macro', 'sentiment'];
const T0 = Date.UTC(2021, 0, 4); // a Monday: a multiple of 1h and 1d (weekly ticks start at the first epoch week after)

/** Returns a seeded universe: random-walk closes with a shock at 60%, skilled, noisy and decaying agents. */
export function referenceScenario(spec: ReferenceScenarioSpec): { data: RunData; cfg: RunConfig } {
  const rng = createRng(spec.seed, `cycle-reference:${spec.name}`);
  const nS = spec.symbols;
  const symbols = Array.from({ length: nS }, (_, s) => `S${String(s).padStart(2, '0')}`);
  const volPerBar = 0.008 * Math.sqrt(spec.barMs / MS.day);
  // full price path first (agents peek at it for skill)
  const path: number[][] = [];
  const close = symbols.map(() => 100);
  for (let b = 0; b < spec.bars; b++) {
    const shock = b === Math.floor(spec.bars * 0.6) ? -0.12 : 0;
    for (let s = 0; s < nS; s++) close[s] = (close[s] as number) * (1 + shock + (rng() - 0.5) * 2 * volPerBar * Math.sqrt(3));
    path.push([...close]);
  }
  const pTs: number[] = [];
  const pSym: number[] = [];
  const pClose: number[] = [];
  for (let b = 0; b < spec.bars; b++) {
    for (let s = 0; s < nS; s++) {
      if (b > 0 && rng() < spec.gapChance) continue;
      pTs.push(T0 + b * spec.barMs);
      pSym.push(s);
      pClose.push((path[b] as number[])[s] as number);
    }
  }
  const agents = Array.from({ length: spec.agents }, (_, a) => `${CLASSES[a % CLASSES.length]}_${String(a).padStart(2, '0')}`).sort();
  const stratOf = (name: string): number => (name.endsWith('_05') ? -1 : CLASSES.indexOf(name.split('_')[0] as string));
  const lateFrom = spec.agents - spec.lateJoiners;
  const f: { ts: number; a: number; s: number; c: number; sev: number; dir: number; h: number }[] = [];
  const endTs = T0 + (spec.bars - 1) * spec.barMs;
  const findingStep = Math.max(MS.hour, Math.min(spec.barMs, MS.day));
  for (let ts = T0; ts <= endTs - MS.day; ts += findingStep) {
    const bar = Math.floor((ts - T0) / spec.barMs);
    const frac = (ts - T0) / (endTs - T0);
    for (let a = 0; a < spec.agents; a++) {
      const late = a >= lateFrom;
      if (late && frac < 0.4) continue;
      const first = ts === T0 || (late && f.every((x) => x.a !== a));
      if (!first && rng() > (spec.findingChance ?? 0.6)) continue;
      const s = Math.floor(rng() * nS);
      // the unclassified agent trades a 5-day horizon: larger errors, killed on its error rate
      const hPick = agents[a]?.endsWith('_05') ? 120 : (spec.horizons[Math.floor(rng() * spec.horizons.length)] ?? null);
      const hHours = hPick ?? 24;
      const futBar = Math.min(spec.bars - 1, bar + Math.max(1, Math.round((hHours * MS.hour) / spec.barMs)));
      const up = ((path[futBar] as number[])[s] as number) >= ((path[bar] as number[])[s] as number);
      const name = agents[a] as string;
      const skill = name.startsWith('arb') ? 0.8 : name.startsWith('sentiment') ? (frac < 0.5 ? 0.75 : 0.2) : 0.55;
      const right = rng() < skill;
      f.push({
        ts,
        a,
        s,
        c: 0.2 + 0.8 * rng(),
        sev: [0.5, 1, 1.5, 2][Math.floor(rng() * 4)] as number,
        dir: (up === right ? 1 : -1) * (rng() < 0.15 ? -1 : 1),
        h: hPick ?? Number.NaN,
      });
    }
  }
  const data: RunData = {
    agents,
    symbols,
    strategies: CLASSES,
    agentStrategy: Int32Array.from(agents, stratOf),
    scheduleWeight: Float64Array.from(agents, (_, a) => 0.1 + 0.05 * (a % 4)),
    agentEnabled: Uint8Array.from(agents, (n) => (n === 'macro_04' ? 0 : 1)),
    ...(spec.sinceFraction !== undefined
      ? { agentSinceMs: Float64Array.from(agents, (_, a) => (a === lateFrom ? T0 + Math.floor((spec.sinceFraction ?? 0) * (endTs - T0)) : Number.NaN)) }
      : {}),
    prices: { n: pTs.length, tsMs: Float64Array.from(pTs), symbolId: Int32Array.from(pSym), close: Float64Array.from(pClose) },
    findings: {
      n: f.length,
      tsMs: Float64Array.from(f, (x) => x.ts),
      agentId: Int32Array.from(f, (x) => x.a),
      symbolId: Int32Array.from(f, (x) => x.s),
      confidence: Float64Array.from(f, (x) => x.c),
      severityMult: Float64Array.from(f, (x) => x.sev),
      direction: Int8Array.from(f, (x) => x.dir),
      horizonHours: Float64Array.from(f, (x) => x.h),
    },
    killList: spec.killList ? { sentiment: { maxDrawdownBps: -400, minHitRate: 0.45 }, macro: { minHitRate: 0.3 } } : null,
    regime: spec.regime
      ? { tsMs: Float64Array.from([0.3, 0.5, 0.8], (q) => T0 + Math.floor(q * spec.bars) * spec.barMs + 7 * MS.hour), multiplier: Float64Array.from([0.6, 1, 0.8]) }
      : null,
  };
  const base = syntheticRunConfig(data);
  const cfg: RunConfig = {
    ...base,
    startMs: T0,
    endMs: endTs,
    cadenceMs: spec.cadenceMs,
    mode: spec.mode,
    stats: { ...base.stats, lookback: 60 },
    targets: { maxAgentWeight: 0.25, maxSymbolWeight: 0.3, cashBuffer: 0.1 },
    decay: { ...base.decay, limitRows: spec.limitRows ?? base.decay.limitRows },
    cvar: { ...base.cvar, minN: 10, maxOutcomes: 40 },
    kill: { enabled: true, killErrorRate: 0.15, retirePnlSumBps: -300, retireMinOutcomes: 20, retireDrawdownBps: -900, classKill: true, classMinOutcomes: 30 },
    governor: {
      reallocationThreshold: spec.reallocationThreshold ?? 0,
      regimeDefault: 0.9,
      guardian: { enabled: spec.guardian, pauseDrawdown: 0.04, resumeDrawdown: 0.02 },
    },
    ...spec.overrides,
  };
  return { data, cfg };
}

/** What a test matrix enumerates; drawReferenceSpec draws the rest. */
export type ReferenceSpecFrame = Pick<ReferenceScenarioSpec, 'name' | 'seed' | 'variant' | 'mode' | 'barMs' | 'bars' | 'cadenceMs'>;

/** The allocator variants the staged-replay matrices cover. */
export const MATRIX_VARIANTS = ['static-schedule', 'risk-penalized', 'capital-governor', 'pnl-weighted'] as const;

/** Their calendars: prices sparser than ticks, one close per tick, prices denser than ticks. */
export const MATRIX_CALENDARS = [
  { barMs: 7 * MS.day, bars: 50, cadenceMs: MS.day },
  { barMs: MS.day, bars: 200, cadenceMs: MS.day },
  { barMs: MS.hour, bars: 24 * 30, cadenceMs: 6 * MS.hour },
] as const;

/** One frame per variant and mode (in that order), the calendars taken in turn, seeds seedBase, seedBase + 1, ... */
export function variantModeFrames(seedBase: number): ReferenceSpecFrame[] {
  const out: ReferenceSpecFrame[] = [];
  for (const variant of MATRIX_VARIANTS) {
    for (const mode of ['default', 'seed'] as const) {
      const i = out.length;
      const cal = MATRIX_CALENDARS[i % MATRIX_CALENDARS.length] as (typeof MATRIX_CALENDARS)[number];
      out.push({ name: `${variant}-${mode}-${cal.barMs / MS.hour}h`, seed: seedBase + i, variant, mode, ...cal });
    }
  }
  return out;
}

/**
 * Draws a whole-cycle spec around `frame` from `rng`: universe size, horizons, late joiners and
 * `since`, kill list, regime, guardian, gaps, finding density and reallocation threshold (from
 * `findingChances` and `thresholds`). Matrices of generated scenarios share it.
 */
export function drawReferenceSpec(
  rng: () => number,
  frame: ReferenceSpecFrame,
  findingChances: readonly number[] = [0.02, 0.1, 0.6],
  thresholds: readonly number[] = [0, 0.02, 0.1],
): ReferenceScenarioSpec {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  return {
    ...frame,
    agents: pick([4, 8, 12]),
    symbols: pick([2, 4, 6]),
    horizons: pick([[null], [null, 48, 72], [24]]),
    lateJoiners: pick([0, 1, 2]),
    ...(rng() < 0.5 ? { sinceFraction: 0.25 } : {}),
    killList: rng() < 0.6,
    regime: rng() < 0.5,
    guardian: rng() < 0.5,
    gapChance: pick([0, 0.1, 0.3]),
    findingChance: pick(findingChances),
    reallocationThreshold: pick(thresholds),
  };
}

import { createRng } from '../../engine/core/rng.js';
import { MS } from '../../engine/core/time.js';
import type { RunConfig } from '../../engine/run/config.js';
import type { RunData } from '../../engine/run/run-data.js';
import { drawReferenceSpec, MATRIX_VARIANTS, referenceScenario, type ReferenceScenarioSpec } from './reference-scenario.js';

/** One drawn case: the scenario, its run config, and what was drawn (for a failure's message). */
export interface RandomCalendarCase {
  readonly spec: ReferenceScenarioSpec;
  readonly data: RunData;
  readonly cfg: RunConfig;
  readonly drawn: Readonly<Record<string, number | string>>;
}

/** How many cases a random-calendar property test draws: BT_PROPERTY_CASES (e.g. 2000 for a long search), else `fallback`. */
export function propertyCases(fallback: number): number {
  const n = Number(process.env['BT_PROPERTY_CASES'] ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Draws `n` whole-cycle cases whose calendars the fixed matrices do not pin: price spacing
 * (1 h to a week) and tick cadence (1 h to a week) drawn independently, so prices run sparser
 * and denser than ticks in any ratio; ticks offset by whole hours; findings shifted off the bar
 * grid (1 ms, 17 min, just under an hour or six); the statistics', CVaR and decay windows and the
 * default horizon drawn short and long, so window edges fall on and between ticks; every variant,
 * both modes, the ridge expectation in some. Seeded: the same `seed` draws the same cases.
 */
export function randomCalendarCases(seed: number, n: number): RandomCalendarCase[] {
  const rng = createRng(seed, 'random-calendar-run');
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const out: RandomCalendarCase[] = [];
  for (let i = 0; i < n; i++) {
    const barMs = pick([MS.hour, 3 * MS.hour, MS.day, 2 * MS.day, 7 * MS.day]);
    const cadenceMs = pick([MS.hour, 4 * MS.hour, 6 * MS.hour, MS.day, 7 * MS.day]);
    const spanDays = pick([20, 60, 150]);
    const bars = Math.max(10, Math.min(1500, Math.round((spanDays * MS.day) / barMs)));
    const variant = pick(MATRIX_VARIANTS);
    const mode = rng() < 0.3 ? ('seed' as const) : ('default' as const);
    const frame = { name: `random-${seed}-${i}`, seed: seed * 100_003 + i, variant, mode, barMs, bars, cadenceMs };
    const tickOffsetMs = Math.floor(rng() * (cadenceMs / MS.hour)) * MS.hour;
    const spec: ReferenceScenarioSpec = { ...drawReferenceSpec(rng, frame), ...(rng() < 0.4 ? { limitRows: pick([30, 120]) } : {}), overrides: { tickOffsetMs } };
    const { data: grid, cfg: base } = referenceScenario(spec);
    const shiftMs = pick([0, 0, 1, 17 * MS.minute, MS.hour - 1, 6 * MS.hour - MS.minute]);
    const data: RunData = shiftMs === 0 ? grid : { ...grid, findings: { ...grid.findings, tsMs: Float64Array.from(grid.findings.tsMs, (t) => t + shiftMs) } };
    const cfg: RunConfig = {
      ...base,
      defaultHorizonMs: pick([6, 24, 72]) * MS.hour,
      stats: { ...base.stats, lookback: pick([5, 20, 60, 250]), longWindowMs: pick([3, 30]) * MS.day, shortWindowMs: pick([1, 7]) * MS.day },
      cvar: { ...base.cvar, windowMs: pick([2, 7, 30]) * MS.day, minN: pick([3, 10]), maxOutcomes: pick([15, 40, 5000]) },
      decay: { ...base.decay, horizonHours: pick([6, 24, 72]), enabled: rng() < 0.8 },
      ...(rng() < 0.3 ? { expectedModel: { kind: 'ridge', bpsPerScore: 10, lambda: 5, retrainMs: pick([1, 7]) * MS.day, minOutcomes: 10 } as const } : {}),
    };
    const drawn = { case: i, variant, mode, barH: barMs / MS.hour, cadenceH: cadenceMs / MS.hour, bars, tickOffsetH: tickOffsetMs / MS.hour, shiftMs, lookback: cfg.stats.lookback, horizonH: cfg.defaultHorizonMs / MS.hour };
    out.push({ spec, data, cfg, drawn });
  }
  return out;
}

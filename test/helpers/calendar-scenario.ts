import { MS } from '../../engine/core/time.js';
import type { RunConfig } from '../../engine/run/config.js';
import type { RunData } from '../../engine/run/run-data.js';
import { referenceScenario, type ReferenceScenarioSpec } from './reference-scenario.js';

/** A price calendar over the supervisor's ticks: how often closes come, which are missing, and the tick cadence. */
export interface PriceCalendar {
  readonly name: string;
  readonly barMs: number;
  readonly bars: number;
  readonly cadenceMs: number;
  /** Keeps a bar at time t (every symbol's bar 0 is kept). */
  readonly keep: (t: number) => boolean;
}

const isWeekday = (t: number): boolean => {
  const d = new Date(t).getUTCDay();
  return d !== 0 && d !== 6;
};

/** Calendars sparser than, equal to and denser than the ticks; 7-day, business days, hourly with missing hours. */
export const PRICE_CALENDARS: readonly PriceCalendar[] = [
  { name: 'weekly closes, daily ticks', barMs: 7 * MS.day, bars: 30, cadenceMs: MS.day, keep: () => true },
  { name: 'monthly closes, daily ticks', barMs: MS.day, bars: 240, cadenceMs: MS.day, keep: (t) => new Date(t).getUTCDate() === 1 },
  { name: '7-day daily closes, daily ticks', barMs: MS.day, bars: 120, cadenceMs: MS.day, keep: () => true },
  { name: 'business-day closes, daily ticks', barMs: MS.day, bars: 140, cadenceMs: MS.day, keep: isWeekday },
  { name: 'daily closes, 6-hour ticks', barMs: MS.day, bars: 90, cadenceMs: 6 * MS.hour, keep: () => true },
  { name: 'hourly closes without nights, daily ticks', barMs: MS.hour, bars: 24 * 40, cadenceMs: MS.day, keep: (t) => new Date(t).getUTCHours() >= 7 && new Date(t).getUTCHours() < 21 },
  { name: 'daily closes, weekly ticks', barMs: MS.day, bars: 200, cadenceMs: 7 * MS.day, keep: () => true },
  { name: 'monthly closes, hourly ticks', barMs: MS.day, bars: 100, cadenceMs: MS.hour, keep: (t) => new Date(t).getUTCDate() === 1 },
  { name: 'hourly closes, 4-hour ticks', barMs: MS.hour, bars: 24 * 25, cadenceMs: 4 * MS.hour, keep: () => true },
];

/** How symbols' price histories are cut: S01 starts late, S02 stops early, S03 has a gap (fractions of the span). */
export interface SymbolLifecycles {
  readonly lateStart: boolean;
  readonly earlyStop: boolean;
  readonly gap: boolean;
}

/**
 * Returns referenceScenario(spec) with its closes thinned to `calendar` and its symbols cut by
 * `cuts`: findings on a symbol before its first close are dropped (bt refuses them), findings
 * after a symbol's last close stay (they reconcile at that close).
 */
export function calendarScenario(spec: Omit<ReferenceScenarioSpec, 'barMs' | 'bars' | 'cadenceMs'>, calendar: PriceCalendar, cuts: SymbolLifecycles): { data: RunData; cfg: RunConfig } {
  const { data, cfg } = referenceScenario({ ...spec, barMs: calendar.barMs, bars: calendar.bars, cadenceMs: calendar.cadenceMs });
  const t0 = data.prices.tsMs[0] as number;
  const span = cfg.endMs - t0;
  const at = (q: number): number => t0 + Math.floor(q * span);
  const keepPrice = (s: number, t: number): boolean => {
    if (t !== t0 && !calendar.keep(t)) return false;
    if (cuts.lateStart && s === 1 && t < at(0.3)) return false;
    if (cuts.earlyStop && s === 2 && t > at(0.7)) return false;
    if (cuts.gap && s === 3 && t > at(0.4) && t < at(0.55)) return false;
    return true;
  };
  const P = data.prices;
  const keptP: number[] = [];
  for (let i = 0; i < P.n; i++) if (keepPrice(P.symbolId[i] as number, P.tsMs[i] as number)) keptP.push(i);
  const firstClose = new Float64Array(data.symbols.length).fill(Number.POSITIVE_INFINITY);
  for (const i of keptP) firstClose[P.symbolId[i] as number] = Math.min(firstClose[P.symbolId[i] as number] as number, P.tsMs[i] as number);
  const F = data.findings;
  const keptF: number[] = [];
  for (let i = 0; i < F.n; i++) if ((F.tsMs[i] as number) >= (firstClose[F.symbolId[i] as number] as number)) keptF.push(i);
  const pick = <T extends Float64Array | Int32Array | Int8Array>(a: T, rows: readonly number[]): T => {
    const out = new (a.constructor as new (n: number) => T)(rows.length);
    rows.forEach((r, j) => (out[j] = a[r] as number));
    return out;
  };
  return {
    cfg,
    data: {
      ...data,
      prices: { n: keptP.length, tsMs: pick(P.tsMs, keptP), symbolId: pick(P.symbolId, keptP), close: pick(P.close, keptP) },
      findings: {
        n: keptF.length,
        tsMs: pick(F.tsMs, keptF),
        agentId: pick(F.agentId, keptF),
        symbolId: pick(F.symbolId, keptF),
        confidence: pick(F.confidence, keptF),
        severityMult: pick(F.severityMult, keptF),
        direction: pick(F.direction, keptF),
        horizonHours: pick(F.horizonHours, keptF),
      },
    },
  };
}

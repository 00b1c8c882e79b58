import { stableStringify } from '../core/stable-json.js';
import type { JournalResult } from './journal.js';

/** A swept path whose values made no difference: summary.json `inert_params`. */
export interface InertParam {
  readonly path: string;
  /** Its distinct values among the results, as JSON text, sorted. */
  readonly values: readonly string[];
  /** How many settings of the other swept paths it was compared under (each with two or more of its values). */
  readonly compared_under: number;
}

/**
 * How far two equities may differ, relative to the larger, and still count as the same: a
 * setting that acts only through a factor every agent shares (cancelled when the weights are
 * normalised) or a cap that binds either way moves the curve in its last bits, from the
 * operations' order, not from the setting (bt init's daily desk: Sharpe within 3e-14 across
 * 4x the penalty slopes). Any setting that acts moves equity by far more than 1e-9 of itself.
 */
export const SAME_EQUITY_REL = 1e-9;

/** Returns true when the two results' equity curves have the same times and equities within SAME_EQUITY_REL of each other. */
function sameCurve(a: JournalResult, b: JournalResult): boolean {
  const x = a.curve;
  const y = b.curve;
  if (x.ts.length !== y.ts.length) return false;
  for (let i = 0; i < x.ts.length; i++) {
    if (x.ts[i] !== y.ts[i]) return false;
    const u = x.equity[i] as number;
    const v = y.equity[i] as number;
    // NaN never equals: a curve that broke is not "the same"
    if (!(Math.abs(u - v) <= SAME_EQUITY_REL * Math.max(Math.abs(u), Math.abs(v)))) return false;
  }
  return true;
}

/**
 * Returns the swept paths whose values gave the same equity curve (to SAME_EQUITY_REL) wherever
 * the other swept paths were held fixed: on this data the setting changes nothing (a saturated penalty, a
 * threshold no outcome crosses), so a flat stretch of the sweep is not a robust optimum. The
 * static check (unread-swept-params.ts) finds paths no configuration reads; this one finds
 * paths that are read and still move nothing. `rows` sorted by config id; a path is inert only
 * if it was compared under at least one setting of the others (failed configurations are
 * absent from `rows`, so a setting left with one value compares nothing).
 */
export function inertSweptParams(paths: readonly string[], rows: readonly JournalResult[]): InertParam[] {
  const out: InertParam[] = [];
  for (const path of paths) {
    // rows grouped by the other swept paths' values, each with its value of `path` as JSON text
    const groups = new Map<string, { row: JournalResult; value: string }[]>();
    const values = new Set<string>();
    for (const r of rows) {
      const { [path]: v, ...others } = r.params;
      const value = stableStringify(v ?? null);
      values.add(value);
      const key = stableStringify(others);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [{ row: r, value }]);
      else g.push({ row: r, value });
    }
    if (values.size < 2) continue;
    let compared = 0;
    let inert = true;
    for (const g of groups.values()) {
      const first = g[0] as { row: JournalResult; value: string };
      if (g.every((x) => x.value === first.value)) continue;
      compared++;
      if (!g.every((x) => sameCurve(first.row, x.row))) {
        inert = false;
        break;
      }
    }
    if (inert && compared > 0) out.push({ path, values: [...values].sort(), compared_under: compared });
  }
  return out;
}

/** The line bt sweep prints for an inert path. */
export function inertParamNote(p: InertParam): string {
  return `${p.path}: its values ${p.values.join(', ')} gave the same equity curve under each of the ${p.compared_under} setting${p.compared_under === 1 ? '' : 's'} of the other swept paths: on this data it changes nothing`;
}

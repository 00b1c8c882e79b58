import type { KillList, KillListEntry } from '../schemas/columns.js';
import type { GroupOutcome } from './realized-outcomes.js';

/** Seed 004 strategy_kill_list.yaml thresholds, the starting point for every class. */
export const SEED_KILL_THRESHOLDS: Readonly<Record<string, KillListEntry>> = {
  arb: { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 },
  funding: { status: 'ACTIVE', maxDrawdownBps: -200 },
};

/** Default entry for classes the seed does not name: seed arb's thresholds. */
const DEFAULT_ENTRY: KillListEntry = { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 };

/** Margins: healthy classes sit 25% beyond their whole-sample drawdown; the decaying class 10% beyond its pre-break one. */
export const KILL_MARGINS = { healthy: 1.25, decaying: 1.1 } as const;

/** Returns -(ceil(margin * |dd|) + 1), the product rounded to 1e-6 first (440.00000000000006 -> 440). */
function beyond(ddBps: number, margin: number): number {
  return -(Math.ceil(Math.round(Math.abs(ddBps) * margin * 1e6) / 1e6) + 1);
}

/**
 * Returns the kill list for the generated classes (sorted), measured on the generator's own
 * realized pnl (realized-outcomes.ts): a healthy class's max_drawdown_bps is the seed value or
 * 1.25 x its whole-sample drawdown, whichever is lower (it is never breached); the decaying
 * class gets 1.1 x its pre-break drawdown, so it is breached only after its edge goes. It gets
 * no min_hit_rate: the kill list reads the hit rate over ALL the class's events, which moves
 * slowly after a break and is noisy early on, so a threshold between the before and after
 * rates fires on early bad luck as readily as on the break.
 */
export function buildKillList(
  classes: readonly string[],
  decayingClass: string,
  outcomes: readonly GroupOutcome[],
): KillList {
  const list: Record<string, KillListEntry> = {};
  classes.forEach((cls, c) => {
    const o = outcomes[c];
    const seed = SEED_KILL_THRESHOLDS[cls] ?? DEFAULT_ENTRY;
    if (o === undefined) {
      list[cls] = seed;
      return;
    }
    if (cls === decayingClass) {
      list[cls] = { status: 'ACTIVE', maxDrawdownBps: beyond(o.beforeBreak.maxDrawdownBps, KILL_MARGINS.decaying) };
      return;
    }
    const healthyDd = beyond(o.all.maxDrawdownBps, KILL_MARGINS.healthy);
    list[cls] = { ...seed, maxDrawdownBps: Math.min(seed.maxDrawdownBps ?? healthyDd, healthyDd) };
  });
  return list;
}

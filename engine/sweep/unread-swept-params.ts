import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import { unreadSettings } from '../run/unread-settings.js';
import type { SweepConfig } from './build-configurations.js';

/**
 * Returns a note per swept path that no configuration reads (engine/run/unread-settings.ts): a
 * grid over cvar.window_days under capital-governor gives the same run for every value, and a
 * flat sweep should say why rather than look like a robust optimum. A path read by at least one
 * configuration (another variant in the grid, decay switched on in some) is not noted.
 */
export function unreadSweptParamNotes(paths: readonly string[], configs: readonly SweepConfig[], plugins: Readonly<Record<string, AllocatorPlugin>>): string[] {
  if (configs.length === 0) return [];
  const whys = new Map<string, Set<string>>(paths.map((p) => [p, new Set<string>()]));
  for (const c of configs) {
    const plugin = plugins[c.scenario.allocator.variant];
    if (plugin === undefined) return [];
    const unread = new Map<string, string>();
    for (const g of unreadSettings(c.scenario, plugin)) for (const k of g.keys) unread.set(k, g.why);
    for (const [p, set] of whys) {
      const why = unread.get(p);
      if (why === undefined) whys.delete(p);
      else set.add(why);
    }
    if (whys.size === 0) return [];
  }
  return [...whys].map(([p, set]) => `${p} is swept but no configuration reads it (${[...set].join('; ')}): its values give the same runs`);
}

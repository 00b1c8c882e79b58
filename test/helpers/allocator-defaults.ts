import type { AllocatorPlugin } from '../../engine/modules/allocator/plugin.js';

/** Returns a variant's parameters at their spec defaults (what a scenario that sets none gets). */
export function defaultsOf(p: AllocatorPlugin): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(p.params)) out[k] = (s as { default?: unknown }).default;
  return out;
}

import { isoFromMs } from '../../core/time.js';

/**
 * Checks an allocator's output against the plugin contract (plugin.ts): one weight per agent,
 * each finite and >= 0. A variant is code, not input, so a breach is a bug in the variant, not
 * bad data; it stops the run here, naming the variant, the tick and the agent, instead of
 * letting a NaN or a short array reach the targets, the fills and the equity curve as NaN or
 * as silently missing agents. One pass over the agents per evaluated tick.
 */
export function checkAllocatorWeights(variant: string, weights: Float64Array, agents: readonly string[], tMs: number): void {
  if (!(weights instanceof Float64Array) || weights.length !== agents.length) {
    const found = weights instanceof Float64Array ? `${weights.length} weights` : Array.isArray(weights) ? `a plain Array of ${(weights as unknown[]).length}` : `${weights === null ? 'null' : typeof weights}`;
    throw new Error(`allocator variant '${variant}' broke its contract at ${isoFromMs(tMs)}: expected a Float64Array of ${agents.length} weights (one per agent), found ${found}`);
  }
  for (let a = 0; a < weights.length; a++) {
    const w = weights[a] as number;
    // NaN fails both comparisons; +Infinity fails the second.
    if (!(w >= 0 && w < Infinity)) {
      throw new Error(`allocator variant '${variant}' broke its contract at ${isoFromMs(tMs)}: expected every weight finite and >= 0, found ${w} for agent '${agents[a] as string}'`);
    }
  }
}

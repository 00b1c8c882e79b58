import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';

/**
 * Seed 000's own weights: each enabled agent keeps its agent_schedule.json weight (the
 * targets step then caps it per finding in seed mode, per agent share in default mode).
 * Same in both modes; retired and killed agents get 0.
 */
export const staticSchedule: AllocatorPlugin = {
  name: 'static-schedule',
  description: 'agent weights from the agent schedule (seed 000 CapitalAllocator)',
  params: {},
  reads: () => ({ confidence: false, strategyCvar: false, windowStats: false }),
  allocate(input) {
    const { stats, scheduleWeight } = input;
    const out = new Float64Array(stats.n);
    for (let a = 0; a < stats.n; a++) out[a] = stats.eligible[a] ? (scheduleWeight[a] as number) : 0;
    return out;
  },
};

import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';
import type { ObjectSpec } from '../engine/scenario/param-spec.js';
import { staticSchedule } from './static-schedule.js';
import { riskPenalized } from './risk-penalized.js';
import { capitalGovernor } from './capital-governor.js';
import { pnlWeighted } from './pnl-weighted.js';

/** Every allocator variant, by the name a scenario gives in allocator.variant. Adding one = one file + one line here. */
export const ALLOCATORS: Readonly<Record<string, AllocatorPlugin>> = {
  [staticSchedule.name]: staticSchedule,
  [riskPenalized.name]: riskPenalized,
  [capitalGovernor.name]: capitalGovernor,
  [pnlWeighted.name]: pnlWeighted,
};

/** Returns each variant's parameter spec (for scenario validation and docs). */
export function allocatorParamSpecs(): Readonly<Record<string, ObjectSpec>> {
  const out: Record<string, ObjectSpec> = {};
  for (const name of Object.keys(ALLOCATORS).sort()) out[name] = (ALLOCATORS[name] as AllocatorPlugin).params;
  return out;
}

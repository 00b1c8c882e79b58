import type { Scenario } from '../scenario/scenario.js';
import type { SweepRunFailure, SweepRunResult } from './pool.js';
import { upstreamKey } from './stage-key.js';
import type { SweepTask } from './worker.js';

/** How a sweep's configurations run on the pool: the tasks to start with and the ones each result enables. */
export interface StagePlan {
  readonly tasks: readonly SweepTask[];
  readonly followUps: (r: SweepRunResult | SweepRunFailure) => readonly SweepTask[];
  readonly expectedTasks: number;
  /** Distinct upstream keys (stage-key.ts) among the configurations. */
  readonly upstreamKeys: number;
}

/**
 * Returns the plan of a staged sweep. Configurations are grouped by upstream key; a group of one
 * runs in full; in a larger group the first configuration (by id) runs in full and records its
 * upstream tape, and each other one replays only the downstream over that tape once it arrives.
 * If the recording run fails, the others run in full, each on its own (its own error, or its
 * own result when the failure was its alone: a downstream setting). `share` false: every
 * configuration runs in full (the reference path).
 */
export function planStages(configs: readonly { readonly id: string; readonly scenario: Scenario }[], share = true): StagePlan {
  const groups = new Map<string, { id: string; scenario: Scenario }[]>();
  for (const c of configs) {
    const key = share ? upstreamKey(c.scenario) : c.id;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [{ id: c.id, scenario: c.scenario }]);
    else g.push({ id: c.id, scenario: c.scenario });
  }
  const records: SweepTask[] = [];
  const singles: SweepTask[] = [];
  const waiting = new Map<string, { id: string; scenario: Scenario }[]>();
  for (const g of groups.values()) {
    g.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const [first, ...rest] = g as [{ id: string; scenario: Scenario }, ...{ id: string; scenario: Scenario }[]];
    if (rest.length === 0) {
      singles.push(first);
      continue;
    }
    records.push({ ...first, upstream: 'record' });
    waiting.set(first.id, rest);
  }
  const followUps = (r: SweepRunResult | SweepRunFailure): readonly SweepTask[] => {
    const rest = waiting.get(r.id);
    if (rest === undefined) return [];
    waiting.delete(r.id);
    const tape = r.kind === 'done' ? r.tape : undefined;
    return tape === undefined ? rest : rest.map((c) => ({ ...c, upstream: tape }));
  };
  // Recordings first: the replays they enable can then fill the workers while the single runs go on.
  return { tasks: [...records, ...singles], followUps, expectedTasks: configs.length, upstreamKeys: groups.size };
}

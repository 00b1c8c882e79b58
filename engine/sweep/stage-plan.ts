import type { UpstreamTape } from '../run/staged/upstream-tape.js';
import type { Scenario } from '../scenario/scenario.js';
import type { SweepRunFailure, SweepRunResult } from './pool.js';
import { proposalsKey, upstreamKey } from './stage-key.js';
import type { SweepTask } from './worker.js';

/** How a sweep's configurations run on the pool: the tasks to start with and the ones each result enables. */
export interface StagePlan {
  readonly tasks: readonly SweepTask[];
  readonly followUps: (r: SweepRunResult | SweepRunFailure) => readonly SweepTask[];
  readonly expectedTasks: number;
  /** Distinct upstream keys and proposals keys (stage-key.ts) among the configurations. */
  readonly upstreamKeys: number;
  readonly proposalsKeys: number;
}

type Config = { readonly id: string; readonly scenario: Scenario };

/** What follows a recording task: the tasks its tape enables, or the ones to run if it fails. */
interface Waiting {
  readonly onTape: (tape: UpstreamTape) => SweepTask[];
  readonly onFailure: () => SweepTask[];
}

const byId = (a: Config, b: Config): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Returns the configurations grouped by `key`, each group sorted by id, groups in order of their first id. */
function groupBy(configs: readonly Config[], key: (c: Config) => string): Config[][] {
  const groups = new Map<string, Config[]>();
  for (const c of [...configs].sort(byId)) {
    const k = key(c);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [c]);
    else g.push(c);
  }
  return [...groups.values()];
}

/**
 * Returns the plan of a staged sweep (docs/sweeps.md, "Staged sweeps"). Configurations are
 * grouped by upstream key, and within a group by proposals key. In a group of more than one, the
 * first configuration runs in full and records the tape (final weights, proposals and, in default
 * mode, the targets stage's pairs per tick); the others of its proposals group replay only
 * rebalance and portfolio over it; the members of every other proposals group fill their own
 * proposals from the taped pairs and replay rebalance and portfolio ('targets'). In seed mode
 * (no pairs) each other proposals group replays the downstream once over the tape (recording
 * its proposals) and its other members replay only rebalance and portfolio over that. A failed
 * recording falls back one level (its dependants run in full, or replay the downstream), so each
 * configuration reports its own result or error. `share` false: every configuration runs in
 * full (the reference path).
 */
export function planStages(configs: readonly Config[], share = true): StagePlan {
  const waiting = new Map<string, Waiting>();
  const records: SweepTask[] = [];
  const singles: SweepTask[] = [];
  const groups = groupBy(configs, (c) => (share ? upstreamKey(c.scenario) : c.id));
  let proposalsKeys = 0;
  for (const g of groups) {
    const [first, ...rest] = g as [Config, ...Config[]];
    const subgroups = groupBy(g, (c) => proposalsKey(c.scenario));
    proposalsKeys += subgroups.length;
    if (rest.length === 0) {
      singles.push(first);
      continue;
    }
    records.push({ ...first, upstream: 'record' });
    waiting.set(first.id, { onTape: (tape) => subgroups.flatMap((sub) => replays(sub, first.id, tape, waiting)), onFailure: () => rest });
  }
  const followUps = (r: SweepRunResult | SweepRunFailure): readonly SweepTask[] => {
    const w = waiting.get(r.id);
    if (w === undefined) return [];
    waiting.delete(r.id);
    return r.kind === 'done' && r.tape !== undefined ? w.onTape(r.tape) : w.onFailure();
  };
  // Recordings first: the replays they enable can then fill the workers while the single runs go on.
  return { tasks: [...records, ...singles], followUps, expectedTasks: configs.length, upstreamKeys: groups.length, proposalsKeys };
}

/** Returns the tasks one proposals group runs once the upstream tape of `recorder` is in. */
function replays(sub: readonly Config[], recorder: string, tape: UpstreamTape, waiting: Map<string, Waiting>): SweepTask[] {
  const portfolio = (c: Config, t: UpstreamTape): SweepTask => ({ ...c, upstream: { replay: 'portfolio', tape: t } });
  const downstream = (c: Config, record: boolean): SweepTask => ({ ...c, upstream: { replay: 'downstream', tape, record } });
  // The recorder's own proposals group: its tape already holds their proposals.
  if (sub.some((c) => c.id === recorder)) return sub.filter((c) => c.id !== recorder).map((c) => portfolio(c, tape));
  // Default mode: the tape's pairs give any targets settings their proposals, at about a
  // portfolio replay's cost, so every member fills them itself (no wait on a recording).
  if (tape.pairs !== null) return sub.map((c): SweepTask => ({ ...c, upstream: { replay: 'targets', tape } }));
  const [head, ...rest] = sub as [Config, ...Config[]];
  if (rest.length === 0) return [downstream(head, false)];
  waiting.set(head.id, { onTape: (t) => rest.map((c) => portfolio(c, t)), onFailure: () => rest.map((c) => downstream(c, false)) });
  return [downstream(head, true)];
}

import type { TapeNeeds, UpstreamTape } from '../run/staged/upstream-tape.js';
import type { SupervisorTape } from '../run/staged/supervisor-tape.js';
import type { Scenario } from '../scenario/scenario.js';
import type { SweepRunFailure, SweepRunResult } from './pool.js';
import { proposalsKey, supervisorKey, upstreamKey } from './stage-key.js';
import type { SweepTask } from './worker.js';

/** How a sweep's configurations run on the pool: the tasks to start with and the ones each result enables. */
export interface StagePlan {
  readonly tasks: readonly SweepTask[];
  readonly followUps: (r: SweepRunResult | SweepRunFailure) => readonly SweepTask[];
  readonly expectedTasks: number;
  /** Distinct supervisor, upstream and proposals keys (stage-key.ts) among the configurations. */
  readonly supervisorKeys: number;
  readonly upstreamKeys: number;
  readonly proposalsKeys: number;
}

type Config = { readonly id: string; readonly scenario: Scenario };

/** What follows a recording task: the tasks its tapes enable, or the ones to run if it fails. */
interface Waiting {
  readonly onTape: (tape: UpstreamTape, supervisor: SupervisorTape | undefined) => SweepTask[];
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
 * grouped by supervisor key, within that by upstream key, and within that by proposals key.
 * In an upstream group of more than one, the first configuration runs in full and records the
 * tape (final weights and what its replays read of the rest: proposals when others share its
 * proposals key, in default mode the targets stage's pairs when others do not); the
 * others of its proposals group replay only rebalance and portfolio over it; the members of every
 * other proposals group fill their own proposals from the taped pairs and replay rebalance and
 * portfolio ('targets'). In seed mode (no pairs) each other proposals group replays the
 * downstream once over the tape (recording its proposals) and its other members replay only
 * rebalance and portfolio over that. When a supervisor group holds more than one upstream key,
 * its first configuration also records the supervisor tape, and the first configuration of each
 * other upstream group replays the allocation over it and then the downstream (recording its
 * upstream tape, with its proposals and pairs, for the rest of its group, which follow as
 * above). A failed recording falls back one level (its dependants run in full, record their own
 * upstream tape, or replay the downstream), so each configuration reports its own result or
 * error. `share` false: every configuration runs in full (the reference path).
 *
 * `workers` (default 1): the workers the sweep runs on. A plan starts with one task per
 * supervisor group; while those are fewer than the workers, the spare ones each start another
 * upstream group of a supervisor group in full (recording its own upstream tape) alongside its
 * supervisor recording, instead of idling through it and replaying the allocation after it: a
 * worker that would wait anyway ends a full run sooner than the recording and a replay in turn
 * (M sweep, 2 upstream keys on 2 workers: the critical path loses the allocation replay).
 * When every other upstream group of a supervisor group starts so, none needs the supervisor
 * tape and its first group records only its upstream tape.
 */
export function planStages(configs: readonly Config[], share = true, workers = 1): StagePlan {
  const waiting = new Map<string, Waiting>();
  const records: SweepTask[] = [];
  const singles: SweepTask[] = [];
  const supergroups = groupBy(configs, (c) => (share ? supervisorKey(c.scenario) : c.id));
  const start = (g: readonly Config[]): void => {
    for (const t of upstreamStart(g, waiting)) (t.upstream === undefined ? singles : records).push(t);
  };
  /** Workers with no task at the start (one task per supervisor group). */
  let spare = Math.max(0, workers - supergroups.length);
  let upstreamKeys = 0;
  let proposalsKeys = 0;
  for (const sg of supergroups) {
    const groups = groupBy(sg, (c) => upstreamKey(c.scenario));
    upstreamKeys += groups.length;
    for (const g of groups) proposalsKeys += groupBy(g, (c) => proposalsKey(c.scenario)).length;
    const [own, ...rest] = groups as [Config[], ...Config[][]];
    const alongside = rest.slice(0, spare);
    spare -= alongside.length;
    const others = rest.slice(alongside.length);
    if (others.length === 0) {
      for (const g of [own, ...alongside]) start(g);
      continue;
    }
    const first = own[0] as Config;
    const variants = [...new Set(sg.map((c) => c.scenario.allocator.variant))].sort();
    records.push({ ...first, upstream: { record: 'supervisor', variants, needs: tapeNeeds(own) } });
    waiting.set(first.id, {
      onTape: (tape, sup) => [...groupReplays(own, first.id, tape, waiting), ...others.flatMap((g) => (sup === undefined ? upstreamStart(g, waiting) : allocationStart(g, sup, waiting)))],
      onFailure: () => [...own.slice(1), ...others.flatMap((g) => upstreamStart(g, waiting))],
    });
    for (const g of alongside) start(g);
  }
  const followUps = (r: SweepRunResult | SweepRunFailure): readonly SweepTask[] => {
    const w = waiting.get(r.id);
    if (w === undefined) return [];
    waiting.delete(r.id);
    return r.kind === 'done' && r.tape !== undefined ? w.onTape(r.tape, r.supervisor) : w.onFailure();
  };
  // Recordings first: the replays they enable can then fill the workers while the single runs go on.
  return { tasks: [...records, ...singles], followUps, expectedTasks: configs.length, supervisorKeys: supergroups.length, upstreamKeys, proposalsKeys };
}

/** Returns the tasks that start an upstream group without a supervisor tape: its first configuration in full, recording the tape the rest replays when there is a rest. */
function upstreamStart(g: readonly Config[], waiting: Map<string, Waiting>): SweepTask[] {
  const [first, ...rest] = g as [Config, ...Config[]];
  if (rest.length === 0) return [first];
  waiting.set(first.id, { onTape: (tape) => groupReplays(g, first.id, tape, waiting), onFailure: () => rest });
  return [{ ...first, upstream: { record: 'upstream', needs: tapeNeeds(g) } }];
}

/**
 * Returns what the replays over the tape of upstream group `g`'s first configuration read
 * (groupReplays): its proposals when others share its proposals key (portfolio replays), its
 * pairs when another proposals key is in the group (targets replays).
 */
function tapeNeeds(g: readonly Config[]): TapeNeeds {
  const [first, ...rest] = g as [Config, ...Config[]];
  const own = proposalsKey(first.scenario);
  const shared = rest.filter((c) => proposalsKey(c.scenario) === own).length;
  return { proposals: shared > 0, pairs: shared < rest.length };
}

/** Returns the task that starts an upstream group over a supervisor tape: its first configuration replays the allocation (recording its upstream tape when the group has a rest). */
function allocationStart(g: readonly Config[], supervisor: SupervisorTape, waiting: Map<string, Waiting>): SweepTask[] {
  const [first, ...rest] = g as [Config, ...Config[]];
  if (rest.length > 0) waiting.set(first.id, { onTape: (tape) => groupReplays(g, first.id, tape, waiting), onFailure: () => rest });
  return [{ ...first, upstream: { replay: 'allocation', supervisor, record: rest.length > 0 } }];
}

/** Returns the tasks the proposals groups of upstream group `g` run once the upstream tape of `recorder` is in. */
function groupReplays(g: readonly Config[], recorder: string, tape: UpstreamTape, waiting: Map<string, Waiting>): SweepTask[] {
  return groupBy(g, (c) => proposalsKey(c.scenario)).flatMap((sub) => replays(sub, recorder, tape, waiting));
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

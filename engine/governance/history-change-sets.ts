import { changeSetName } from './change-set-name.js';
import { governorAllocationsHead, json, killListEntries, manifestEntry, portfolioTargetsHead, yaml } from './governance-files.js';
import type { GovernanceInput } from './governance-input.js';
import { GovernanceFold, type AgentEntry, type ClassEntry } from './governance-state.js';
import { prBody } from './pr-body.js';

/** One decision time's change set: its history/ folder name and its files by path in the live repository. */
export interface ChangeSet {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The maps of the governance files whose entries a change set lists one by one (null: the entry
 * left the file); every other top-level field of a file is written whole when it changed.
 */
export const ENTRY_MAPS = ['agents', 'allocations', 'targets', 'agent_contributions'] as const;

/** What the change sets written so far hold of one top-level field map: a field's text or value, by key. */
type Shown = Map<string, unknown>;

/** Returns the fields of `now` that differ from `shown` (by Object.is) and records them as shown; `removed`: shown keys missing from `now` become null. */
function changedFields(shown: Shown, now: Readonly<Record<string, unknown>>, removed: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(now)) {
    const v = now[k];
    if (shown.has(k) && Object.is(shown.get(k), v)) continue;
    out[k] = v;
    shown.set(k, v);
  }
  if (!removed) return out;
  for (const k of [...shown.keys()]) {
    if (k in now) continue;
    out[k] = null;
    shown.delete(k);
  }
  return out;
}

const isEmpty = (o: Readonly<Record<string, unknown>>): boolean => Object.keys(o).length === 0;

/**
 * Yields, for each decision time in `times` (ascending), what the live system's pull request at
 * that time changes: PR.md (that time's decisions: those after the previous time), and of each
 * governance file only what changed since the previous change set (the first: everything), laid
 * out as in the file: changed top-level fields whole, and of ENTRY_MAPS (the manifest's agents,
 * seed 002's allocations, seed 000's targets and agent_contributions) and of the files that are
 * one map (weights.json's agents, kill_list.yaml's classes) the changed entries only, null for an
 * entry gone; a file with no change is left out. Merged entry by entry in order, the change sets
 * up to a time give governanceFiles at that time. One fold over the run; a change set is built
 * when asked for, so a writer holds one at a time: the size of a set is its changes (an agent's
 * entry when it joins or is decided on, a weight that moved), not the roster, which a 10k-agent
 * desk with thousands of decision times made gigabytes. Comparing is a pass over the roster per
 * time (no text made for an unchanged entry).
 */
export function* historyChangeSets(input: GovernanceInput, times: readonly number[]): Generator<ChangeSet> {
  const fold = new GovernanceFold(input);
  const agents = input.agents;
  const n = agents.length;
  const joinMs = Float64Array.from(agents, (a) => fold.joinMs(a));
  const shownEntry = new Array<AgentEntry | undefined>(n).fill(undefined);
  const shownWeight = new Float64Array(n);
  const shownAllocation = new Float64Array(n);
  // 1: the agent is in the files written so far; 2: and in seed 002's allocation file
  const shown = new Uint8Array(n);
  let shownAllocations: Readonly<Record<string, number>> | null = null;
  const shownKillList: Shown = new Map();
  const shownAllocationsHead: Shown = new Map();
  const shownTargetsHead: Shown = new Map();
  const shownTargets: Shown = new Map();
  let prev = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    fold.advanceTo(t);
    const manifest: Record<string, unknown> = {};
    const weights: Record<string, number> = {};
    const contributions: Record<string, number | null> = {};
    const allocationsChanged: Record<string, number> = {};
    // seed 002's file exists from the first reallocation; its allocations move only when the fold copies them anew
    const allocations = fold.targetsTsMs === null ? null : fold.allocations();
    const allocationsMoved = allocations !== null && allocations !== shownAllocations;
    for (let i = 0; i < n; i++) {
      if ((joinMs[i] as number) > t) continue;
      const name = agents[i] as string;
      const isNew = shown[i] === 0;
      const entry = fold.agents.get(name) as AgentEntry;
      if (isNew || entry !== shownEntry[i]) [manifest[name], shownEntry[i]] = [manifestEntry(entry), entry];
      const w = fold.weights[name] as number;
      if (isNew || !Object.is(w, shownWeight[i])) {
        weights[name] = w;
        // agent_contributions lists the non-zero weights
        if (w !== 0) contributions[name] = w;
        else if (!isNew && shownWeight[i] !== 0) contributions[name] = null;
        shownWeight[i] = w;
      }
      if (allocations !== null && (shown[i] !== 2 || allocationsMoved)) {
        const v = allocations[name] ?? 0;
        if (shown[i] !== 2 || !Object.is(v, shownAllocation[i])) [allocationsChanged[name], shownAllocation[i]] = [v, v];
      }
      shown[i] = allocations !== null ? 2 : 1;
    }
    if (allocations !== null) shownAllocations = allocations;
    const files: Record<string, string> = {};
    if (!isEmpty(manifest)) files['agents/manifest.yaml'] = yaml({ agents: manifest });
    if (!isEmpty(weights)) files['allocation/weights.json'] = json(weights);
    const classes = input.classes.filter((c) => fold.classJoinMs(c) <= t).map((c) => fold.classes.get(c) as ClassEntry);
    const killList = killListEntries(input, classes);
    // a class's entry is a few fields: compared as its text
    const classText = Object.fromEntries(Object.keys(killList).map((c) => [c, JSON.stringify(killList[c])]));
    const killListChanged = Object.keys(changedFields(shownKillList, classText, false));
    if (killListChanged.length > 0) files['meta_supervisor/kill_list.yaml'] = yaml(Object.fromEntries(killListChanged.map((c) => [c, killList[c]])));
    if (allocations !== null) {
      const head = changedFields(shownAllocationsHead, governorAllocationsHead(input, fold.targetsTsMs as number), false);
      const file = { ...head, ...(isEmpty(allocationsChanged) ? {} : { allocations: allocationsChanged }) };
      if (!isEmpty(file)) [files['runtime/capital_governor_allocations.json'], files['runtime/allocations_override.json']] = [json(file), json(file)];
    }
    const held: Record<string, number> = {};
    for (const s of Object.keys(fold.targets)) if (fold.targets[s] !== 0) held[s] = fold.targets[s] as number;
    const { targets, ...scalars } = portfolioTargetsHead(input, held, fold.targetsTsMs, t);
    const targetsChanged = changedFields(shownTargets, targets, true);
    const portfolio = {
      ...changedFields(shownTargetsHead, scalars, false),
      ...(isEmpty(targetsChanged) ? {} : { targets: targetsChanged }),
      ...(isEmpty(contributions) ? {} : { agent_contributions: contributions }),
    };
    if (!isEmpty(portfolio)) files['portfolio_targets.json'] = json(portfolio);
    files['PR.md'] = prBody(input, t, prev);
    yield { name: changeSetName(t), files };
    prev = t;
  }
}

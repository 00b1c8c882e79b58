import { changeSetName } from './change-set-name.js';
import { governorAllocationsHead, json, killListEntries, manifestEntry, portfolioTargetsHead, yaml } from './governance-files.js';
import type { GovernanceInput } from './governance-input.js';
import { GovernanceFold, type AgentEntry } from './governance-state.js';
import { prBody } from './pr-body.js';

/** One decision time's change set: its history/ folder name and its files by path in the live repository. */
export interface ChangeSet {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
}

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
 * out as in the file: changed top-level fields whole, and of the maps (the manifest's agents,
 * seed 002's allocations, seed 000's targets and agent_contributions) and of the files that are
 * one map (weights.json's agents, kill_list.yaml's classes) the changed entries only, null for an
 * entry gone; a file with no change is left out. Merged entry by entry in order, the change sets
 * up to a time give governanceFiles at that time. One fold over the run; a change set is built
 * when asked for, so a writer holds one at a time: the size of a set is its changes (an agent's
 * entry when it joins or is decided on, a weight that moved), not the roster, which a 10k-agent
 * desk with thousands of decision times made gigabytes. Finding them is a pass over the roster's
 * weights per time (typed arrays; no text made for an unchanged entry; manifest entries only for
 * the agents decisions touched, GovernanceFold.decided).
 */
export function* historyChangeSets(input: GovernanceInput, times: readonly number[]): Generator<ChangeSet> {
  const fold = new GovernanceFold(input);
  const agents = input.agents;
  const n = agents.length;
  const joinMs = Float64Array.from(agents, (a) => fold.joinMs(a));
  const shownWeight = new Float64Array(n);
  const shownAllocation = new Float64Array(n);
  // 1: the agent is in the files written so far; 2: and in seed 002's allocation file
  const shown = new Uint8Array(n);
  let shownReallocations = -1;
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
    let [nManifest, nWeights, nContributions, nAllocations] = [0, 0, 0, 0];
    // seed 002's file exists from the first reallocation; its allocations move only at a reallocation
    const allocated = fold.targetsTsMs !== null;
    const reallocated = allocated && fold.reallocations !== shownReallocations;
    for (let i = 0; i < n; i++) {
      if ((joinMs[i] as number) > t) continue;
      const name = agents[i] as string;
      const isNew = shown[i] === 0;
      if (isNew || fold.decided.has(name)) {
        manifest[name] = manifestEntry(fold.agents.get(name) as AgentEntry);
        nManifest++;
      }
      const w = fold.weight[i] as number;
      if (isNew || !Object.is(w, shownWeight[i])) {
        weights[name] = w;
        nWeights++;
        // agent_contributions lists the non-zero weights: one gone to 0 leaves it
        if (w !== 0 || (!isNew && shownWeight[i] !== 0)) {
          contributions[name] = w !== 0 ? w : null;
          nContributions++;
        }
        shownWeight[i] = w;
      }
      if (allocated && (shown[i] !== 2 || reallocated)) {
        const v = fold.allocationOf(i);
        if (shown[i] !== 2 || !Object.is(v, shownAllocation[i])) {
          allocationsChanged[name] = v;
          shownAllocation[i] = v;
          nAllocations++;
        }
      }
      shown[i] = allocated ? 2 : 1;
    }
    fold.decided.clear();
    if (allocated) shownReallocations = fold.reallocations;
    const files: Record<string, string> = {};
    if (nManifest > 0) files['agents/manifest.yaml'] = yaml({ agents: manifest });
    if (nWeights > 0) files['allocation/weights.json'] = json(weights);
    const killList = killListEntries(input, fold.classesJoinedBy(t));
    // a class's entry is a few fields: compared as its text
    const classText = Object.fromEntries(Object.keys(killList).map((c) => [c, JSON.stringify(killList[c])]));
    const killListChanged = Object.keys(changedFields(shownKillList, classText, false));
    if (killListChanged.length > 0) files['meta_supervisor/kill_list.yaml'] = yaml(Object.fromEntries(killListChanged.map((c) => [c, killList[c]])));
    if (allocated) {
      const head = changedFields(shownAllocationsHead, governorAllocationsHead(input, fold.targetsTsMs as number), false);
      const file = { ...head, ...(nAllocations > 0 ? { allocations: allocationsChanged } : {}) };
      if (!isEmpty(file)) {
        const text = json(file);
        files['runtime/capital_governor_allocations.json'] = text;
        files['runtime/allocations_override.json'] = text;
      }
    }
    const { targets, ...scalars } = portfolioTargetsHead(input, fold.heldTargets(), fold.targetsTsMs, t);
    const targetsChanged = changedFields(shownTargets, targets, true);
    const portfolio = {
      ...changedFields(shownTargetsHead, scalars, false),
      ...(isEmpty(targetsChanged) ? {} : { targets: targetsChanged }),
      ...(nContributions > 0 ? { agent_contributions: contributions } : {}),
    };
    if (!isEmpty(portfolio)) files['portfolio_targets.json'] = json(portfolio);
    files['PR.md'] = prBody(input, t, prev);
    yield { name: changeSetName(t), files };
    prev = t;
  }
}

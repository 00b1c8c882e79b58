import { appendEvent } from '../events/log.js';
import { followClass } from './stages/decisions.js';
import type { RunData } from './run-data.js';
import type { RunState } from './state.js';

/**
 * The roster on the virtual clock. An agent joins at its first finding, or at its agents-file
 * `since` when that comes first; its class joins with its first agent. Before it joins an
 * agent is not eligible, takes no share and appears in no output row, so deleting an agent's
 * future findings cannot change anything before them.
 */

/** Adds agent `a` to the roster at t (once), with an agent_joined event. */
export function joinAgent(st: RunState, data: RunData, a: number, t: number): void {
  if (st.agentJoined[a] === 1) return;
  st.agentJoined[a] = 1;
  st.statusChanges += 1;
  const k = data.agentStrategy[a] as number;
  if (k >= 0) st.classJoined[k] = 1;
  appendEvent(st.log, 'agent_joined', t, a, -1, k, Number.NaN);
  followClass(st, data, a, t);
}

/** Returns the earliest `since` after t of an agent not yet joined (Infinity if none). */
export function nextSinceMs(st: RunState, data: RunData, t: number): number {
  const since = data.agentSinceMs;
  let next = Number.POSITIVE_INFINITY;
  if (since === undefined) return next;
  for (let a = 0; a < since.length; a++) {
    const s = since[a] as number;
    if (st.agentJoined[a] === 0 && s > t && s < next) next = s;
  }
  return next;
}

/** Joins, in id order, every agent whose agents-file `since` is at or before t. */
export function joinAgentsDueBy(st: RunState, data: RunData, t: number): void {
  const since = data.agentSinceMs;
  if (since === undefined) return;
  for (let a = 0; a < since.length; a++) if ((since[a] as number) <= t) joinAgent(st, data, a, t);
}

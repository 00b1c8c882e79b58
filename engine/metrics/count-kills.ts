/** Returns the number of kill events in a run's event kinds (kinds equal to `killKind`, default 'agent_killed'). */
export function countKills(eventKinds: readonly string[], killKind = 'agent_killed'): number {
  let k = 0;
  for (const kind of eventKinds) if (kind === killKind) k++;
  return k;
}

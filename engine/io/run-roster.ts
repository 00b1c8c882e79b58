import type { AgentsColumns } from '../../datasets/schemas/columns.js';
import { buildIdMap, type IdMap } from '../core/ids.js';
import type { RunData } from '../run/run-data.js';

/** The agents a findings file names and each one's strategy class (of its first finding, '' when it has none: input-passes.ts). */
export interface FindingsAgents {
  readonly agentNames: ReadonlySet<string>;
  readonly strategyOfAgent: ReadonlyMap<string, string>;
}

/** A run's agents numbered (sorted names) with what RunData holds per agent. */
export interface RunRoster {
  readonly agentMap: IdMap;
  readonly strategies: readonly string[];
  readonly agentStrategy: Int32Array;
  readonly scheduleWeight: Float64Array;
  readonly agentEnabled: Uint8Array;
  readonly agentSinceMs: Float64Array | undefined;
}

/**
 * The roster of a run read from files: the agents file's agents, classes, weights, enabled
 * flags and `since` when there is one, else the findings' agents and classes (weight 1, enabled).
 */
export function runRoster(agentsFile: AgentsColumns | null, found: FindingsAgents | null): RunRoster {
  const agentMap = buildIdMap(agentsFile !== null ? agentsFile.agent : (found?.agentNames ?? []));
  const nA = agentMap.names.length;
  const strategyOf = new Array<string>(nA).fill('');
  if (agentsFile !== null) agentsFile.agent.forEach((name, i) => (strategyOf[agentMap.idOf.get(name) as number] = agentsFile.strategy[i] ?? ''));
  else agentMap.names.forEach((name, a) => (strategyOf[a] = found?.strategyOfAgent.get(name) ?? ''));
  const strategyMap = buildIdMap(strategyOf.filter((s) => s !== ''));
  const scheduleWeight = new Float64Array(nA).fill(1);
  const agentEnabled = new Uint8Array(nA).fill(1);
  if (agentsFile !== null) {
    agentsFile.agent.forEach((name, i) => {
      const a = agentMap.idOf.get(name) as number;
      scheduleWeight[a] = agentsFile.weight[i] as number;
      agentEnabled[a] = agentsFile.enabled[i] as number;
    });
  }
  return {
    agentMap,
    strategies: strategyMap.names,
    agentStrategy: Int32Array.from(strategyOf, (s) => (s === '' ? -1 : (strategyMap.idOf.get(s) as number))),
    scheduleWeight,
    agentEnabled,
    agentSinceMs: agentSinceOf(agentsFile, agentMap.idOf, nA),
  };
}

/** RunData's per-agent fields of a roster (agentSinceMs only when the agents file has `since`). */
export function rosterFields(roster: RunRoster): Pick<RunData, 'agents' | 'strategies' | 'agentStrategy' | 'scheduleWeight' | 'agentEnabled' | 'agentSinceMs'> {
  return {
    agents: roster.agentMap.names,
    strategies: roster.strategies,
    agentStrategy: roster.agentStrategy,
    scheduleWeight: roster.scheduleWeight,
    agentEnabled: roster.agentEnabled,
    ...(roster.agentSinceMs !== undefined ? { agentSinceMs: roster.agentSinceMs } : {}),
  };
}

/** Returns each agent's agents-file `since` by run id (NaN = at its first finding), or undefined when the file has none. */
export function agentSinceOf(agentsFile: AgentsColumns | null, idOf: ReadonlyMap<string, number>, nA: number): Float64Array | undefined {
  const since = agentsFile?.sinceMs;
  if (agentsFile === null || since === undefined) return undefined;
  const out = new Float64Array(nA).fill(Number.NaN);
  agentsFile.agent.forEach((name, i) => (out[idOf.get(name) as number] = since[i] as number));
  return out;
}

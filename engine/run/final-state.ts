import { AGENT_STATUS } from './state.js';
import type { RunData } from './run-data.js';
import type { RunState } from './state.js';

/** The end-of-run state a replay of the event log must rebuild exactly (final_state.json). */
export interface FinalState {
  readonly cash: number;
  readonly positions: Record<string, number>;
  readonly targets: Record<string, number>;
  readonly agent_weights: Record<string, number>;
  readonly confidence_multipliers: Record<string, number>;
  readonly agent_status: Record<string, string>;
  readonly class_status: Record<string, string>;
  readonly guardian_paused: boolean;
}

const CLASS_STATUS = ['active', 'retired', 'killed'] as const;

/** Returns the final state of a run in plain, name-keyed form (keys sorted on write). */
export function finalStateOf(data: RunData, st: RunState): FinalState {
  const positions: Record<string, number> = {};
  const targets: Record<string, number> = {};
  data.symbols.forEach((s, i) => {
    if ((st.portfolio.qty[i] as number) !== 0) positions[s] = st.portfolio.qty[i] as number;
    if ((st.portfolio.target[i] as number) !== 0) targets[s] = st.portfolio.target[i] as number;
  });
  const agentWeights: Record<string, number> = {};
  const multipliers: Record<string, number> = {};
  const agentStatus: Record<string, string> = {};
  data.agents.forEach((a, i) => {
    agentWeights[a] = st.agentWeights === null ? 0 : (st.agentWeights[i] as number);
    multipliers[a] = st.multipliers[i] as number;
    agentStatus[a] = AGENT_STATUS[st.agentStatus[i] as number] as string;
  });
  const classStatus: Record<string, string> = {};
  data.strategies.forEach((k, i) => {
    classStatus[k] = CLASS_STATUS[st.classStatus[i] as number] as string;
  });
  return {
    cash: st.portfolio.cash,
    positions,
    targets,
    agent_weights: agentWeights,
    confidence_multipliers: multipliers,
    agent_status: agentStatus,
    class_status: classStatus,
    guardian_paused: st.guardianPaused,
  };
}

import { formatUtc } from './format-utc.js';
import type { DecisionRecord, GovernanceInput } from './governance-input.js';
import { DECISION_LABEL, statsText } from './decision-label.js';
import { classDecisionMembers } from './governance-state.js';

/** The pull request's title (seed 004, meta_supervisor/github_pr.py). */
export const PR_TITLE = 'Meta-Supervisor: Promotions / Retirements';

function line(input: GovernanceInput, d: DecisionRecord): string {
  const who = d.agent !== null ? `${d.agent} (${d.strategy ?? 'no class'})` : `class ${d.strategy ?? ''}`;
  const stats = statsText(d.stats);
  const members = classDecisionMembers(input, d);
  // the agents the class decision takes out with it (an agent killed earlier went with its own line)
  const agents = members.length > 0 ? `; agents ${d.kind === 'class_killed' ? 'killed' : 'retired'} with it: ${members.join(', ')}` : '';
  return `- ${who}: ${DECISION_LABEL[d.kind]} at ${formatUtc(d.tsMs)}: ${d.reason}${stats !== '' ? `; ${stats}` : ''}${agents}`;
}

/**
 * Returns PR.md: the seed's title as a heading, then its `### PROMOTIONS` and `### RETIREMENTS`
 * sections (kills and class decisions count as retirements, as in the seed) for the decisions
 * in (sinceMs, atMs], each with the time it happened and the numbers behind it.
 */
export function prBody(input: GovernanceInput, atMs: number, sinceMs: number): string {
  const ds = input.decisions.filter((d) => d.tsMs > sinceMs && d.tsMs <= atMs);
  const promote = ds.filter((d) => d.kind === 'agent_promoted');
  const retire = ds.filter((d) => d.kind !== 'agent_promoted');
  const window = Number.isFinite(sinceMs) ? `decisions after ${formatUtc(sinceMs)} up to ${formatUtc(atMs)}` : `decisions up to ${formatUtc(atMs)}`;
  const out = [`# ${PR_TITLE}`, '', `Replayed by bt: scenario ${input.scenarioName} (${input.variant}), ${window}.`];
  if (promote.length === 0 && retire.length === 0) {
    out.push('', 'No promotions, retirements or kills: the live system would not open a pull request.');
  }
  if (promote.length > 0) out.push('', '### PROMOTIONS', ...promote.map((d) => line(input, d)));
  if (retire.length > 0) out.push('', '### RETIREMENTS', ...retire.map((d) => line(input, d)));
  return `${out.join('\n')}\n`;
}

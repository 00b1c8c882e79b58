import { createFastRng } from './fast-rng.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { portablePow } from '../../engine/core/portable-pow.js';

/** What each generated agent is meant to show (ground truth in universe.json). */
export const AGENT_ROLES = ['high_skill', 'no_skill', 'decaying_class', 'breaking', 'normal'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** A window [startMs, endMs) in which an agent is broken (its IC flips negative). */
export interface BurstWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** One generated agent's hidden skill model. */
export interface AgentSpec {
  readonly name: string;
  readonly strategy: string;
  readonly role: AgentRole;
  /** Information coefficient at the sample start, in [-1, 1]. */
  readonly icStart: number;
  /** Half-life of the IC's decay, ms; 0 = no decay. */
  readonly decayHalfLifeMs: number;
  /** IC from the break time on (decaying class only), else null. */
  readonly icAfterBreak: number | null;
  /** IC inside burst windows (negative). */
  readonly burstIc: number;
  readonly bursts: readonly BurstWindow[];
}

/** The skill model's fixed parameters (recorded in universe.json). */
export const SKILL_MODEL = {
  /** Uniform range of a normal agent's starting IC. */
  icRange: [-0.02, 0.15],
  /** Uniform range of the decaying class's IC before the break, and its IC after. */
  decayingIcRange: [0.08, 0.15],
  icAfterBreak: -0.05,
  /** Uniform range of a normal agent's IC half-life, in sample spans. */
  halfLifeSpans: [1, 4],
  /** Share of normal agents that break; bursts per breaking agent; burst length in spans. */
  breakingShare: 0.3,
  burstsRange: [1, 3],
  burstSpans: [0.02, 0.05],
  /** Smallest |IC| inside a burst, and the factor on |signal| there (confident mistakes). */
  minBurstIc: 0.1,
  burstSignalScale: 1.5,
} as const;

/** Inputs of the roster: counts, classes, the sample span and the break time. */
export interface RosterOptions {
  readonly agents: number;
  /** Strategy classes; agent k gets classes[k mod n]; classes[0] holds the high-skill agent, classes[1] the no-skill one. */
  readonly classes: readonly string[];
  /** The class whose edge disappears at breakMs (not classes[0] or classes[1]). */
  readonly decayingClass: string;
  readonly highSkillIc: number;
  /** The decaying class's IC before the break; null draws it from SKILL_MODEL.decayingIcRange. */
  readonly decayingClassIc: number | null;
  /** The decaying class's IC from the break on. */
  readonly icAfterBreak: number;
  readonly startMs: number;
  readonly endMs: number;
}

function uniformIn(u: number, range: readonly [number, number]): number {
  return range[0] + u * (range[1] - range[0]);
}

/** Returns the agents sorted by name (class_NN); draws come from one stream per agent (agents:<name>). */
export function buildAgentRoster(opts: RosterOptions, seed: number): AgentSpec[] {
  const m = SKILL_MODEL;
  const spanMs = Math.max(1, opts.endMs - opts.startMs);
  const perClass = new Map<string, number>();
  const nClasses = opts.classes.length;
  const width = Math.max(2, String(Math.ceil(opts.agents / Math.max(1, nClasses))).length);
  const out: AgentSpec[] = [];
  for (let k = 0; k < opts.agents; k++) {
    const strategy = opts.classes[k % nClasses] ?? 'unknown';
    const n = (perClass.get(strategy) ?? 0) + 1;
    perClass.set(strategy, n);
    const name = `${strategy}_${String(n).padStart(width, '0')}`;
    const rng = createFastRng(seed, `agents:${name}`);
    const role: AgentRole =
      k === 0 ? 'high_skill' : k === 1 ? 'no_skill' : strategy === opts.decayingClass ? 'decaying_class'
        : rng() < m.breakingShare ? 'breaking' : 'normal';
    let icStart = 0;
    let decayHalfLifeMs = 0;
    let icAfterBreak: number | null = null;
    const bursts: BurstWindow[] = [];
    if (role === 'high_skill') icStart = opts.highSkillIc;
    else if (role === 'decaying_class') {
      const drawn = uniformIn(rng(), m.decayingIcRange); // drawn even when overridden: same stream use
      icStart = opts.decayingClassIc ?? drawn;
      icAfterBreak = opts.icAfterBreak;
    } else if (role === 'breaking' || role === 'normal') {
      icStart = uniformIn(rng(), m.icRange);
      decayHalfLifeMs = uniformIn(rng(), m.halfLifeSpans) * spanMs;
    }
    if (role === 'breaking') {
      const nBursts = Math.floor(uniformIn(rng(), [m.burstsRange[0], m.burstsRange[1] + 1]));
      for (let b = 0; b < nBursts; b++) {
        const lenMs = uniformIn(rng(), m.burstSpans) * spanMs;
        const startMs = opts.startMs + Math.floor(rng() * Math.max(0, spanMs - lenMs));
        bursts.push({ startMs, endMs: startMs + Math.floor(lenMs) });
      }
      bursts.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    }
    const burstIc = -Math.max(m.minBurstIc, Math.abs(icStart));
    out.push({ name, strategy, role, icStart, decayHalfLifeMs, icAfterBreak, burstIc, bursts });
  }
  return out.sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** Returns true when tMs falls in one of the agent's burst windows. */
export function isInBurst(agent: AgentSpec, tMs: number): boolean {
  for (const w of agent.bursts) if (tMs >= w.startMs && tMs < w.endMs) return true;
  return false;
}

/**
 * Returns the agent's true IC at tMs: burstIc inside a burst; icAfterBreak from breakMs on
 * (decaying class); else icStart * 0.5^((t - start) / halfLife) (no decay when halfLife = 0).
 */
export function icAt(agent: AgentSpec, tMs: number, startMs: number, breakMs: number): number {
  if (isInBurst(agent, tMs)) return agent.burstIc;
  if (agent.icAfterBreak !== null && tMs >= breakMs) return agent.icAfterBreak;
  if (agent.decayHalfLifeMs > 0) return agent.icStart * portablePow(0.5, (tMs - startMs) / agent.decayHalfLifeMs);
  return agent.icStart;
}

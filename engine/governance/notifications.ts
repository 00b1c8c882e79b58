import { compareCodeUnits, stableStringify } from '../core/stable-json.js';
import { formatUtc } from './format-utc.js';
import type { GovernanceEvent, GovernanceInput } from './governance-input.js';
import { isDecisionKind } from './governance-input.js';
import { classDecisionMembers } from './governance-state.js';
import { weightRowAgent } from './governance-log.js';
import { chunkedF64At, chunkedI32At } from '../core/chunked-column.js';

/**
 * Where the live system puts each message (seeds 002 and 004): Telegram only for reallocations,
 * the pull request for promotions, retirements and kills, the governor's log for the guardian.
 */
export type NotificationChannel = 'telegram' | 'pull_request' | 'log';

/** One outbox message: what the live system would have sent (bt sends nothing). */
export interface Notification {
  readonly ts: string;
  readonly channel: NotificationChannel;
  readonly kind: string;
  readonly text: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Returns seed 002's Telegram text: "🎯 Capital Reallocation:" then one "agent: 40.0%" line per funded agent, largest first (ties by name). */
export function reallocationText(weights: Readonly<Record<string, number>>): string {
  const funded = Object.keys(weights)
    .filter((a) => (weights[a] as number) > 0)
    .sort((a, b) => (weights[b] as number) - (weights[a] as number) || compareCodeUnits(a, b));
  const lines = funded.map((a) => `${a}: ${pct(weights[a] as number)}`);
  return ['🎯 Capital Reallocation:', ...(lines.length > 0 ? lines : ['all agents at 0.0% (capital in cash)'])].join('\n');
}

const agentCount = (n: number): string => `${n} agent${n === 1 ? '' : 's'}`;

/** Returns a decision's message; `classAgents`: the agents a class decision takes out (classDecisionMembers). */
function decisionText(e: GovernanceEvent, classAgents: number): string {
  const who = `${e.agent ?? ''} (${e.strategy ?? 'no class'})`;
  const reason = e.text ?? '';
  switch (e.kind) {
    case 'agent_promoted':
      return `✅ Agent promoted: ${who}: ${reason}`;
    case 'agent_retired':
      return `🛑 Agent retired: ${who}: ${reason}`;
    case 'agent_killed':
      return `☠️ Agent killed: ${who}: ${reason}`;
    case 'class_retired':
      return `🛑 Strategy class retired: ${e.strategy ?? ''} (${agentCount(classAgents)}): ${reason}`;
    default:
      return `☠️ Strategy class killed: ${e.strategy ?? ''} (${agentCount(classAgents)}): ${reason}`;
  }
}

/**
 * Returns the notifications outbox in log order: a Capital Reallocation message (Telegram) at each
 * tick whose new targets passed the governor's threshold (it set targets), one message per
 * promotion, retirement and kill (the pull request), and one per guardian pause or resume (the log).
 */
export function buildNotifications(input: GovernanceInput): Notification[] {
  const out: Notification[] = [];
  const weights: Record<string, number> = Object.fromEntries(input.agents.map((a) => [a, 0]));
  const ev = input.log;
  const w = input.weights;
  let k = 0;
  let decision = 0; // input.decisions holds the log's decision events in log order
  for (let i = 0; i < ev.length; i++) {
    // the weights rows that come before event i in log order
    for (; k < w.n && chunkedI32At(w.logBefore, k) <= i; k++) weights[weightRowAgent(w, k)] = chunkedF64At(w.weight, k);
    const e = ev[i] as GovernanceEvent;
    const ts = formatUtc(e.tsMs);
    if (e.kind === 'targets_set') {
      // One message per reallocation: at the last targets_set of the tick, weights of that tick already applied. A tick's
      // targets_set rows are contiguous in the full log (rebalance writes them in one loop), so the next row of the
      // governance log (which drops fills and outcomes) is a targets_set at the same time exactly when the full log's is.
      const next = ev[i + 1];
      if (next === undefined || next.kind !== 'targets_set' || next.tsMs !== e.tsMs) out.push({ ts, channel: 'telegram', kind: 'reallocation', text: reallocationText(weights) });
    } else if (isDecisionKind(e.kind)) {
      const d = input.decisions[decision++] as GovernanceInput['decisions'][number];
      const n = classDecisionMembers(input, d).length;
      // seed 004: a decision opens (or adds to) the pull request; no seed sends it by Telegram
      out.push({ ts, channel: 'pull_request', kind: e.kind, text: decisionText(e, n) });
    } else if (e.kind === 'guardian_paused' || e.kind === 'guardian_resumed') {
      const verb = e.kind === 'guardian_paused' ? '⏸️ Guardian paused' : '▶️ Guardian resumed';
      // seed 002: the pause is a log line ("Confirm log message about pause"), not a Telegram message
      out.push({ ts, channel: 'log', kind: e.kind, text: `${verb}: portfolio drawdown ${pct(e.v1)}` });
    }
  }
  return out;
}

/**
 * Returns notifications.jsonl as UTF-8 bytes: one stable-key JSON object a line, encoded a line at
 * a time. A reallocation names every funded agent, so 10k agents' file is ~30 MB: as one string
 * (two bytes a character with the emoji) joined from its lines, ~120 MB at once, and as much again
 * when written; as bytes, twice the file.
 */
export function notificationsJsonl(ns: readonly Notification[]): Uint8Array {
  const encoder = new TextEncoder();
  const lines = ns.map((n) => encoder.encode(`${stableStringify(n)}\n`));
  const out = new Uint8Array(lines.reduce((sum, l) => sum + l.length, 0));
  let at = 0;
  for (const l of lines) {
    out.set(l, at);
    at += l.length;
  }
  return out;
}

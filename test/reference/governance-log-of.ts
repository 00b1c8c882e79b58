// The governance log's rule stated over event objects (weights_set rows as columns, placed among the kept events) (engine/governance/governance-log.ts does it
// over columns): test/engine/io/read-governance-log.test.ts and the governance fixture use it.
import type { GovernanceEvent } from '../../engine/governance/governance-input.js';
import { isGovernanceLogKind, weightRowAgent, type GovernanceLog, type WeightChanges } from '../../engine/governance/governance-log.js';
import { ChunkedF64, ChunkedI32, chunkedF64At, chunkedI32At, pushChunkedF64, pushChunkedI32 } from '../../engine/core/chunked-column.js';
import { addOutcome, finishLedger, newLedgerBuilder } from '../../engine/governance/outcome-ledger.js';

/**
 * Returns the governance log of events given in log order, in plain terms over event objects:
 * outcomes before `fromMs` (the run's start) left out: the reference the columnar builder (addEventRows) and so the streamed reader and the run's
 * collector are tested against.
 */
export function governanceLogOf(events: Iterable<GovernanceEvent>, fromMs = Number.NEGATIVE_INFINITY): GovernanceLog {
  const log: GovernanceEvent[] = [];
  const weights = { tsMs: [] as number[], agent: [] as string[], weight: [] as number[], logBefore: [] as number[] };
  const agentClass: Record<string, string> = {};
  const slots = new Map<string, number>();
  const ledger = newLedgerBuilder();
  let span: { firstMs: number; lastMs: number } | null = null;
  for (const e of events) {
    span = span === null ? { firstMs: e.tsMs, lastMs: e.tsMs } : { firstMs: span.firstMs, lastMs: e.tsMs };
    if (e.agent !== null && e.strategy !== null && agentClass[e.agent] === undefined) agentClass[e.agent] = e.strategy;
    if (e.kind === 'outcome_reconciled' && e.agent !== null) {
      if (e.tsMs < fromMs) continue; // the warm-up's outcomes: no LP figure counts them
      let slot = slots.get(e.agent);
      if (slot === undefined) slots.set(e.agent, (slot = slots.size));
      addOutcome(ledger, e.tsMs, slot, e.v1);
    } else if (e.kind === 'weights_set') {
      // kept as columns, each row placed among the kept events
      if (e.agent === null) continue;
      weights.tsMs.push(e.tsMs);
      weights.agent.push(e.agent);
      weights.weight.push(e.v1);
      weights.logBefore.push(log.length);
    } else if (isGovernanceLogKind(e.kind)) log.push(e);
  }
  return {
    span,
    log,
    weights: weightChangesOf(weights),
    agentClass,
    outcomes: finishLedger(ledger, [...slots.keys()]),
  };
}

/** The weights rows as the log's columns (chunked, agents by code in first-seen order). */
function weightChangesOf(rows: { tsMs: number[]; agent: string[]; weight: number[]; logBefore: number[] }): WeightChanges {
  const [tsMs, weight] = [new ChunkedF64(), new ChunkedF64()];
  const [agentCode, logBefore] = [new ChunkedI32(), new ChunkedI32()];
  const codes = new Map<string, number>();
  rows.tsMs.forEach((t, k) => {
    const a = rows.agent[k] as string;
    if (!codes.has(a)) codes.set(a, codes.size);
    pushChunkedF64(tsMs, t);
    pushChunkedI32(agentCode, codes.get(a) as number);
    pushChunkedF64(weight, rows.weight[k] as number);
    pushChunkedI32(logBefore, rows.logBefore[k] as number);
  });
  return { n: rows.tsMs.length, tsMs, agentCode, agentNames: [...codes.keys()], weight, logBefore };
}

/** Returns the weights rows as plain arrays, agents by name: what two logs' columns are compared by, whatever their agent codes. */
export function weightRowsOf(w: WeightChanges): { tsMs: number[]; agent: string[]; weight: number[]; logBefore: number[] } {
  const k = Array.from({ length: w.n }, (_, i) => i);
  return { tsMs: k.map((i) => chunkedF64At(w.tsMs, i)), agent: k.map((i) => weightRowAgent(w, i)), weight: k.map((i) => chunkedF64At(w.weight, i)), logBefore: k.map((i) => chunkedI32At(w.logBefore, i)) };
}

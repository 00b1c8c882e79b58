import type { Vector } from 'apache-arrow';
import { BtInputError } from '../core/errors.js';
import type { LoggedEventKind } from '../events/event.js';
import type { GovernanceEvent } from '../governance/governance-input.js';
import { isGovernanceLogKind, type GovernanceLog } from '../governance/governance-log.js';
import { addOutcome, finishLedger, newLedgerBuilder } from '../governance/outcome-ledger.js';
import { forEachEventLogBatch } from './event-log-columns.js';

/** What a kind's rows become: dropped, an outcome for the ledger, or a kept event. */
const SKIP = 0;
const OUTCOME = 1;
const KEEP = 2;

function floatAt(v: Vector | null, i: number): number {
  const x: unknown = v?.get(i);
  return typeof x === 'number' ? x : Number.NaN;
}

/**
 * Reads a run's events.arrow into its governance log (governance-log.ts: the same result as
 * governanceLogOf over the decoded events) in one pass, a record batch at a time: the memory
 * held is the kept events and the ledger, not the log. Rows must be in time order, as bt run
 * writes them.
 */
export function readGovernanceLog(path: string): GovernanceLog {
  const log: GovernanceEvent[] = [];
  const ledger = newLedgerBuilder();
  const role: number[] = [];
  // The strategy code of each agent code's first event that names both; -1 until then.
  let classOf = new Int32Array(0);
  let firstMs = Number.NaN;
  let lastMs = Number.NaN;
  let agents: readonly string[] = [];
  let strategies: readonly string[] = [];
  forEachEventLogBatch(path, (c, dicts) => {
    while (role.length < dicts.kind.values.length) {
      const kind = dicts.kind.values[role.length] as LoggedEventKind;
      role.push(kind === 'outcome_reconciled' ? OUTCOME : isGovernanceLogKind(kind) ? KEEP : SKIP);
    }
    if (classOf.length < dicts.agent.values.length) {
      const grown = new Int32Array(dicts.agent.values.length).fill(-1);
      grown.set(classOf);
      classOf = grown;
    }
    agents = dicts.agent.values;
    strategies = dicts.strategy.values;
    const name = (values: readonly string[], code: number): string | null => (code >= 0 ? (values[code] as string) : null);
    const { kind, agent, strategy } = c;
    const tsMs = c.tsMs();
    const v1 = c.v1();
    const [v2, v3, text] = ['v2', 'v3', 'text'].map((column) => c.batch.getChild(column));
    if (c.rows > 0 && Number.isNaN(firstMs)) firstMs = tsMs[0] as number;
    for (let i = 0; i < c.rows; i++) {
      const t = tsMs[i] as number;
      if (t < lastMs) throw new BtInputError({ file: path, row: c.firstRow + i + 1, field: 'ts', expected: `times in log order, at or after the row before (${new Date(lastMs).toISOString()})`, found: new Date(t).toISOString() });
      lastMs = t;
      const a = agent[i] as number;
      const s = strategy[i] as number;
      if (a >= 0 && s >= 0 && (classOf[a] as number) < 0) classOf[a] = s;
      const r = role[kind[i] as number];
      if (r === OUTCOME) {
        if (a >= 0) addOutcome(ledger, t, a, v1[i] as number);
      } else if (r === KEEP) {
        const reason: unknown = text?.get(i);
        log.push({
          kind: dicts.kind.values[kind[i] as number] as LoggedEventKind,
          tsMs: t,
          agent: name(agents, a),
          symbol: name(dicts.symbol.values, c.symbol[i] as number),
          strategy: name(strategies, s),
          v1: v1[i] as number,
          v2: floatAt(v2 ?? null, i),
          v3: floatAt(v3 ?? null, i),
          text: typeof reason === 'string' ? reason : null,
        });
      }
    }
  });
  const agentClass: Record<string, string> = {};
  classOf.forEach((s, a) => {
    if (s >= 0) agentClass[agents[a] as string] = strategies[s] as string;
  });
  return { span: Number.isNaN(firstMs) ? null : { firstMs, lastMs }, log, agentClass, outcomes: finishLedger(ledger, agents) };
}

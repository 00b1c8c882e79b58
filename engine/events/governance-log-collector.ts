import { addEventRows, finishGovernanceLog, newGovernanceLogBuilder, type EventRowNames, type GovernanceLog } from '../governance/governance-log.js';
import { LOGGED_EVENT_KINDS } from './event.js';
import type { EventLog } from './log.js';

/**
 * Builds a run's governance log from the log's batches as they are handed on (a spilling log's
 * sink sees every row once): what `bt run --governance` would otherwise read back from
 * events.arrow, a file of gigabytes on large runs.
 */
export interface GovernanceLogCollector {
  /** Takes the batch's rows [0, log.length) (texts by log.texts). */
  readonly add: (log: EventLog) => void;
  /** The governance log of every row taken; call once, after the last batch. */
  readonly finish: () => GovernanceLog;
}

/** Returns a collector for the log of a run starting at `fromMs`, whose ids index `names`. */
export function collectGovernanceLog(names: { readonly agents: readonly string[]; readonly symbols: readonly string[]; readonly strategies: readonly string[] }, fromMs: number): GovernanceLogCollector {
  const b = newGovernanceLogBuilder(fromMs);
  const rowNames: EventRowNames = { kinds: LOGGED_EVENT_KINDS, agents: names.agents, symbols: names.symbols, strategies: names.strategies };
  return {
    add: (log) => {
      const { textId, texts } = log;
      const text = (i: number): string | null => {
        const id = textId[i] as number;
        return id >= 0 ? (texts[id] as string) : null;
      };
      addEventRows(b, { rows: log.length, kind: log.kind, tsMs: log.tsMs, agent: log.agent, symbol: log.symbol, strategy: log.strategy, v1: log.v1, v2: log.v2, v3: log.v3, text }, rowNames);
    },
    finish: () => finishGovernanceLog(b, rowNames),
  };
}

import { BtInputError } from '../core/errors.js';
import { addEventRows, finishGovernanceLog, newGovernanceLogBuilder, type EventRowNames, type GovernanceLog } from '../governance/governance-log.js';
import { forEachEventLogBatch, textColumn } from './event-log-columns.js';

/**
 * Reads a run's events.arrow into its governance log (governance-log.ts: the same result as
 * test/reference/governance-log-of.ts over the decoded events) in one pass, a record batch at a time: the memory
 * held is the kept events and the ledger, not the log. Rows must be in time order, as bt run
 * writes them (the row where time goes back is named). `fromMs`: the run's start (manifest.json's run_start).
 */
export function readGovernanceLog(path: string, fromMs: number): GovernanceLog {
  const b = newGovernanceLogBuilder(fromMs);
  let names: EventRowNames = { kinds: [], agents: [], symbols: [], strategies: [] };
  let lastMs = Number.NEGATIVE_INFINITY;
  forEachEventLogBatch(path, (c, dicts) => {
    const tsMs = c.tsMs();
    for (let i = 0; i < c.rows; i++) {
      const t = tsMs[i] as number;
      if (t < lastMs) throw new BtInputError({ file: path, row: c.firstRow + i + 1, field: 'ts', expected: `times in log order, at or after the row before (${new Date(lastMs).toISOString()})`, found: new Date(t).toISOString() });
      lastMs = t;
    }
    names = { kinds: dicts.kind.values, agents: dicts.agent.values, symbols: dicts.symbol.values, strategies: dicts.strategy.values };
    addEventRows(b, { rows: c.rows, kind: c.kind, tsMs, agent: c.agent, symbol: c.symbol, strategy: c.strategy, v1: c.v1(), v2: c.v2(), v3: c.v3(), text: textColumn(c.batch.getChild('text')) }, names);
  });
  return finishGovernanceLog(b, names);
}

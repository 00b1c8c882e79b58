import type { LoggedEventKind } from '../events/event.js';
import type { LoggedEvent } from '../run/apply-event.js';
import { forEachEventLogBatch, textColumn } from './event-log-columns.js';

/** A logged event with its text column (reasons, model fits). */
export interface LoggedEventWithText extends LoggedEvent {
  readonly text: string | null;
}

/**
 * Visits a run's events.arrow row by row, in log order, one record batch in memory at a time
 * (bt run spills the log in batches: an L run's file passes 2 GiB). `row` is 0-based.
 */
export function forEachEvent(path: string, visit: (e: LoggedEventWithText, row: number) => void): number {
  let row = 0;
  forEachEventLogBatch(path, (c, dicts) => {
    const name = (values: readonly string[], code: number): string | null => (code >= 0 ? (values[code] as string) : null);
    const [ts, v1, v2, v3] = [c.tsMs(), c.v1(), c.v2(), c.v3()];
    const text = textColumn(c.batch.getChild('text'));
    for (let i = 0; i < c.rows; i++, row++) {
      const e = {
        kind: dicts.kind.values[c.kind[i] as number] as LoggedEventKind,
        tsMs: ts[i] as number,
        agent: name(dicts.agent.values, c.agent[i] as number),
        symbol: name(dicts.symbol.values, c.symbol[i] as number),
        strategy: name(dicts.strategy.values, c.strategy[i] as number),
        v1: v1[i] as number,
        v2: v2[i] as number,
        v3: v3[i] as number,
        text: text(i),
      };
      visit(e, row);
    }
  });
  return row;
}

/** Reads a run's events.arrow into decoded events (with their text), in log order. */
export function readEventsArrow(path: string): LoggedEventWithText[] {
  const out: LoggedEventWithText[] = [];
  forEachEvent(path, (e) => out.push(e));
  return out;
}

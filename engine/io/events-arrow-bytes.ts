import { forEachEventBatch, type OutcomeKeys } from '../events/event-batches.js';
import type { EventLog } from '../events/log.js';
import { BATCH_ROWS, ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch } from './arrow-table.js';
import { EVENTS_METADATA, eventsColumns, type EventNames } from './events-file.js';
import { openIpcBytesStream } from './ipc-bytes-stream.js';

/**
 * Returns the bytes of events.arrow for an in-memory log (runOutputFiles): the log expanded
 * batch by batch (forEachEventBatch) into record batches of BATCH_ROWS rows, each built in
 * one reused scratch and copied out, so the same bytes as columnsToIpc over the full rows and
 * as the spilled file (openEventsFile), without the full rows ever held at once.
 */
export function eventsArrowBytes(log: EventLog, data: EventNames & OutcomeKeys): Uint8Array {
  const file = openIpcBytesStream();
  let layout: ReturnType<typeof ipcLayout> | null = null;
  let scratch: BatchScratch | null = null;
  let batches = 0;
  const write = (batch: EventLog): void => {
    const cols = eventsColumns(batch, data);
    layout ??= ipcLayout(cols, EVENTS_METADATA);
    scratch ??= newBatchScratch(cols, Math.max(1, Math.min(BATCH_ROWS, batch.length)));
    file.write(recordBatchOf(layout, cols, 0, batch.length, scratch));
    batches += 1;
  };
  forEachEventBatch(log, data, BATCH_ROWS, write);
  if (batches === 0) write(log); // an empty log is one empty batch, as columnsToIpc writes it
  return file.finish();
}

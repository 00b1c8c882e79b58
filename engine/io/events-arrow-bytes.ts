import { eventRowCount, forEachEventBatch, type OutcomeKeys } from '../events/event-batches.js';
import type { EventLog } from '../events/log.js';
import { BATCH_ROWS } from './arrow-table.js';
import { eventsBatchEncoder, type EventNames } from './events-file.js';
import { openIpcBytesStream } from './ipc-bytes-stream.js';

/**
 * Returns the bytes of events.arrow for an in-memory log (runOutputFiles): the log expanded
 * batch by batch (forEachEventBatch) into record batches of BATCH_ROWS rows, each built in
 * one reused scratch and copied out, so the same bytes as columnsToIpc over the full rows and
 * as the spilled file (openEventsFile), without the full rows ever held at once.
 */
export function eventsArrowBytes(log: EventLog, data: EventNames & OutcomeKeys): Uint8Array {
  const file = openIpcBytesStream();
  const encoder = eventsBatchEncoder(data, Math.max(1, Math.min(BATCH_ROWS, eventRowCount(log))), file.write);
  forEachEventBatch(log, data, BATCH_ROWS, encoder.append);
  if (encoder.batches() === 0) encoder.append(log); // an empty log is one empty batch, as columnsToIpc writes it
  return file.finish();
}

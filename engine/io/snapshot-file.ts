import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { writeFileAtomic } from './atomic-write.js';
import type { KernelSnapshot } from '../run/run.js';
import type { EventLog } from '../events/log.js';
import { newOutcomeTable } from '../events/outcome-table.js';

/** What a snapshot must agree with to be resumed: the scenario as resolved and the inputs. */
export interface SnapshotHeader {
  readonly format: 'bt-snapshot-1';
  readonly bt_version: string;
  /** v8's serialization format follows the Node major version. */
  readonly node_major: number;
  readonly scenario: unknown;
  readonly inputs: Readonly<Record<string, string>>;
}

const MAGIC = 'bt-snapshot-1\n';

/** Recognises a snapshot file by its first line. */
export function isSnapshotFile(head: Buffer): boolean {
  return head.subarray(0, MAGIC.length).toString('utf8') === MAGIC;
}

/** Writes a kernel snapshot: a JSON header line, then the state in v8's structured-clone format. */
export function writeSnapshotFile(path: string, header: SnapshotHeader, snap: KernelSnapshot): void {
  const head = Buffer.from(`${MAGIC}${stableStringify(header)}\n`, 'utf8');
  writeFileAtomic(path, Buffer.concat([head, serialize(snap)]));
}

/** Reads a snapshot and checks it belongs to this scenario and these inputs. */
export function readSnapshotFile(path: string, expected: SnapshotHeader): KernelSnapshot {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new BtInputError({ file: path, expected: 'a snapshot written by bt run --snapshot', found: 'no such file' });
  }
  const magic = bytes.subarray(0, MAGIC.length).toString('utf8');
  const nl = bytes.indexOf(10, MAGIC.length);
  if (magic !== MAGIC || nl < 0) {
    throw new BtInputError({ file: path, expected: 'a snapshot written by bt run --snapshot', found: 'another kind of file' });
  }
  const header = JSON.parse(bytes.subarray(MAGIC.length, nl).toString('utf8')) as SnapshotHeader;
  for (const key of ['bt_version', 'node_major', 'scenario', 'inputs'] as const) {
    if (stableStringify(header[key]) !== stableStringify(expected[key])) {
      throw new BtInputError({
        file: path,
        field: key,
        expected: `the value of this run (${key === 'scenario' ? 'the same resolved scenario' : key === 'inputs' ? 'the same input files' : stableStringify(expected[key])})`,
        found: key === 'scenario' || key === 'inputs' ? 'a different one' : stableStringify(header[key]),
        hint: 'A snapshot resumes only the run that wrote it',
      });
    }
  }
  return withOutcomeTable(deserialize(bytes.subarray(nl + 1)) as KernelSnapshot);
}

/**
 * A snapshot written before the event log had an outcome table holds every outcome as a full
 * row: the same log with an empty table, so it stays readable.
 */
function withOutcomeTable(snap: KernelSnapshot): KernelSnapshot {
  const log = snap.state.log as Omit<EventLog, 'outcomes'> & { outcomes?: EventLog['outcomes'] };
  log.outcomes ??= newOutcomeTable(0);
  return snap;
}

import { readFileSync } from 'node:fs';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeSnapshotValue, encodeSnapshotValue } from './snapshot-codec.js';
import type { KernelSnapshot } from '../run/run.js';

/** What a snapshot must agree with to be resumed: the scenario as resolved and the inputs. */
export interface SnapshotHeader {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly bt_version: string;
  /** What the engine computes (manifest.ts ENGINE_VERSION): a resumed run must finish as it started. */
  readonly engine_version: string;
  /** The Node major version that wrote it (the state's format is bt's own, snapshot-codec.ts; kept so a snapshot resumes on the Node it was written with). */
  readonly node_major: number;
  readonly scenario: unknown;
  readonly inputs: Readonly<Record<string, string>>;
}

/**
 * The layout of the run state a snapshot holds. Bump it whenever RunState's shape changes: the
 * header's bt_version alone does not change between commits, and a state of another shape
 * would resume silently wrong (2: the event log's outcome table, the pending ring without its
 * row column, tick skipping's supervisor and weights reasons kept apart; 3: the outcome
 * statistics' time log keeps one time per block, not per outcome; 4: the statistics stage keeps
 * per-agent copies of the long window for its drawdowns; 5: the outcome table stores no realized
 * pnl for blocks reconciled in counter order, and says from which outcome it does; the pending
 * ring says whether it copies the findings' own columns; 6: the target rows say where they
 * go, targets.arrow or memory; 7: the event log holds a rebalance's targets_set rows as one
 * block pointing into the target rows, and says into which, and a price block's fills as one
 * block over a fill table; 8: the outcome table says how much room it takes once it stores
 * anything, and makes no columns before; 9: the portfolio keeps each symbol's last close time and
 * longest gap between closes; 10: the portfolio sums the turnover its fills traded, and no longer
 * the traded notional nothing read, and counts the outcomes of realized pnl exactly 0; 11: the
 * portfolio counts the fills whose cost was capped at their traded notional; 12: it no longer
 * keeps costs paid, the sum of its three cost parts, and counts the fills that charged no impact
 * for want of a full window of returns; 13: the state in bt's own format, snapshot-codec.ts, not
 * v8.serialize, whose bytes followed what ran before in the process; 14: the target rows no
 * longer say where they go: the sinks of targets.arrow and agent_weights.arrow are the run's
 * control, not its state, row-batches.ts).
 */
export const SNAPSHOT_FORMAT = 'bt-snapshot-14';
const MAGIC = `${SNAPSHOT_FORMAT}\n`;
/** The first line of a snapshot of any layout bt ever wrote. */
const ANY_MAGIC = /^bt-snapshot-(\d+)\n/;

/** Recognises a snapshot file (of this layout or an earlier one) by its first line. */
export function isSnapshotFile(head: Buffer): boolean {
  return ANY_MAGIC.test(head.subarray(0, 32).toString('latin1'));
}

/** Returns a kernel snapshot's bytes: a JSON header line, then the state (snapshot-codec.ts). */
export function snapshotBytes(header: SnapshotHeader, snap: KernelSnapshot): Buffer {
  const head = Buffer.from(`${MAGIC}${stableStringify(header)}\n`, 'utf8');
  return Buffer.concat([head, encodeSnapshotValue(snap)]);
}

/** Writes a kernel snapshot (snapshotBytes). */
export function writeSnapshotFile(path: string, header: SnapshotHeader, snap: KernelSnapshot): void {
  writeFileAtomic(path, snapshotBytes(header, snap));
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
    const older = ANY_MAGIC.exec(bytes.subarray(0, 32).toString('latin1'));
    if (older !== null) {
      throw new BtInputError({
        file: path,
        expected: `a snapshot of this bt's run state (${SNAPSHOT_FORMAT})`,
        found: `bt-snapshot-${older[1]}, written by another bt whose run state has another shape`,
        hint: 'Run the scenario again from the start (a snapshot resumes only with the bt that wrote it)',
      });
    }
    throw new BtInputError({ file: path, expected: 'a snapshot written by bt run --snapshot', found: 'another kind of file' });
  }
  const header = JSON.parse(bytes.subarray(MAGIC.length, nl).toString('utf8')) as SnapshotHeader;
  for (const key of ['bt_version', 'engine_version', 'node_major', 'scenario', 'inputs'] as const) {
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
  return decodeSnapshotValue(bytes.subarray(nl + 1), path) as KernelSnapshot;
}

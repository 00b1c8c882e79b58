import type { Data, RecordBatch, Vector } from 'apache-arrow';
import { allValid, bitAt, decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger, remapFor, type DictMerger } from '../../datasets/read/decode-columns.js';
import { withFirstRows } from '../../datasets/read/batches-holding.js';
import { openAnyArrowFile, type OpenedArrowFile } from '../../datasets/read/open-arrow-file.js';
import { BtInputError } from '../core/errors.js';
import { LOGGED_EVENT_KINDS, type LoggedEventKind } from '../events/event.js';

/**
 * One record batch of a run's events.arrow, decoded into buffers reused from batch to batch.
 * Name columns hold codes into file-wide dictionaries (`EventLogDicts`; -1 = null), so a code
 * means the same name in every batch.
 */
export interface EventLogColumns {
  readonly rows: number;
  /** The batch's first row in the file (0-based). */
  readonly firstRow: number;
  readonly kind: Int32Array;
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly strategy: Int32Array;
  /** Times and values, each decoded at its first call for the batch (a reader of a rare kind skips most batches'; NaN for null). */
  readonly tsMs: () => Float64Array;
  readonly v1: () => Float64Array;
  readonly v2: () => Float64Array;
  readonly v3: () => Float64Array;
  /** The batch itself, for the columns read only at a few rows (text). */
  readonly batch: RecordBatch;
}

/** The file-wide dictionaries of the name columns: `values` only grows, so earlier codes stay valid. */
export interface EventLogDicts {
  readonly kind: DictMerger;
  readonly agent: DictMerger;
  readonly symbol: DictMerger;
  readonly strategy: DictMerger;
}

const COLUMNS = ['kind', 'ts', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3'] as const;

/** The name columns a visit can skip decoding (kind is always decoded). */
export type EventLogNameColumn = 'agent' | 'symbol' | 'strategy';
const ALL_NAMES: readonly EventLogNameColumn[] = ['agent', 'symbol', 'strategy'];

/** What a visit needs of the log. */
export interface EventLogReadOptions {
  /** Name columns to decode (default all); the others' arrays are empty. */
  readonly names?: readonly EventLogNameColumn[];
  /**
   * Only batches holding one of these kinds are read and visited (the others are skipped after
   * reading their kind indices alone, and go unchecked); the name dictionaries are the file's
   * whole, as if every batch had been decoded.
   */
  readonly onlyKinds?: readonly LoggedEventKind[];
}

/** A run folder's Arrow file that cannot be read as bt run writes it. */
export function notWrittenByBt(path: string, err: unknown): BtInputError {
  if (err instanceof BtInputError) return err;
  return new BtInputError({ file: path, expected: 'an Arrow IPC file written by bt run', found: err instanceof Error ? err.message : String(err) });
}

/**
 * Visits a run's events.arrow one record batch at a time, in log order, with its columns
 * decoded (a run's log can be gigabytes: M 611 MB, L 2.8 GB; whole-file reading fails past
 * 2 GiB). Checks the columns are there and every kind is one bt logs, naming the row when not.
 * The arrays passed to `visit` are overwritten by the next batch. `opts`: which name columns to
 * decode, and which kinds a batch must hold to be read at all (EventLogReadOptions).
 */
export function forEachEventLogBatch(path: string, visit: (c: EventLogColumns, dicts: EventLogDicts) => void, opts: EventLogReadOptions = {}): void {
  const names = opts.names ?? ALL_NAMES;
  let file: OpenedArrowFile;
  try {
    file = openAnyArrowFile(path);
  } catch (err) {
    throw notWrittenByBt(path, err);
  }
  const fields = file.schema.fields.map((f) => f.name);
  for (const column of COLUMNS) {
    if (!fields.includes(column)) throw new BtInputError({ file: path, field: column, expected: `a column '${column}' (as bt run writes)`, found: `columns ${fields.join(', ')}` });
  }
  const none = new Int32Array(0);
  const dicts: EventLogDicts = { kind: newDictMerger(), agent: newDictMerger(), symbol: newDictMerger(), strategy: newDictMerger() };
  let kind = new Int32Array(0);
  let agent = new Int32Array(0);
  let symbol = new Int32Array(0);
  let strategy = new Int32Array(0);
  let ts = new Float64Array(0);
  const values = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
  // Whether each kind code names a kind bt logs, filled as the dictionary grows.
  const knownKinds: boolean[] = [];
  try {
    let batches: Iterable<{ readonly batch: RecordBatch; readonly firstRow: number }>;
    if (opts.onlyKinds === undefined) batches = withFirstRows(file.batches(true));
    else {
      // the names every batch's decoding would have merged, whether or not a batch is read
      const fileDicts = file.dictionaries();
      for (const column of names) {
        const d = fileDicts.get(column);
        if (d !== undefined) remapFor(dicts[column], d);
      }
      batches = file.batchesHolding('kind', opts.onlyKinds, true);
    }
    for (const { batch: b, firstRow } of batches) {
      const n = b.numRows;
      if (kind.length < n) {
        kind = new Int32Array(n);
        agent = new Int32Array(n);
        symbol = new Int32Array(n);
        strategy = new Int32Array(n);
        ts = new Float64Array(n);
        for (let j = 0; j < 3; j++) values[j] = new Float64Array(n);
      }
      const data = (column: string): readonly Data[] => (b.getChild(column) as Vector).data as readonly Data[];
      const k = decodeDict(data('kind'), dicts.kind, kind.subarray(0, n)).codes;
      while (knownKinds.length < dicts.kind.values.length) knownKinds.push((LOGGED_EVENT_KINDS as readonly string[]).includes(dicts.kind.values[knownKinds.length] as string));
      // A row per row check only when some kind is unknown; a null (-1) is found by a native scan.
      const bad = knownKinds.includes(false) ? k.findIndex((c) => c < 0 || knownKinds[c] !== true) : k.indexOf(-1);
      if (bad >= 0) {
        const c = k[bad] as number;
        throw new BtInputError({ file: path, row: firstRow + bad + 1, field: 'kind', expected: `one of ${LOGGED_EVENT_KINDS.join(', ')}`, found: c < 0 ? 'null' : String(dicts.kind.values[c]) });
      }
      let tsDone: Float64Array | null = null;
      const done: (Float64Array | null)[] = [null, null, null];
      const value = (j: number): Float64Array => (done[j] ??= decodeFloat64(data(`v${j + 1}`), () => undefined, true, (values[j] as Float64Array).subarray(0, n)));
      visit(
        {
          rows: n,
          firstRow,
          kind: k,
          agent: names.includes('agent') ? decodeDict(data('agent'), dicts.agent, agent.subarray(0, n)).codes : none,
          symbol: names.includes('symbol') ? decodeDict(data('symbol'), dicts.symbol, symbol.subarray(0, n)).codes : none,
          strategy: names.includes('strategy') ? decodeDict(data('strategy'), dicts.strategy, strategy.subarray(0, n)).codes : none,
          tsMs: () => (tsDone ??= decodeTimestampMs(data('ts'), ts.subarray(0, n))),
          v1: () => value(0),
          v2: () => value(1),
          v3: () => value(2),
          batch: b,
        },
        dicts,
      );
    }
  } catch (err) {
    throw notWrittenByBt(path, err);
  }
}

/** Row i's text of a batch's text column, or null: the validity bit read first, so the many null rows cost no Arrow row access. */
export function textColumn(v: Vector | null): (i: number) => string | null {
  const d = v?.data[0] as Data | undefined;
  if (v === null || d === undefined) return () => null;
  const all = allValid(d);
  const bm = d.nullBitmap as Uint8Array;
  const offset = d.offset;
  return (i) => {
    if (!all && !bitAt(bm, offset, i)) return null;
    const x: unknown = v.get(i);
    return typeof x === 'string' ? x : null;
  };
}

/** Reads findings.arrow into the columns of columns.ts, whole or batch by batch, validating every row. */
import type { RecordBatch, Schema } from 'apache-arrow';
import { ViolationCollector } from '../../engine/core/errors.js';
import { SEVERITIES, type FindingsColumns } from '../schemas/columns.js';
import { openArrowFile } from './open-arrow-file.js';
import { ScratchColumns } from './scratch-columns.js';
import { edgeTimes } from './edge-times.js';
import { findingsRunDecoder, type FindingsRunBatch, type FindingsRunIds } from './findings-run-batch.js';
import { duplicateFindingError, ExactDuplicateFindings } from './exact-duplicate-findings.js';
import { FindingOrderCheck, findingOrderError } from './finding-order.js';
import { batchChunks, formatFound, isoFromMs } from './batch-chunks.js';
import { decodeDict, decodeFloat64, decodeInt8, decodeTimestampMs, newDictMerger, type BadValueReport, type DictMerger, type StreamOptions } from './decode-columns.js';

interface FindingsReadState {
  readonly file: string;
  readonly schema: Schema;
  readonly dicts: Readonly<Record<'agent' | 'symbol' | 'severity' | 'strategy', DictMerger>>;
  /** Rows were validated on an earlier pass: decode without checking. */
  readonly checked: boolean;
  /** The strategy column is decoded (else its codes are all null). */
  readonly strategy: boolean;
  /** Reused output arrays (StreamOptions.scratch), or null: fresh arrays per batch. */
  readonly scratch: ScratchColumns | null;
  rowOffset: number;
  prevTsMs: number;
}

/** Returns the whole findings file as columns; throws BtInputError listing schema or value violations. */
export function readFindingsArrow(path: string): FindingsColumns {
  const f = openArrowFile(path, 'findings');
  return decodeFindings([...f.batches()], newState(path, f.schema, {}));
}

/** Yields the findings file one record batch at a time; codes index one file-wide dictionary per column. */
export function* streamFindingsArrow(path: string, opts: StreamOptions = {}): Iterable<FindingsColumns> {
  const f = openArrowFile(path, 'findings');
  const state = newState(path, f.schema, opts);
  // each batch is decoded (copied out of its body buffer, which the next reuses) before the next is read
  for (const b of f.batches(true)) yield decodeFindings([b], state);
}

/**
 * Yields the findings file one record batch at a time as a run replays it: run ids and severity
 * multipliers decoded and checked in one pass per column (findings-run-batch.ts); a batch that
 * pass cannot take is decoded as streamFindingsArrow decodes it (its errors thrown) and handed
 * to `decoded` with its first row's 0-based index in the file, which maps it (and words the
 * errors of names without an id). Always StreamOptions.scratch: each batch is valid until the next.
 */
export function* streamFindingsForRun(path: string, opts: StreamOptions, ids: FindingsRunIds, decoded: (cols: FindingsColumns, firstRow: number) => FindingsRunBatch): Iterable<FindingsRunBatch> {
  const f = openArrowFile(path, 'findings');
  const state = newState(path, f.schema, { ...opts, scratch: true });
  const fast = findingsRunDecoder(ids);
  const order = new FindingOrderCheck();
  const copies = new ExactDuplicateFindings();
  for (const b of f.batches(true)) {
    const firstRow = state.rowOffset;
    let run = fast(b, state.prevTsMs);
    if (run === null) run = decoded(decodeFindings([b], state), firstRow);
    else {
      // what decodeFindings leaves after a batch without violations
      state.rowOffset += run.n;
      if (run.n > 0) state.prevTsMs = run.tsMs[run.n - 1] as number;
    }
    const copy = copies.scan(run, firstRow);
    if (copy !== null) {
      const i = copy.row - firstRow;
      throw duplicateFindingError(path, copy, run.tsMs[i] as number, nameOf(ids.agent, run.agentId[i] as number), nameOf(ids.symbol, run.symbolId[i] as number));
    }
    // after the copies: a copy out of place is named as a copy
    const disorder = order.scan(run, firstRow);
    if (disorder.length > 0) throw findingOrderError(path, disorder, order.count, (id) => nameOf(ids.agent, id), (id) => nameOf(ids.symbol, id));
    yield run;
  }
}

/** The name a run id stands for (an error's words: a scan of the map). */
function nameOf(ids: ReadonlyMap<string, number>, id: number): string {
  for (const [name, i] of ids) if (i === id) return name;
  return String(id);
}

/** The first and last timestamps of a findings file from its edge batches (edge-times.ts); null when either edge row's ts is null. */
export function findingsEdgeTimes(path: string): { readonly first: number; readonly last: number } | null {
  const e = edgeTimes(openArrowFile(path, 'findings'));
  return e === null ? null : { first: e.first, last: e.last };
}

function newState(file: string, schema: Schema, opts: StreamOptions): FindingsReadState {
  const dicts = { agent: newDictMerger(), symbol: newDictMerger(), severity: newDictMerger(), strategy: newDictMerger() };
  return { file, schema, dicts, checked: opts.checked === true, strategy: opts.strategy !== false, scratch: opts.scratch === true ? new ScratchColumns() : null, rowOffset: 0, prevTsMs: Number.NEGATIVE_INFINITY };
}

function decodeFindings(batches: readonly RecordBatch[], st: FindingsReadState): FindingsColumns {
  const { file, schema } = st;
  const v = new ViolationCollector();
  const at = (i: number): number => st.rowOffset + i + 1; // 1-based row in the file
  const bad = (field: string, what: string): BadValueReport | null => (st.checked ? null : (i: number, found: string) => v.add({ file, row: at(i), field, expected: what, found }));
  const req = (name: string) => batchChunks(schema, batches, name) ?? [];
  const sc = st.scratch;
  const rows = sc === null ? 0 : batches.reduce((sum, b) => sum + b.numRows, 0);
  // undefined (no scratch): the decoder allocates a fresh array of the chunks' length
  const f64 = (name: string): Float64Array | undefined => sc?.f64(name, rows);
  const i32 = (name: string): Int32Array | undefined => sc?.i32(name, rows);
  const tsMs = decodeTimestampMs(req('ts'), f64('ts'));
  const n = tsMs.length;
  const agent = decodeDict(req('agent'), st.dicts.agent, i32('agent'));
  const symbol = decodeDict(req('symbol'), st.dicts.symbol, i32('symbol'));
  const severity = decodeDict(req('severity'), st.dicts.severity, i32('severity'));
  const confidence = decodeFloat64(req('confidence'), bad('confidence', 'a number in [0, 1]'), false, f64('confidence'));
  const dirChunks = batchChunks(schema, batches, 'direction');
  const direction = dirChunks === undefined ? (sc?.i8('direction', n) ?? new Int8Array(n)).fill(1) : decodeInt8(dirChunks, 1, sc?.i8('direction', rows));
  const hChunks = batchChunks(schema, batches, 'horizon_hours');
  const horizonHours = hChunks === undefined ? (sc?.f64('horizon_hours', n) ?? new Float64Array(n)).fill(Number.NaN) : decodeFloat64(hChunks, bad('horizon_hours', 'a number > 0 or null'), true, f64('horizon_hours'));
  const sChunks = st.strategy ? batchChunks(schema, batches, 'strategy') : undefined;
  const strategy = sChunks === undefined ? { dictionary: st.dicts.strategy.values, codes: (sc?.i32('strategy', n) ?? new Int32Array(n)).fill(-1) } : decodeDict(sChunks, st.dicts.strategy, i32('strategy'));
  const eChunks = batchChunks(schema, batches, 'expected_pnl_bps');
  const expectedPnlBps = eChunks === undefined ? undefined : decodeFloat64(eChunks, bad('expected_pnl_bps', 'a finite number (bps) or null'), true, f64('expected_pnl_bps'));
  const columns: FindingsColumns = { length: n, tsMs, agent, symbol, severity, confidence, direction, horizonHours, strategy, ...(expectedPnlBps !== undefined ? { expectedPnlBps } : {}) };
  const severityOk = st.checked ? [] : severity.dictionary.map((s) => (SEVERITIES as readonly string[]).includes(s));
  // The loop that words each violation runs only on a batch that has some.
  if (!st.checked && !(v.count === 0 && rowsAreValid(st.prevTsMs, tsMs, agent.codes, symbol.codes, severity.codes, severityOk, confidence, direction, horizonHours))) {
    let prev = st.prevTsMs;
    for (let i = 0; i < n; i++) {
      const t = tsMs[i] ?? Number.NaN;
      if (Number.isNaN(t)) v.add({ file, row: at(i), field: 'ts', expected: 'a timestamp', found: 'null' });
      else {
        if (t < prev) v.add({ file, row: at(i), field: 'ts', expected: `rows sorted by ts (at or after ${isoFromMs(prev)})`, found: isoFromMs(t) });
        prev = t;
      }
      if ((agent.codes[i] ?? -1) < 0) v.add({ file, row: at(i), field: 'agent', expected: 'an agent name', found: 'null' });
      if ((symbol.codes[i] ?? -1) < 0) v.add({ file, row: at(i), field: 'symbol', expected: 'a symbol', found: 'null' });
      const sc = severity.codes[i] ?? -1;
      if (sc < 0 || severityOk[sc] !== true) {
        v.add({ file, row: at(i), field: 'severity', expected: `one of ${SEVERITIES.join(', ')}`, found: formatFound(sc < 0 ? null : (severity.dictionary[sc] ?? null)) });
      }
      const c = confidence[i] ?? Number.NaN;
      // NaN and +-Infinity were named by the decoder; name each value once
      if (Number.isFinite(c) && (c < 0 || c > 1)) v.add({ file, row: at(i), field: 'confidence', expected: 'a number in [0, 1]', found: String(c) });
      const d = direction[i] ?? 1;
      if (d !== 1 && d !== -1) v.add({ file, row: at(i), field: 'direction', expected: '+1, -1 or null', found: String(d) });
      const h = horizonHours[i] ?? Number.NaN;
      if (h <= 0 && Number.isFinite(h)) v.add({ file, row: at(i), field: 'horizon_hours', expected: 'a number > 0 or null', found: String(h) });
    }
    v.throwIfAny();
  }
  // No violation: the rows are sorted and non-null, so the last one is the latest.
  st.rowOffset += n;
  if (n > 0) st.prevTsMs = tsMs[n - 1] as number;
  return columns;
}

/**
 * The row checks of decodeFindings on numbers only: true when no row breaks one, so the loop
 * that words each violation runs only on a batch that has some.
 */
function rowsAreValid(
  prevTsMs: number,
  tsMs: Float64Array,
  agent: Int32Array,
  symbol: Int32Array,
  severity: Int32Array,
  severityOk: readonly boolean[],
  confidence: Float64Array,
  direction: Int8Array,
  horizonHours: Float64Array,
): boolean {
  let prev = prevTsMs;
  for (let i = 0; i < tsMs.length; i++) {
    const t = tsMs[i] as number;
    if (!(t >= prev)) return false; // NaN (null) or out of order
    prev = t;
    const sc = severity[i] as number;
    if ((agent[i] as number) < 0 || (symbol[i] as number) < 0 || sc < 0 || severityOk[sc] !== true) return false;
    const c = confidence[i] as number;
    const d = direction[i] as number;
    if (c < 0 || c > 1 || (d !== 1 && d !== -1) || (horizonHours[i] as number) <= 0) return false;
  }
  return true;
}

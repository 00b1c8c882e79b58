/**
 * A findings record batch decoded as a run replays it, in one pass per column: run ids straight
 * from the agent and symbol keys and severity multipliers from the severity keys (one table per
 * dictionary, not a file-wide code and then an id per row), confidence, direction and horizon
 * read in place, and every row check of the full decoding (decodeFindings) made as it goes.
 * Null when a row or column needs the full decoding: a null, a value it rejects, a name the run
 * has no id for, a chunked column. The full decoding then words the error, or decodes what it
 * accepts (a null horizon), so every value and every error is that decoding's.
 */
import type { RecordBatch } from 'apache-arrow';
import { SEVERITIES, SEVERITY_MULTIPLIER, type Severity } from '../schemas/columns.js';
import { ScratchColumns } from './scratch-columns.js';
import { allSigns, dictionaryOf, idTable, keysToIds, keysToValues, PerDictionary, timePairs, timesInOrder, validChunk, valuesWithin, type Keys } from './run-batch-loops.js';

/**
 * Findings as a run replays them (RunData's findings, whole or a batch): run ids and severity
 * multipliers (a streamed batch's arrays are reused by the next batch).
 */
export interface FindingsRunBatch {
  readonly n: number;
  readonly tsMs: Float64Array;
  readonly agentId: Int32Array;
  readonly symbolId: Int32Array;
  readonly confidence: Float64Array;
  readonly severityMult: Float64Array;
  readonly direction: Int8Array;
  /** NaN = use the scenario's default horizon. */
  readonly horizonHours: Float64Array;
  /** The findings' own expected_pnl_bps (NaN = null); absent when the file has none. */
  readonly expectedPnlBps?: Float64Array;
}

/** The run's ids of agent and symbol names (a name without one fails the row). */
export interface FindingsRunIds {
  readonly agent: ReadonlyMap<string, number>;
  readonly symbol: ReadonlyMap<string, number>;
}

/** Each severity entry's multiplier; NaN for a value that is not a severity (the full decoding's violation). */
function severityTable(entries: readonly unknown[]): Float64Array {
  return Float64Array.from(entries, (s) => (typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s) ? SEVERITY_MULTIPLIER[s as Severity] : Number.NaN));
}

/** Returns the decoder of a findings file's batches, `prevTsMs` the time of the row before the batch's first. */
export function findingsRunDecoder(ids: FindingsRunIds): (batch: RecordBatch, prevTsMs: number) => FindingsRunBatch | null {
  const agents = new PerDictionary(idTable(ids.agent));
  const symbols = new PerDictionary(idTable(ids.symbol));
  const severities = new PerDictionary(severityTable);
  const out = new ScratchColumns();
  return (batch, prevTsMs) => {
    const n = batch.numRows;
    const ts = validChunk(batch, 'ts');
    const agent = validChunk(batch, 'agent');
    const symbol = validChunk(batch, 'symbol');
    const severity = validChunk(batch, 'severity');
    const confidence = validChunk(batch, 'confidence');
    if (ts === null || agent === null || symbol === null || severity === null || confidence === null) return null;
    const aDict = dictionaryOf(agent);
    const sDict = dictionaryOf(symbol);
    const vDict = dictionaryOf(severity);
    if (aDict === undefined || sDict === undefined || vDict === undefined) return null;
    const schema = batch.schema;
    const has = (name: string): boolean => schema.fields.some((f) => f.name === name);
    const dirChunk = has('direction') ? validChunk(batch, 'direction') : undefined;
    const hChunk = has('horizon_hours') ? validChunk(batch, 'horizon_hours') : undefined;
    const eChunk = has('expected_pnl_bps') ? validChunk(batch, 'expected_pnl_bps') : undefined;
    if (dirChunk === null || hChunk === null || eChunk === null) return null;
    const tsMs = out.f64('ts', n);
    if (!timesInOrder(timePairs(ts, n), n, prevTsMs, tsMs)) return null;
    const agentId = out.i32('agent', n);
    const symbolId = out.i32('symbol', n);
    const severityMult = out.f64('severity', n);
    if (!keysToIds(agent.values as Keys, n, agents.of(aDict), agentId)) return null;
    if (!keysToIds(symbol.values as Keys, n, symbols.of(sDict), symbolId)) return null;
    if (!keysToValues(severity.values as Keys, n, severities.of(vDict), severityMult)) return null;
    const conf = (confidence.values as Float64Array).subarray(0, n);
    if (!valuesWithin(conf, n, 0, 1)) return null;
    let direction: Int8Array;
    if (dirChunk === undefined) direction = out.i8('direction', n).fill(1);
    else if (!allSigns((direction = (dirChunk.values as Int8Array).subarray(0, n)), n)) return null;
    let horizonHours: Float64Array;
    if (hChunk === undefined) horizonHours = out.f64('horizon_hours', n).fill(Number.NaN);
    else if (!valuesWithin((horizonHours = (hChunk.values as Float64Array).subarray(0, n)), n, Number.MIN_VALUE, Number.MAX_VALUE)) return null;
    const expected = eChunk === undefined ? undefined : (eChunk.values as Float64Array).subarray(0, n);
    if (expected !== undefined && !valuesWithin(expected, n, -Number.MAX_VALUE, Number.MAX_VALUE)) return null;
    return { n, tsMs, agentId, symbolId, confidence: conf, severityMult, direction, horizonHours, ...(expected !== undefined ? { expectedPnlBps: expected } : {}) };
  };
}

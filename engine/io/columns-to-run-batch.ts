/**
 * A batch the one-pass run decoders did not take (findings-run-batch.ts, prices-run-batch.ts),
 * decoded in full by the old decoders (file-wide dictionary codes), mapped to what a run reads:
 * names to run ids (each name without one worded as an input error), severities to multipliers.
 * Each mapper reuses its output buffers batch after batch (a batch is valid until the next).
 */
import { unicodeTwinFinder } from '../core/unicode-twin.js';
import { UnknownNames, unknownAgentDetail, unknownSymbolDetail } from './unknown-name-violations.js';
import { ScratchColumns } from '../../datasets/read/scratch-columns.js';
import { SEVERITY_MULTIPLIER, type DictColumn, type FindingsColumns, type PricesColumns, type Severity } from '../../datasets/schemas/columns.js';
import type { FindingsRunBatch } from '../../datasets/read/findings-run-batch.js';
import type { PricesRunBatch } from '../../datasets/read/prices-run-batch.js';
import { ViolationCollector } from '../core/errors.js';
import type { IdMap } from '../core/ids.js';

/** The prices' columns the cost model reads (volume, spread_bps), those the file has. */
export function costColumns(p: PricesColumns): { volume?: Float64Array; spreadBps?: Float64Array } {
  return { ...(p.volume === undefined ? {} : { volume: p.volume }), ...(p.spreadBps === undefined ? {} : { spreadBps: p.spreadBps }) };
}

/**
 * Writes run ids for `codes` into `out` through `lut` (-1 stays -1) and returns the first row
 * whose value has no id, or -1. A loop of its own over typed arrays: V8 optimizes it once for
 * every batch and column.
 */
function mapCodes(codes: Int32Array, lut: Int32Array, out: Int32Array): number {
  let missing = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const id = c < 0 ? -1 : (lut[c] as number);
    out[i] = id;
    if (c >= 0 && id < 0 && missing < 0) missing = i;
  }
  return missing;
}

/**
 * Maps a batch's dictionary codes to run ids; the lookup table follows the file-wide dictionary
 * as it grows. The ids are written into one buffer reused batch after batch (a replay is done
 * with a batch before it asks for the next).
 */
function codeMapper(map: IdMap): (col: DictColumn, onMissing: (i: number, value: string) => void) => Int32Array {
  let lut = new Int32Array(0);
  let seen: readonly string[] = [];
  const ids = new ScratchColumns();
  return (col, onMissing) => {
    if (col.dictionary !== seen || col.dictionary.length !== lut.length) {
      seen = col.dictionary;
      lut = Int32Array.from(col.dictionary, (name) => map.idOf.get(name) ?? -1);
    }
    const out = ids.i32('ids', col.codes.length);
    const first = mapCodes(col.codes, lut, out);
    if (first < 0) return out;
    for (let i = first; i < out.length; i++) {
      const c = col.codes[i] as number;
      if (c >= 0 && (out[i] as number) < 0) onMissing(i, col.dictionary[c] as string);
    }
    return out;
  };
}

/** Writes each row's severity multiplier (NaN for a code without one) into `out`, through `byCode`. */
function severityMultipliers(codes: Int32Array, byCode: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    out[i] = c >= 0 && c < byCode.length ? (byCode[c] as number) : Number.NaN;
  }
  return out;
}

/** Returns the mapper of fully decoded prices batches (every symbol of the file has an id: the map is the file's own symbols). */
export function pricesColumnsToRun(symbolMap: IdMap): (b: PricesColumns) => PricesRunBatch {
  const toId = codeMapper(symbolMap);
  return (b) => ({ n: b.length, tsMs: b.tsMs, symbolId: toId(b.symbol, () => undefined), close: b.close, ...costColumns(b) });
}

/**
 * Returns the mapper of fully decoded findings batches, `base` a batch's first row (0-based) in
 * the file: throws a BtInputError naming each row whose agent or symbol has no id.
 */
export function findingsColumnsToRun(agentMap: IdMap, symbolMap: IdMap, display: Readonly<Record<string, string>>): (b: FindingsColumns, base: number) => FindingsRunBatch {
  const fName = display['findings'] ?? 'findings';
  const pName = display['prices'] ?? 'prices';
  const severityMult = new ScratchColumns();
  const aName = display['agents'] ?? 'the agents file';
  const agentId = codeMapper(agentMap);
  const symbolId = codeMapper(symbolMap);
  const agentTwin = unicodeTwinFinder(agentMap.names);
  const symbolTwin = unicodeTwinFinder(symbolMap.names);
  return (b, base) => {
    // built only when a row misses: a batch of known names allocates nothing here
    let unknownAgents: UnknownNames | undefined;
    let unknownSymbols: UnknownNames | undefined;
    const agents = agentId(b.agent, (i, value) => (unknownAgents ??= new UnknownNames()).add(base + i, value));
    const syms = symbolId(b.symbol, (i, value) => (unknownSymbols ??= new UnknownNames()).add(base + i, value));
    if (unknownAgents !== undefined || unknownSymbols !== undefined) {
      const v = new ViolationCollector();
      unknownAgents?.report(v, (value, row, repeated) => unknownAgentDetail(fName, row, repeated, value, agentTwin(value), aName));
      unknownSymbols?.report(v, (value, row, repeated) => unknownSymbolDetail(fName, row, repeated, value, symbolTwin(value), pName));
      v.throwIfAny();
    }
    const byCode = Float64Array.from(b.severity.dictionary, (s) => SEVERITY_MULTIPLIER[s as Severity] ?? Number.NaN);
    const mult = severityMultipliers(b.severity.codes, byCode, severityMult.f64('severity', b.length));
    return { n: b.length, tsMs: b.tsMs, agentId: agents, symbolId: syms, confidence: b.confidence, severityMult: mult, direction: b.direction, horizonHours: b.horizonHours, ...(b.expectedPnlBps !== undefined ? { expectedPnlBps: b.expectedPnlBps } : {}) };
  };
}

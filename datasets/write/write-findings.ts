import type { Dictionary, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { FindingsColumns } from '../schemas/columns.js';
import { arrowSchemaFor } from './arrow-schema.js';
import { dictData, dictionaryVector, float64Data, int8Data, timestampData } from './arrow-data.js';
import { DEFAULT_BATCH_ROWS, writeColumnsArrow, type ColumnSlicer } from './write-columns.js';

/** Writes findings to an Arrow IPC file (temp + rename); optional columns are written only when they carry data. */
export function writeFindingsArrow(path: string, cols: FindingsColumns, opts?: { batchRows?: number }): void {
  const present = new Set<string>();
  if (cols.direction.some((d) => d !== 1)) present.add('direction');
  if (cols.horizonHours.some((h) => !Number.isNaN(h))) present.add('horizon_hours');
  if (cols.strategy.codes.some((c) => c >= 0)) present.add('strategy');
  const expected = cols.expectedPnlBps;
  if (expected !== undefined && expected.some((x) => !Number.isNaN(x))) present.add('expected_pnl_bps');
  const schema = arrowSchemaFor('findings', present);
  const type = (name: string): Dictionary<Utf8> => schema.fields.find((f) => f.name === name)?.type as Dictionary<Utf8>;
  const dicts = {
    agent: dictionaryVector(cols.agent.dictionary),
    symbol: dictionaryVector(cols.symbol.dictionary),
    severity: dictionaryVector(cols.severity.dictionary),
    strategy: dictionaryVector(cols.strategy.dictionary),
  };
  const tsType = schema.fields[0]?.type as TimestampMillisecond;
  const slicers: Record<string, ColumnSlicer> = {
    ts: (s, e) => timestampData(tsType, cols.tsMs.subarray(s, e)),
    agent: (s, e) => dictData(type('agent'), cols.agent.codes.subarray(s, e), dicts.agent),
    symbol: (s, e) => dictData(type('symbol'), cols.symbol.codes.subarray(s, e), dicts.symbol),
    severity: (s, e) => dictData(type('severity'), cols.severity.codes.subarray(s, e), dicts.severity),
    confidence: (s, e) => float64Data(cols.confidence.subarray(s, e), false),
    direction: (s, e) => int8Data(cols.direction.subarray(s, e)),
    horizon_hours: (s, e) => float64Data(cols.horizonHours.subarray(s, e), true),
    strategy: (s, e) => dictData(type('strategy'), cols.strategy.codes.subarray(s, e), dicts.strategy),
    ...(expected !== undefined ? { expected_pnl_bps: (s: number, e: number) => float64Data(expected.subarray(s, e), true) } : {}),
  };
  writeColumnsArrow(path, schema, cols.length, slicers, opts?.batchRows ?? DEFAULT_BATCH_ROWS);
}

import type { Dictionary, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { PricesColumns } from '../schemas/columns.js';
import { arrowSchemaFor } from './arrow-schema.js';
import { dictData, dictionaryVector, float64Data, timestampData } from './arrow-data.js';
import { DEFAULT_BATCH_ROWS, writeColumnsArrow, type ColumnSlicer } from './write-columns.js';

const OPTIONAL = ['open', 'high', 'low', 'volume'] as const;

/** Writes prices to an Arrow IPC file (temp + rename); open/high/low/volume/spread_bps only when their arrays are given. */
export function writePricesArrow(path: string, cols: PricesColumns, opts?: { batchRows?: number }): void {
  const present = new Set<string>(OPTIONAL.filter((k) => cols[k] !== undefined));
  if (cols.spreadBps !== undefined) present.add('spread_bps');
  const schema = arrowSchemaFor('prices', present);
  const symbolType = schema.fields[1]?.type as Dictionary<Utf8>;
  const tsType = schema.fields[0]?.type as TimestampMillisecond;
  const symbols = dictionaryVector(cols.symbol.dictionary);
  const slicers: Record<string, ColumnSlicer> = {
    ts: (s, e) => timestampData(tsType, cols.tsMs.subarray(s, e)),
    symbol: (s, e) => dictData(symbolType, cols.symbol.codes.subarray(s, e), symbols),
    close: (s, e) => float64Data(cols.close.subarray(s, e), false),
  };
  for (const k of OPTIONAL) {
    const arr = cols[k];
    if (arr !== undefined) slicers[k] = (s, e) => float64Data(arr.subarray(s, e), true);
  }
  const spread = cols.spreadBps;
  if (spread !== undefined) slicers['spread_bps'] = (s, e) => float64Data(spread.subarray(s, e), true);
  writeColumnsArrow(path, schema, cols.length, slicers, opts?.batchRows ?? DEFAULT_BATCH_ROWS);
}

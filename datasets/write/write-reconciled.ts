import type { Dictionary, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { ReconciledColumns } from '../schemas/columns.js';
import { arrowSchemaFor } from './arrow-schema.js';
import { dictData, dictionaryVector, float64Data, timestampData } from './arrow-data.js';
import { DEFAULT_BATCH_ROWS, writeColumnsArrow, type ColumnSlicer } from './write-columns.js';

/** Writes reconciled outcomes to an Arrow IPC file (temp + rename); the optional columns (ts, expected_pnl_bps, sim_version, strategy) only when they carry data. */
export function writeReconciledArrow(path: string, cols: ReconciledColumns, opts?: { batchRows?: number }): void {
  const present = new Set<string>();
  if (cols.tsMs.some((t) => !Number.isNaN(t))) present.add('ts');
  if (cols.expectedPnlBps.some((x) => !Number.isNaN(x))) present.add('expected_pnl_bps');
  if (cols.simVersion.codes.some((c) => c >= 0)) present.add('sim_version');
  if (cols.strategy.codes.some((c) => c >= 0)) present.add('strategy');
  const schema = arrowSchemaFor('reconciled', present);
  const typeOf = (name: string): Dictionary<Utf8> => schema.fields.find((f) => f.name === name)?.type as Dictionary<Utf8>;
  const tsType = schema.fields.find((f) => f.name === 'ts')?.type as TimestampMillisecond;
  const dict = (name: string, col: { dictionary: readonly string[]; codes: Int32Array }): ColumnSlicer => {
    const vec = dictionaryVector(col.dictionary);
    return (s, e) => dictData(typeOf(name), col.codes.subarray(s, e), vec);
  };
  const num = (arr: Float64Array): ColumnSlicer => (s, e) => float64Data(arr.subarray(s, e), true);
  const slicers: Record<string, ColumnSlicer> = {
    ts: (s, e) => timestampData(tsType, cols.tsMs.subarray(s, e)),
    agent: dict('agent', cols.agent),
    symbol: dict('symbol', cols.symbol),
    horizon_hours: num(cols.horizonHours),
    expected_pnl_bps: num(cols.expectedPnlBps),
    realized_pnl_bps: num(cols.realizedPnlBps),
    abs_error_bps: num(cols.absErrorBps),
    pnl_error_bps: num(cols.pnlErrorBps),
    sim_version: dict('sim_version', cols.simVersion),
    strategy: dict('strategy', cols.strategy),
  };
  writeColumnsArrow(path, schema, cols.length, slicers, opts?.batchRows ?? DEFAULT_BATCH_ROWS);
}

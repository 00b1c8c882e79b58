/** Reads reconciled.arrow (the seeds' alpha/reconciled.jsonl as Arrow) into the columns of columns.ts. */
import { ViolationCollector } from '../../engine/core/errors.js';
import type { DictColumn, ReconciledColumns } from '../schemas/columns.js';
import { openArrowFile } from './open-arrow-file.js';
import { batchChunks } from './batch-chunks.js';
import { decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger } from './decode-columns.js';

/** Returns the whole reconciled file as columns, file order; throws BtInputError listing violations. */
export function readReconciledArrow(path: string): ReconciledColumns {
  const f = openArrowFile(path, 'reconciled');
  const batches = [...f.batches()];
  const v = new ViolationCollector();
  const chunks = (name: string) => batchChunks(f.schema, batches, name);
  const agent = decodeDict(chunks('agent') ?? [], newDictMerger());
  const n = agent.codes.length;
  // an optional column absent from the file reads as all null
  const num = (name: string, what: string): Float64Array => {
    const c = chunks(name);
    return c === undefined ? new Float64Array(n).fill(Number.NaN) : decodeFloat64(c, (i, found) => v.add({ file: path, row: i + 1, field: name, expected: what, found }), true);
  };
  const dict = (name: string): DictColumn => {
    const c = chunks(name);
    return c === undefined ? { dictionary: [], codes: new Int32Array(n).fill(-1) } : decodeDict(c, newDictMerger());
  };
  const tsChunks = chunks('ts');
  const tsMs = tsChunks === undefined ? new Float64Array(n).fill(Number.NaN) : decodeTimestampMs(tsChunks);
  const symbol = dict('symbol');
  const horizonHours = num('horizon_hours', 'a number > 0 or null');
  const expectedPnlBps = num('expected_pnl_bps', 'a finite number (bps) or null');
  const realizedPnlBps = num('realized_pnl_bps', 'a finite number (bps) or null');
  const absErrorBps = num('abs_error_bps', 'a finite number >= 0 (bps) or null');
  const pnlErrorBps = num('pnl_error_bps', 'a finite number (bps) or null');
  const simVersion = dict('sim_version');
  const strategy = dict('strategy');
  for (let i = 0; i < n; i++) {
    if ((agent.codes[i] ?? -1) < 0) v.add({ file: path, row: i + 1, field: 'agent', expected: 'an agent name', found: 'null' });
    if ((symbol.codes[i] ?? -1) < 0) v.add({ file: path, row: i + 1, field: 'symbol', expected: 'a symbol', found: 'null' });
    const h = horizonHours[i] ?? Number.NaN;
    if (h <= 0) v.add({ file: path, row: i + 1, field: 'horizon_hours', expected: 'a number > 0 or null', found: String(h) });
    const a = absErrorBps[i] ?? Number.NaN;
    if (a < 0) v.add({ file: path, row: i + 1, field: 'abs_error_bps', expected: 'a finite number >= 0 (bps) or null', found: String(a) });
  }
  v.throwIfAny();
  return { length: n, tsMs, agent, symbol, horizonHours, expectedPnlBps, realizedPnlBps, absErrorBps, pnlErrorBps, simVersion, strategy };
}

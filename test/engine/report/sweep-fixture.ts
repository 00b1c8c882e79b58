import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnsToIpc, type OutColumn } from '../../../engine/io/arrow-table.js';
import { METRIC_FIELDS } from '../../../engine/metrics/compute-metrics.js';

/**
 * Writes a small sweep folder in bt sweep's format (results.arrow: config_id, swept params,
 * metrics from 'n' on; curves.arrow: config_id, ts, equity): a 3 x 2 grid over
 * allocator.max_agent_weight (a) and targets.cash_buffer (b), sharpe = 10a - b, max_drawdown = a + b.
 */
export function writeSweepFixture(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const a = [0.15, 0.2, 0.25];
  const b = [0.05, 0.1];
  const rows = a.flatMap((x) => b.map((y) => ({ x, y })));
  const ids = rows.map((_, i) => `c${String(i).padStart(11, '0')}`);
  const n = rows.length;
  const metric = (name: string): Float64Array =>
    Float64Array.from(rows, ({ x, y }) => (name === 'sharpe' ? 10 * x - y : name === 'max_drawdown' ? x + y : name === 'n' ? 24 : name === 'total_return' ? x : Number.NaN));
  const cols: OutColumn[] = [
    { name: 'config_id', type: 'utf8', values: ids },
    { name: 'allocator.max_agent_weight', type: 'float64', values: Float64Array.from(rows, (r) => r.x) },
    { name: 'targets.cash_buffer', type: 'float64', values: Float64Array.from(rows, (r) => r.y) },
    ...METRIC_FIELDS.map((f): OutColumn => ({ name: f, type: 'float64', values: metric(f) })),
    { name: 'initial_equity', type: 'float64', values: new Float64Array(n).fill(100) },
    { name: 'n_kills', type: 'float64', values: new Float64Array(n).fill(1) },
    { name: 'notes', type: 'utf8', values: rows.map(() => '') },
  ];
  writeFileSync(join(dir, 'results.arrow'), columnsToIpc(cols, n));
  const days = 24;
  const t0 = Date.UTC(2020, 0, 1);
  const codes = new Int32Array(n * days);
  const ts = new Float64Array(n * days);
  const eq = new Float64Array(n * days);
  for (let c = 0; c < n; c++) {
    for (let d = 0; d < days; d++) {
      const k = c * days + d;
      codes[k] = c;
      ts[k] = t0 + d * 86_400_000;
      eq[k] = 100 * (1 + 0.01 * (c + 1) * d) * (d % 5 === 4 ? 0.97 : 1);
    }
  }
  const curveCols: OutColumn[] = [
    { name: 'config_id', type: 'dict', codes, dictionary: ids },
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'equity', type: 'float64', values: eq },
  ];
  writeFileSync(join(dir, 'curves.arrow'), columnsToIpc(curveCols, n * days));
}

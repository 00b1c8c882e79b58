import { fromArrow, type ColumnTable } from 'arquero';
import { tableToIPC, type Table } from 'apache-arrow';

/**
 * Returns an arquero table over an Arrow table (or Arrow IPC bytes) for notebook work:
 * filter, groupby, rollup, join and print (`toArquero(r.tables.targets).groupby('symbol')...`).
 * Timestamps become epoch ms numbers; dictionary columns become strings.
 */
export function toArquero(table: Table | Uint8Array): ColumnTable {
  // Through IPC bytes: arquero reads Arrow with flechette, not apache-arrow's Table class.
  return fromArrow(table instanceof Uint8Array ? table : tableToIPC(table));
}

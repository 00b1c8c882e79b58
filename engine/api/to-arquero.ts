import { fromArrow, type ColumnTable } from 'arquero';
import { Table, tableToIPC } from 'apache-arrow';
import { BtInputError } from '../core/errors.js';
import { describeFound } from '../scenario/describe-field.js';

/**
 * Returns an arquero table over an Arrow table (or Arrow IPC bytes) for notebook work:
 * filter, groupby, rollup, join and print (`toArquero(r.tables.targets).groupby('symbol')...`).
 * Timestamps become epoch ms numbers; dictionary columns become strings.
 */
export function toArquero(table: Table | Uint8Array): ColumnTable {
  if (!(table instanceof Table || table instanceof Uint8Array)) {
    throw new BtInputError({ field: 'table', expected: "an apache-arrow Table (a result's tables.events, tables.targets, ...) or Arrow IPC bytes", found: describeFound(table) });
  }
  // Through IPC bytes: arquero reads Arrow with flechette, not apache-arrow's Table class.
  return fromArrow(table instanceof Uint8Array ? table : tableToIPC(table));
}

/**
 * The note for input columns an import leaves out that look like an optional field under
 * another name: a desk's `horizon` column is not horizon_hours, so without a --map every finding
 * would take the scenario's default horizon, and nothing would say so.
 */
import type { DatasetKind } from '../schemas/dataset-kind.js';
import { KIND_FIELDS } from '../schemas/kind-fields.js';
import { FIELD_ALIASES } from './import-fields.js';
import { mapOption, suggestColumn } from './suggest-column.js';

/** Returns the note naming each such column and the --map that imports it, or null when there is none. */
export function skippedColumnsNote(kind: DatasetKind, columns: readonly string[], index: readonly number[]): string | null {
  const unused = columns.filter((_, j) => !index.includes(j));
  const parts: string[] = [];
  KIND_FIELDS[kind].forEach((spec, k) => {
    if ((index[k] ?? -1) >= 0 || spec.required) return;
    const col = suggestColumn(spec.name, FIELD_ALIASES[kind][spec.name] ?? [], unused.filter((c) => !parts.some((p) => p.startsWith(`'${c}'`))));
    if (col !== undefined) parts.push(`'${col}' looks like ${spec.name} (${mapOption(col, spec.name)} to import it)`);
  });
  return parts.length === 0 ? null : `columns left out, as no field has their name: ${parts.join('; ')}`;
}

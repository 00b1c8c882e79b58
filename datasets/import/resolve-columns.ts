/** Maps input columns to the fields of a dataset kind: --map first, then the field's name, then its aliases. */
import { BtInputError, ViolationCollector } from '../../engine/core/errors.js';
import type { DatasetKind } from '../schemas/dataset-kind.js';
import { KIND_FIELDS } from '../schemas/kind-fields.js';
import { didYouMean } from '../schemas/closest-name.js';
import { FIELD_ALIASES } from './import-fields.js';
import { mapOption, suggestColumn } from './suggest-column.js';

/** For each field of the kind (spec order), the input column index or -1 when absent. */
export interface ColumnResolution {
  readonly index: readonly number[];
  /** Field names with an input column. */
  readonly present: ReadonlySet<string>;
}

/** Returns `--map col=field` options as a map from input column to field; throws BtInputError on bad syntax or fields. */
export function parseColumnMaps(maps: readonly string[], kind: DatasetKind): ReadonlyMap<string, string> {
  const names = KIND_FIELDS[kind].map((f) => f.name);
  const out = new Map<string, string>();
  const v = new ViolationCollector();
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    const col = m.slice(0, eq);
    const field = m.slice(eq + 1);
    if (eq <= 0 || field === '') v.add({ field: '--map', expected: 'COLUMN=FIELD', found: `'${m}'` });
    else if (!names.includes(field)) v.add({ field: '--map', expected: `a ${kind} field (${names.join(', ')})`, found: `'${field}'`, hint: didYouMean(field, names) });
    else out.set(col, field);
  }
  v.throwIfAny();
  return out;
}

/**
 * Returns the hint for a required field with no column: the input column no field took that
 * most likely is it (suggest-column.ts), as a --map, else the columns the kind allows (its field names), never the ones found.
 */
function missingFieldHint(kind: DatasetKind, field: string, unusedColumns: readonly string[]): string {
  const near = suggestColumn(field, FIELD_ALIASES[kind][field] ?? [], unusedColumns);
  if (near !== undefined) return `Did you mean '${near}'? (${mapOption(near, field)})`;
  const allowed = KIND_FIELDS[kind].map((f) => (f.required ? f.name : `${f.name} (optional)`));
  return `Allowed: ${allowed.join(', ')}`;
}

/** Returns the column of each field; `optionalFields` may be absent even when required by the file schema. */
export function resolveColumns(
  file: string,
  kind: DatasetKind,
  columns: readonly string[],
  maps: ReadonlyMap<string, string>,
  optionalFields: ReadonlySet<string> = new Set(),
): ColumnResolution {
  const v = new ViolationCollector();
  const lower = columns.map((c) => c.trim().toLowerCase());
  for (const col of maps.keys()) {
    if (!columns.includes(col)) v.add({ file, field: '--map', expected: `an input column (${columns.join(', ')})`, found: `'${col}'`, hint: didYouMean(col, columns) });
  }
  const index: number[] = [];
  const present = new Set<string>();
  const missing: string[] = [];
  const mappedCols = new Set(maps.keys());
  for (const spec of KIND_FIELDS[kind]) {
    let idx = -1;
    for (const [col, field] of maps) if (field === spec.name) idx = columns.indexOf(col);
    if (idx < 0) {
      const candidates = [spec.name, ...(FIELD_ALIASES[kind][spec.name] ?? [])];
      for (const c of candidates) {
        const j = lower.indexOf(c);
        if (j >= 0 && !mappedCols.has(columns[j] ?? '') && idx < 0) {
          idx = j;
          // 'close' and 'Close' (or 'close' twice) both name the field: taking the first would be a silent guess
          const twins = lower.flatMap((name, k) => (name === c && !mappedCols.has(columns[k] ?? '') ? [k] : []));
          if (twins.length > 1) {
            const list = twins.map((k) => `'${columns[k] ?? ''}' (column ${k + 1})`).join(', ');
            v.add({ file, field: spec.name, expected: `one input column for ${spec.name}`, found: `${twins.length}: ${list}`, hint: `Rename or drop all but one, or choose one with --map COLUMN=${spec.name}` });
          }
        }
      }
    }
    index.push(idx);
    if (idx >= 0) present.add(spec.name);
    else if (spec.required && !optionalFields.has(spec.name)) missing.push(spec.name);
  }
  // a missing field's did-you-mean looks only at the columns no field took
  const unused = columns.filter((_, j) => !index.includes(j));
  for (const name of missing) {
    v.add({ file, field: name, expected: `an input column named ${name} (or --map COLUMN=${name})`, found: `columns ${columns.join(', ') || '(none)'}`, hint: missingFieldHint(kind, name, unused) });
  }
  v.throwIfAny();
  if (index.every((i) => i < 0)) throw new BtInputError({ file, expected: `${kind} columns`, found: 'none' });
  return { index, present };
}

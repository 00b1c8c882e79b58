/**
 * One column of an Arrow dataset file: its name on disk, Arrow type, nullability and
 * whether the column may be absent. The per-kind specs (findings-schema.ts, ...) are the
 * single place where snake_case file names map to the camelCase columns of columns.ts.
 */

/** Arrow storage types used by bt files. `dict8`/`dict32` = Dictionary<Int8|Int32, Utf8>. */
export const FIELD_TYPES = ['timestamp', 'dict8', 'dict32', 'float64', 'int8', 'utf8', 'bool'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A column of a dataset kind. */
export interface FieldSpec {
  /** Column name in the file (snake_case). */
  readonly name: string;
  readonly type: FieldType;
  /** True when nulls are allowed (a null means "use the default" documented in `doc`). */
  readonly nullable: boolean;
  /** True when the column must be present in every file. */
  readonly required: boolean;
  /** One line: meaning and units. */
  readonly doc: string;
}

/** Readable Arrow type name of a field type, used in error messages and the README. */
export function describeFieldType(t: FieldType): string {
  switch (t) {
    case 'timestamp':
      return 'Timestamp(MILLISECOND, "UTC")';
    case 'dict8':
      return 'Dictionary<Int8, Utf8>';
    case 'dict32':
      return 'Dictionary<Int32, Utf8>';
    case 'float64':
      return 'Float64';
    case 'int8':
      return 'Int8';
    case 'utf8':
      return 'Utf8';
    case 'bool':
      return 'Bool';
  }
}

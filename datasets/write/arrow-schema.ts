import { Bool, Dictionary, Field, Float64, Int8, Int32, Schema, TimestampMillisecond, Utf8, type DataType } from 'apache-arrow';
import { KIND_METADATA_KEY, type DatasetKind } from '../schemas/dataset-kind.js';
import type { FieldSpec, FieldType } from '../schemas/field-spec.js';
import { KIND_FIELDS } from '../schemas/kind-fields.js';

/** Returns the Arrow type of a field; dictionary ids are the field's position in its kind (stable bytes). */
export function arrowTypeFor(t: FieldType, dictId: number): DataType {
  switch (t) {
    case 'timestamp':
      return new TimestampMillisecond('UTC');
    case 'dict8':
      return new Dictionary(new Utf8(), new Int8(), dictId, false);
    case 'dict32':
      return new Dictionary(new Utf8(), new Int32(), dictId, false);
    case 'float64':
      return new Float64();
    case 'int8':
      return new Int8();
    case 'utf8':
      return new Utf8();
    case 'bool':
      return new Bool();
  }
}

/** Returns the Arrow schema of `kind` with the columns named in `present` (in spec order), tagged `bt.kind`. */
export function arrowSchemaFor(kind: DatasetKind, present: ReadonlySet<string>): Schema {
  const specs = KIND_FIELDS[kind];
  const fields: Field[] = [];
  specs.forEach((s: FieldSpec, i: number) => {
    if (s.required || present.has(s.name)) fields.push(new Field(s.name, arrowTypeFor(s.type, i), s.nullable));
  });
  return new Schema(fields, new Map([[KIND_METADATA_KEY, kind]]));
}

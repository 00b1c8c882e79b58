import { parse } from 'yaml';
import { describeExpected } from './describe-field.js';
import type { FieldSpec, ObjectSpec } from './param-spec.js';

/** A value `bt init` chose for a field, by dotted key, with the reason shown beside it. */
export interface StarterValue {
  readonly value: string | number | boolean;
  /** Why this value (e.g. 'median horizon_hours of the findings'); empty: none shown. */
  readonly why: string;
}

// Plain words stay bare; anything YAML could read as another type or syntax is quoted.
function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9_.\/-]+$/.test(v) && parse(v) === v ? v : `'${v.replace(/'/g, "''")}'`;
}

// Ends a text with one full stop (only at the end: "'..'" inside a text is a value, not a typo).
function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

function fieldComment(spec: FieldSpec): string {
  if (spec.kind === 'object' || spec.kind === 'record') return sentence(spec.doc);
  return `${sentence(spec.doc)} Accepts ${sentence(describeExpected(spec))}`;
}

function defaultOf(spec: FieldSpec): string | number | boolean | undefined {
  return spec.kind === 'number' || spec.kind === 'string' || spec.kind === 'boolean' || spec.kind === 'duration' || spec.kind === 'date' ? spec.default : undefined;
}

/** Returns the YAML lines of `spec` at `indent`, every field with its doc comment; fields without a value are commented out. */
function renderFields(spec: ObjectSpec, prefix: string, indent: string, values: Readonly<Record<string, StarterValue>>, off: boolean): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(spec)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.push(`${indent}# ${fieldComment(field)}`);
    if (field.kind === 'object') {
      // An optional section with nothing chosen in it is shown, commented out, for the user to switch on.
      const chosen = Object.keys(values).some((k) => k.startsWith(`${path}.`));
      const sectionOff = off || (field.optional === true && !chosen);
      out.push(`${indent}${sectionOff ? '# ' : ''}${key}:`);
      out.push(...renderFields(field.fields, path, `${indent}  `, values, sectionOff));
      continue;
    }
    const chosen = values[path];
    const value = chosen?.value ?? defaultOf(field);
    const why = chosen !== undefined && chosen.why !== '' ? `  # ${chosen.why}` : '';
    if (value === undefined || field.kind === 'record') out.push(`${indent}# ${key}:`);
    else out.push(`${indent}${off ? '# ' : ''}${key}: ${yamlScalar(value)}${why}`);
  }
  return out;
}

/**
 * Returns a starter YAML file (scenario or sweep): `header` lines as comments, then every field of `spec`
 * (SCENARIO_SPEC with the chosen allocator's params by scenarioSpecFor, or SWEEP_FILE_SPEC) with its doc and what it
 * accepts as a comment, set to `values` where given, else to its default; a field with neither,
 * or an optional section nothing was chosen in, is written commented out.
 */
export function renderStarterYaml(spec: ObjectSpec, values: Readonly<Record<string, StarterValue>>, header: readonly string[]): string {
  return `${[...header.map((h) => `# ${h}`.trimEnd()), ...renderFields(spec, '', '', values, false)].join('\n')}\n`;
}

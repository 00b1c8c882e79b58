import { describeExpected } from './describe-field.js';
import { isRequired, type FieldSpec, type ObjectSpec } from './param-spec.js';
import { allocatorNames, scenarioSpecFor } from './schema.js';

function cell(text: string): string {
  // '|' would end the cell; '<' would start an HTML tag ('results/<name>')
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function defaultText(spec: FieldSpec): string {
  if (isRequired(spec)) return '**required**';
  if (spec.kind === 'object' || spec.kind === 'record') return spec.optional === true ? 'optional' : '(its fields)';
  if (spec.kind === 'path' || spec.default === undefined) return 'optional';
  return `\`${String(spec.default)}\``;
}

/** Returns the table rows of `spec`, nested objects flattened to dotted keys after their own row. */
function rows(spec: ObjectSpec, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(spec)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    out.push(`| \`${name}\` | ${cell(describeExpected(field))} | ${defaultText(field)} | ${cell(field.doc)} |`);
    if (field.kind === 'object') out.push(...rows(field.fields, name));
    if (field.kind === 'record' && field.value.kind === 'object') out.push(...rows(field.value.fields, `${name}.SYMBOL`));
  }
  return out;
}

function table(spec: ObjectSpec, prefix = ''): string[] {
  return ['| key | accepts | default | meaning |', '| --- | --- | --- | --- |', ...rows(spec, prefix)];
}

/**
 * Returns the field-by-field markdown reference of a scenario `spec` (SCENARIO_SPEC) and of
 * each registered allocator's params: one section per top-level mapping, one table row per
 * field with what it accepts, its default and its doc. scenarios/README.md embeds this text.
 */
export function renderScenarioDocs(spec: ObjectSpec, allocators: Readonly<Record<string, ObjectSpec>>): string {
  const full = scenarioSpecFor(spec, allocators);
  const lines: string[] = [];
  const scalars: Record<string, FieldSpec> = {};
  for (const [key, field] of Object.entries(full)) if (field.kind !== 'object') scalars[key] = field;
  lines.push('### Top level', '', ...table(scalars), '');
  for (const [key, field] of Object.entries(full)) {
    if (field.kind !== 'object') continue;
    lines.push(`### \`${key}\``, '', `${field.doc}.`, '', ...table(field.fields, key), '');
  }
  lines.push('### `allocator.params` by variant', '');
  const names = allocatorNames(allocators);
  if (names.length === 0) lines.push('No allocator plug-in is registered.', '');
  for (const name of names) {
    const params = allocators[name] ?? {};
    lines.push(`#### \`${name}\``, '');
    if (Object.keys(params).length === 0) lines.push('No parameters.', '');
    else lines.push(...table(params, 'allocator.params'), '');
  }
  return lines.join('\n');
}

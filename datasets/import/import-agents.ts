/** Imports the agents table (the seeds' agent_schedule.json, or a CSV/JSONL with the same fields), sorted by agent. */
import { ViolationCollector, type BtInputError } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { writeAgentsArrow } from '../write/write-agents.js';
import { normalizeRow, type Cell } from './normalize-row.js';
import type { RecordSource } from './record-source.js';
import { resolveColumns } from './resolve-columns.js';
import { AGENTS_FIELDS } from '../schemas/agents-schema.js';
import { isNameField, tallyTrimmedNames, type TrimmedNames } from './trimmed-names.js';
import type { TimeFormat, TimeZoneSpec } from './parse-time.js';
import { disabledAgentsNote } from './disabled-agents-note.js';

/**
 * Reads every agent row, checks names are unique, writes `out` sorted by agent; returns the row
 * count and the note when no agent is enabled (disabled-agents-note.ts), else null. `ifEmpty`:
 * thrown when there are no rows (null: write an empty file).
 */
export async function importAgents(
  file: string,
  src: RecordSource,
  maps: ReadonlyMap<string, string>,
  time: { readonly timeFormat: TimeFormat; readonly tz: TimeZoneSpec },
  out: string,
  ifEmpty: BtInputError | null,
  trimmed: TrimmedNames,
): Promise<{ readonly rows: number; readonly note: string | null }> {
  const res = resolveColumns(file, 'agents', src.columns, maps, new Set(['strategy', 'enabled', 'weight', 'interval_minutes', 'since']));
  const v = new ViolationCollector();
  const rows: { row: Cell[]; at: number }[] = [];
  const seen = new Map<string, number>();
  const nameFields = AGENTS_FIELDS.flatMap((f, k) => (isNameField(f) ? [k] : []));
  for await (const rec of src.records) {
    const at = rec.line ?? rec.row ?? 0;
    const where = rec.line !== undefined ? { line: at } : { row: at };
    const cells = res.index.map((i) => (i >= 0 ? rec.cells[i] : undefined));
    tallyTrimmedNames(trimmed, AGENTS_FIELDS, nameFields, cells, rec.line !== undefined ? `line ${at}` : `row ${at}`);
    const row = normalizeRow('agents', cells, { file, ...where, ...time }, (d) => v.add(d));
    if (row === undefined) continue;
    const name = String(row[0]);
    const first = seen.get(name);
    if (first !== undefined) v.add({ file, ...where, field: 'agent', expected: 'unique agent names', found: `'${name}' again (first at ${first})` });
    else seen.set(name, at);
    rows.push({ row, at });
  }
  v.throwIfAny();
  if (rows.length === 0 && ifEmpty !== null) throw ifEmpty;
  rows.sort((a, b) => compareCodeUnits(String(a.row[0]), String(b.row[0])) || a.at - b.at);
  const num = (r: Cell[], k: number): number => (typeof r[k] === 'number' ? (r[k] as number) : Number.NaN);
  const enabled = Uint8Array.from(rows, (r) => (r.row[2] === 1 ? 1 : 0));
  writeAgentsArrow(out, {
    length: rows.length,
    agent: rows.map((r) => String(r.row[0])),
    strategy: rows.map((r) => String(r.row[1] ?? '')),
    enabled,
    weight: Float64Array.from(rows, (r) => num(r.row, 3)),
    intervalMinutes: Float64Array.from(rows, (r) => num(r.row, 4)),
    ...(res.index[5] !== undefined && res.index[5] >= 0 ? { sinceMs: Float64Array.from(rows, (r) => num(r.row, 5)) } : {}),
  });
  return { rows: rows.length, note: disabledAgentsNote(enabled, (res.index[2] ?? -1) >= 0) };
}

import type { Data, RecordBatch, Schema } from 'apache-arrow';

/** Returns the Data chunks of column `name` across `batches`, or undefined when the schema lacks the column. */
export function batchChunks(schema: Schema, batches: readonly RecordBatch[], name: string): Data[] | undefined {
  if (!schema.fields.some((f) => f.name === name)) return undefined;
  const out: Data[] = [];
  for (const b of batches) {
    const child = b.getChild(name);
    if (child !== null) out.push(...child.data);
  }
  return out;
}

/** Formats a value for an error message: numbers as JS prints them, strings quoted, null as null. */
export function formatFound(x: number | string | null): string {
  if (x === null) return 'null';
  return typeof x === 'string' ? `'${x}'` : String(x);
}

/** Returns epoch ms as ISO 8601 UTC (for messages and inspect), or the number when out of Date range. */
export function isoFromMs(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

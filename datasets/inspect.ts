/**
 * `bt data inspect`: summary of any bt Arrow file from column buffers and dictionary codes
 * (no row objects): kind, schema, rows, time range, distinct agents/symbols, null counts,
 * sortedness and duplicate keys. Diagnostic: it does not reject bad values.
 */
import type { Data, RecordBatch } from 'apache-arrow';
import { isoFromMs } from './read/batch-chunks.js';
import { decodeDict, decodeTimestampMs, newDictMerger, type DictMerger } from './read/decode-columns.js';
import { kindOfSchema, openAnyArrowFile } from './read/open-arrow-file.js';

/** Result of inspecting one file (the --json output). Times are ISO 8601 UTC; null when the file has none. */
export interface InspectReport {
  readonly kind: string;
  readonly rows: number;
  readonly batches: number;
  readonly schema: readonly { readonly name: string; readonly type: string; readonly nullable: boolean }[];
  readonly start: string | null;
  readonly end: string | null;
  readonly distinct: { readonly agent: number | null; readonly symbol: number | null };
  /** True when rows are in the kind's order (findings/reconciled: ts; prices: ts then symbol; agents: agent). */
  readonly sorted: boolean;
  /** Rows repeating the key of an earlier row with the same ts run (prices: ts+symbol; findings: ts+agent+symbol; agents: agent). */
  readonly duplicates: number;
  readonly nulls: Readonly<Record<string, number>>;
}

/** Returns the kind named by `bt.kind`, else guessed from the columns ('unknown' when no guess fits). */
function guessKind(names: readonly string[], meta: string | undefined): string {
  if (meta !== undefined) return meta;
  if (names.includes('confidence')) return 'findings';
  if (names.includes('close')) return 'prices';
  if (names.includes('abs_error_bps')) return 'reconciled';
  if (names.includes('weight')) return 'agents';
  return 'unknown';
}

function chunkOf(b: RecordBatch, name: string): Data | undefined {
  return b.getChild(name)?.data[0];
}

/** Returns the inspection report of the Arrow file at `path`; throws BtInputError when it is not a readable Arrow file. */
export function inspectArrowFile(path: string): InspectReport {
  const f = openAnyArrowFile(path);
  const names = f.schema.fields.map((x) => x.name);
  const kind = guessKind(names, kindOfSchema(f.schema));
  const nulls: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const hasTs = names.includes('ts');
  const mergers: Record<string, DictMerger> = { agent: newDictMerger(), symbol: newDictMerger() };
  const used: Record<string, Set<number>> = { agent: new Set(), symbol: new Set() };
  let rows = 0;
  let batches = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sorted = true;
  let duplicates = 0;
  let prevTs = Number.NEGATIVE_INFINITY;
  let prevKey = '';
  let prevSym = -1;
  const group = new Set<number>();
  const global = new Set<string>();
  for (const b of f.batches()) {
    batches++;
    for (const n of names) nulls[n] = (nulls[n] ?? 0) + (chunkOf(b, n)?.nullCount ?? 0);
    const ts = hasTs ? decodeTimestampMs([chunkOf(b, 'ts')].filter((d): d is Data => d !== undefined)) : undefined;
    const codes: Record<string, Int32Array | undefined> = {};
    for (const c of ['agent', 'symbol']) {
      const d = chunkOf(b, c);
      const merger = mergers[c];
      if (d !== undefined && merger !== undefined && d.dictionary !== undefined) {
        const col = decodeDict([d], merger);
        codes[c] = col.codes;
        const u = used[c];
        for (const code of col.codes) if (code >= 0) u?.add(code);
      }
    }
    const agentNames = kind === 'agents' ? b.getChild('agent')?.toArray() : undefined;
    const symCodes = codes['symbol'];
    const agentCodes = kind === 'findings' ? codes['agent'] : undefined;
    for (let i = 0; i < b.numRows; i++) {
      if (kind === 'agents') {
        const key = String(agentNames?.[i] ?? '');
        if (i + rows > 0 && key <= prevKey) sorted = false;
        if (global.has(key)) duplicates++;
        global.add(key);
        prevKey = key;
        continue;
      }
      const t = ts?.[i] ?? Number.NaN;
      if (Number.isNaN(t)) continue;
      if (t < min) min = t;
      if (t > max) max = t;
      const sym = symCodes?.[i] ?? -1;
      if (t < prevTs) sorted = false;
      if (t !== prevTs) group.clear();
      else if (kind === 'prices') {
        const symName = sym >= 0 ? (mergers['symbol']?.values[sym] ?? '') : '';
        if (symName < (prevSym >= 0 ? (mergers['symbol']?.values[prevSym] ?? '') : '')) sorted = false;
      }
      if (kind === 'prices' || kind === 'findings') {
        // numeric key: (agent code + 1) * 2^32 + (symbol code + 1), exact below 2^53
        const key = ((agentCodes?.[i] ?? -1) + 1) * 4294967296 + (sym + 1);
        if (group.has(key)) duplicates++;
        group.add(key);
      }
      prevTs = t;
      prevSym = sym;
    }
    rows += b.numRows;
  }
  return {
    kind,
    rows,
    batches,
    schema: f.schema.fields.map((x) => ({ name: x.name, type: String(x.type), nullable: x.nullable })),
    start: min <= max ? isoFromMs(min) : null,
    end: min <= max ? isoFromMs(max) : null,
    distinct: {
      agent: names.includes('agent') ? (kind === 'agents' ? rows - duplicates : (used['agent']?.size ?? 0)) : null,
      symbol: names.includes('symbol') ? (used['symbol']?.size ?? 0) : null,
    },
    sorted,
    duplicates,
    nulls,
  };
}

/** Returns the report as human-readable lines. */
export function formatInspectReport(file: string, r: InspectReport): string {
  const lines = [
    `${file}: ${r.kind}, ${r.rows} rows in ${r.batches} batches`,
    `time range: ${r.start ?? '-'} .. ${r.end ?? '-'}`,
    `distinct: agents ${r.distinct.agent ?? '-'}, symbols ${r.distinct.symbol ?? '-'}`,
    `sorted: ${r.sorted ? 'yes' : 'no'}; duplicate keys: ${r.duplicates}`,
    'columns:',
    ...r.schema.map((c) => `  ${c.name}: ${c.type}${c.nullable ? ' (nullable)' : ''}, ${r.nulls[c.name] ?? 0} nulls`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `bt data inspect`: summary of any bt Arrow file from column buffers and dictionary codes
 * (no row objects): kind, schema, rows, time range, distinct names (agents, symbols,
 * strategies, configurations: those of the columns the file has), null counts, and, by the
 * kind's rules, sortedness and duplicate keys. Diagnostic: it does not reject bad values.
 */
import { DataType, TimeUnit, type Data, type RecordBatch, type Vector } from 'apache-arrow';
import { isoFromMs } from './read/batch-chunks.js';
import { allValid, bitAt, decodeDict, decodeFloat64, decodeInt8, decodeTimestampMs, internName, newDictMerger, type DictMerger } from './read/decode-columns.js';
import { compareFindingCells, FINDING_ORDER_FIELDS } from './read/finding-order.js';
import { ExactDuplicateFindings } from './read/exact-duplicate-findings.js';
import { kindOfSchema, openAnyArrowFile, schemaViolations } from './read/open-arrow-file.js';
import { formatInputError } from '../engine/core/errors.js';
import { isDatasetKind } from './schemas/dataset-kind.js';

/** The name columns whose distinct values inspect counts, with their plural in the text report. */
const NAME_COLUMNS = { agent: 'agents', symbol: 'symbols', strategy: 'strategies', config_id: 'configurations' } as const;
type NameColumn = keyof typeof NAME_COLUMNS;

/**
 * How inspect reads a kind: rows are ordered by `lead` (a name column), then ts (when `byTs`),
 * then `trail` (a name column); a row's key is those columns plus `extra` (null: the kind has
 * no key, e.g. an event log or kill list may hold equal rows, so duplicates are not counted).
 */
interface KindRules {
  readonly lead: NameColumn | null;
  readonly byTs: boolean;
  readonly trail: NameColumn | null;
  readonly extra: readonly NameColumn[] | null;
}

const rules = (lead: NameColumn | null, byTs: boolean, trail: NameColumn | null, extra: readonly NameColumn[] | null): KindRules => ({ lead, byTs, trail, extra });

/** The order and key of each kind (datasets/README.md; a run's and a sweep's outputs: docs/outputs.md, docs/sweeps.md). */
const KIND_RULES: Readonly<Record<string, KindRules>> = {
  prices: rules(null, true, 'symbol', []),
  findings: rules(null, true, null, ['agent', 'symbol']),
  reconciled: rules(null, true, null, null),
  agents: rules('agent', false, null, []),
  events: rules(null, true, null, null),
  targets: rules(null, true, null, ['symbol']),
  agent_weights: rules(null, true, null, null),
  kills: rules(null, true, null, null),
  equity: rules(null, true, null, []),
  sweep_curves: rules('config_id', true, null, []),
  sweep_results: rules('config_id', false, null, []),
};

/** Milliseconds in one stored tick of a timestamp unit: times shown floored to the ms, as bt data import writes them (arrow-records.ts). */
const MS_PER_TICK: Readonly<Record<TimeUnit, number>> = { [TimeUnit.SECOND]: 1000, [TimeUnit.MILLISECOND]: 1, [TimeUnit.MICROSECOND]: 1e-3, [TimeUnit.NANOSECOND]: 1e-6 };

/** Result of inspecting one file (the --json output). Times are ISO 8601 UTC; null when the file has none. */
export interface InspectReport {
  readonly kind: string;
  readonly rows: number;
  readonly batches: number;
  readonly schema: readonly { readonly name: string; readonly type: string; readonly nullable: boolean }[];
  readonly start: string | null;
  readonly end: string | null;
  /** Distinct non-null values of each name column; null when the file has no such column. */
  readonly distinct: Readonly<Record<NameColumn, number | null>>;
  /** The columns the kind's rows are ordered by (prices: ts, symbol; agents: agent; a sweep's curves: config_id, ts); empty when it has no order. */
  readonly order: readonly string[];
  /** True when rows are in that order; null when the kind has none. */
  readonly sorted: boolean | null;
  /** The columns of the kind's row key (prices: ts, symbol; findings: ts, agent, symbol; targets: ts, symbol; equity: ts); null when it has none. */
  readonly key: readonly string[] | null;
  /** Rows repeating the key of an earlier row; null when the kind has no key. */
  readonly duplicates: number | null;
  /** Findings: rows equal to an earlier row in every field a replay reads (a run refuses them: exact-duplicate-findings.ts); null for other kinds. */
  readonly exact_copies: number | null;
  readonly nulls: Readonly<Record<string, number>>;
  /**
   * Input kinds (findings, prices, reconciled, agents): what a run would refuse in the schema
   * (a column's type, a missing or unknown column), [] when a run reads it; null for other kinds.
   * The findings checks (exact copies, the run's order) need the run's column types: with a
   * problem here they are not made (null).
   */
  readonly schema_problems: readonly string[] | null;
}

/** What a run would refuse in `schema` as `kind`, one line each without the file's name; null for a kind that is no run input. */
function schemaProblems(path: string, schema: Parameters<typeof schemaViolations>[1], kind: string): string[] | null {
  return isDatasetKind(kind) ? schemaViolations(path, schema, kind).map(({ file: _file, ...where }) => formatInputError(where)) : null;
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

/** Returns a name column's codes in `merger` (-1 = null): a dictionary column's merged codes, a text column's values interned. */
function nameCodes(b: RecordBatch, name: string, merger: DictMerger): Int32Array | undefined {
  const d = chunkOf(b, name);
  if (d === undefined) return undefined;
  if (d.dictionary !== undefined) return decodeDict([d], merger).codes;
  const v = b.getChild(name) as Vector;
  const all = allValid(d);
  const codes = new Int32Array(b.numRows);
  for (let i = 0; i < b.numRows; i++) {
    const s: unknown = all || bitAt(d.nullBitmap as Uint8Array, d.offset, i) ? v.get(i) : null;
    codes[i] = typeof s === 'string' ? internName(merger, s) : -1;
  }
  return codes;
}

/** Returns the inspection report of the Arrow file at `path`; throws BtInputError when it is not a readable Arrow file. */
export function inspectArrowFile(path: string): InspectReport {
  const f = openAnyArrowFile(path);
  const names = f.schema.fields.map((x) => x.name);
  const kind = guessKind(names, kindOfSchema(f.schema));
  const hasTs = names.includes('ts');
  const r = KIND_RULES[kind] ?? rules(null, hasTs, null, null);
  const present = (Object.keys(NAME_COLUMNS) as NameColumn[]).filter((c) => names.includes(c));
  const mergers = new Map(present.map((c) => [c, newDictMerger()]));
  const used = new Map(present.map((c) => [c, new Set<number>()]));
  const check = orderCheck(r, mergers);
  const problems = schemaProblems(path, f.schema, kind);
  // times in another unit than bt's milliseconds (a run refuses them: schema_problems) are shown as times all the same
  const tsType = f.schema.fields.find((x) => x.name === 'ts')?.type;
  const tsScale = tsType !== undefined && DataType.isTimestamp(tsType) ? MS_PER_TICK[tsType.unit] : 1;
  // the copies and order checks decode the columns as a run does: only in the types it reads (an Int64 direction threw)
  const copies = kind === 'findings' && problems?.length === 0 ? findingsChecksOf((c, code) => (code >= 0 ? (mergers.get(c)?.values[code] ?? '') : '')) : null;
  const nulls: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let rows = 0;
  let batches = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const b of f.batches()) {
    batches++;
    for (const n of names) nulls[n] = (nulls[n] ?? 0) + (chunkOf(b, n)?.nullCount ?? 0);
    const ts = hasTs ? decodeTimestampMs([chunkOf(b, 'ts')].filter((d): d is Data => d !== undefined)) : undefined;
    const codes = new Map<NameColumn, Int32Array>();
    for (const c of present) {
      const col = nameCodes(b, c, mergers.get(c) as DictMerger);
      if (col === undefined) continue;
      codes.set(c, col);
      const u = used.get(c) as Set<number>;
      for (const code of col) if (code >= 0) u.add(code);
    }
    if (ts !== undefined) {
      for (const t of ts) {
        if (t < min) min = t;
        if (t > max) max = t;
      }
    }
    check.batch(b.numRows, ts, codes);
    if (ts !== undefined) copies?.batch(b, ts, codes, rows);
    rows += b.numRows;
  }
  const orderCols = [...(r.lead !== null ? [r.lead] : []), ...(r.byTs ? ['ts'] : []), ...(r.trail !== null ? [r.trail] : [])];
  const hasOrder = orderCols.length > 0 && orderCols.every((c) => names.includes(c));
  const key = r.extra === null || !hasOrder ? null : [...orderCols, ...r.extra.filter((c) => !orderCols.includes(c))];
  return {
    kind,
    rows,
    batches,
    schema: f.schema.fields.map((x) => ({ name: x.name, type: String(x.type), nullable: x.nullable })),
    start: min <= max ? isoFromMs(Math.floor(min * tsScale)) : null,
    end: min <= max ? isoFromMs(Math.floor(max * tsScale)) : null,
    distinct: Object.fromEntries((Object.keys(NAME_COLUMNS) as NameColumn[]).map((c) => [c, used.get(c)?.size ?? null])) as Record<NameColumn, number | null>,
    // findings: the run's order, ties included (finding-order.ts)
    order: !hasOrder ? [] : copies !== null ? [...FINDING_ORDER_FIELDS] : orderCols,
    sorted: hasOrder ? check.sorted() && (copies?.inRunOrder() ?? true) : null,
    key,
    duplicates: key === null ? null : check.duplicates(),
    exact_copies: copies === null ? null : copies.count(),
    schema_problems: problems,
    nulls,
  };
}

/**
 * The count of a findings file's exact copies, fed a record batch at a time: the run's check
 * (ExactDuplicateFindings) on file-wide codes, which compare as the run's ids do (severity by
 * its code). Rows with a null agent or symbol are left to the run's own errors. And whether the
 * rows are in the order a run requires (finding-order.ts), compared by name: file-wide codes do
 * not order as names do.
 */
function findingsChecksOf(nameOf: (c: NameColumn, code: number) => string): {
  batch: (b: RecordBatch, ts: Float64Array, codes: ReadonlyMap<NameColumn, Int32Array>, firstRow: number) => void;
  count: () => number;
  inRunOrder: () => boolean;
} {
  const check = new ExactDuplicateFindings();
  const severity = newDictMerger();
  let inOrder = true;
  let prev: Cells | null = null;
  const chunks = (b: RecordBatch, name: string): Data[] => (chunkOf(b, name) === undefined ? [] : [chunkOf(b, name) as Data]);
  return {
    batch: (b, ts, codes, firstRow) => {
      const n = b.numRows;
      const agent = codes.get('agent');
      const symbol = codes.get('symbol');
      const sev = chunkOf(b, 'severity');
      if (agent === undefined || symbol === undefined || sev === undefined) return;
      const direction = chunkOf(b, 'direction');
      const horizon = chunkOf(b, 'horizon_hours');
      const expected = chunkOf(b, 'expected_pnl_bps');
      const run = {
        n,
        tsMs: ts,
        agentId: agent,
        symbolId: symbol,
        severityMult: Float64Array.from(decodeDict([sev], severity).codes),
        confidence: decodeFloat64(chunks(b, 'confidence'), null, true),
        direction: direction === undefined ? new Int8Array(n).fill(1) : decodeInt8([direction], 1),
        horizonHours: horizon === undefined ? new Float64Array(n).fill(Number.NaN) : decodeFloat64([horizon], null, true),
        ...(expected === undefined ? {} : { expectedPnlBps: decodeFloat64([expected], null, true) }),
      };
      check.scan(run, firstRow);
      // a row's cells as the import's (finding-order.ts), built only for rows of one time
      const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
      const cells = (i: number): Cells => [
        ts[i] as number,
        nameOf('agent', agent[i] as number),
        nameOf('symbol', symbol[i] as number),
        severity.values[run.severityMult[i] as number] ?? null,
        run.confidence[i] as number,
        run.direction[i] as number,
        orNull(run.horizonHours[i] as number),
        null,
        orNull(run.expectedPnlBps?.[i] ?? Number.NaN),
      ];
      let last: Cells | null = prev; // row i - 1's cells when built
      for (let i = 0; i < n && inOrder; i++) {
        const prevTs = i > 0 ? (ts[i - 1] as number) : (prev?.[0] ?? Number.NaN);
        if (ts[i] !== prevTs) {
          last = null;
          continue;
        }
        const cur = cells(i);
        if (compareFindingCells(last ?? cells(i - 1), cur) > 0) inOrder = false;
        last = cur;
      }
      if (n > 0) prev = cells(n - 1);
    },
    count: () => check.copies,
    inRunOrder: () => inOrder,
  };
}

/** A findings row as compareFindingCells reads it. */
type Cells = (number | string | null)[];

/** The order and duplicate-key check of a kind, fed a record batch at a time. */
interface OrderCheck {
  readonly batch: (n: number, ts: Float64Array | undefined, codes: ReadonlyMap<NameColumn, Int32Array>) => void;
  readonly sorted: () => boolean;
  readonly duplicates: () => number;
}

/**
 * Returns the check of `r`'s order and key. Rows with a null time are skipped. Keys are compared
 * within a run of rows of one lead name and time (numeric: (code a + 1) * 2^32 + (code b + 1), exact
 * below 2^53); a kind ordered by its lead alone (agents) compares each lead with every earlier one.
 */
function orderCheck(r: KindRules, mergers: ReadonlyMap<NameColumn, DictMerger>): OrderCheck {
  const keyCols = [...(r.extra ?? []), ...(r.trail !== null ? [r.trail] : [])].filter((c, i, all) => all.indexOf(c) === i).slice(0, 2);
  const name = (c: NameColumn, code: number): string => (code >= 0 ? (mergers.get(c)?.values[code] ?? '') : '');
  let sorted = true;
  let duplicates = 0;
  let first = true;
  let prevLead = -1;
  let prevTs = Number.NEGATIVE_INFINITY;
  let prevTrail = -1;
  const group = new Set<number>();
  const leads = new Set<number>();
  return {
    batch: (n, ts, codes) => {
      const lead = r.lead !== null ? codes.get(r.lead) : undefined;
      const trail = r.trail !== null ? codes.get(r.trail) : undefined;
      const ka = keyCols[0] !== undefined ? codes.get(keyCols[0]) : undefined;
      const kb = keyCols[1] !== undefined ? codes.get(keyCols[1]) : undefined;
      for (let i = 0; i < n; i++) {
        const t = r.byTs ? (ts?.[i] ?? Number.NaN) : 0;
        if (Number.isNaN(t)) continue;
        const l = lead?.[i] ?? -1;
        const s = trail?.[i] ?? -1;
        let sameRun = !first && t === prevTs;
        if (r.lead !== null && !first && l !== prevLead) {
          if (name(r.lead, l) < name(r.lead, prevLead)) sorted = false;
          sameRun = false;
        } else if (!first && t < prevTs) sorted = false;
        else if (sameRun && r.trail !== null && name(r.trail, s) < name(r.trail, prevTrail)) sorted = false;
        if (r.lead !== null && !r.byTs) {
          if (leads.has(l)) duplicates++;
          leads.add(l);
        } else {
          if (!sameRun) group.clear();
          const key = ((ka?.[i] ?? -1) + 1) * 4294967296 + ((kb?.[i] ?? -1) + 1);
          if (group.has(key)) duplicates++;
          group.add(key);
        }
        first = false;
        prevLead = l;
        prevTs = t;
        prevTrail = s;
      }
    },
    sorted: () => sorted,
    duplicates: () => duplicates,
  };
}

/** Returns the report as human-readable lines: counts and checks that do not apply to the kind are left out. */
export function formatInspectReport(file: string, r: InspectReport): string {
  const distinct = (Object.keys(NAME_COLUMNS) as NameColumn[]).flatMap((c) => (r.distinct[c] === null ? [] : [`${NAME_COLUMNS[c]} ${r.distinct[c]}`]));
  const copies = r.exact_copies === null ? '' : `; exact copies: ${r.exact_copies}${r.exact_copies > 0 ? ' (bt run refuses them)' : ''}`;
  const order = r.sorted === null ? [] : [`sorted by ${r.order.join(', ')}: ${r.sorted ? 'yes' : r.kind === 'findings' ? 'no (bt run refuses another order; bt data import --sort writes this one)' : 'no'}${r.key === null ? '' : `; duplicate (${r.key.join(', ')}) keys: ${r.duplicates ?? 0}`}${copies}`];
  const lines = [
    `${file}: ${r.kind}, ${r.rows} ${r.rows === 1 ? 'row' : 'rows'} in ${r.batches} ${r.batches === 1 ? 'batch' : 'batches'}`,
    `time range: ${r.start ?? '-'} .. ${r.end ?? '-'}`,
    ...(distinct.length > 0 ? [`distinct: ${distinct.join(', ')}`] : []),
    ...order,
    ...(r.schema_problems === null || r.schema_problems.length === 0 ? [] : [`bt run refuses its schema (bt data import writes the one it reads):`, ...r.schema_problems.map((p) => `  ${p}`)]),
    'columns:',
    ...r.schema.map((c) => `  ${c.name}: ${c.type}${c.nullable ? ' (nullable)' : ''}, ${r.nulls[c.name] ?? 0} nulls`),
  ];
  return `${lines.join('\n')}\n`;
}

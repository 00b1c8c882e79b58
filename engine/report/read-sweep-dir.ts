import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, type Data, type Table } from 'apache-arrow';
import { registerArrowCodecs } from '../../datasets/read/arrow-codecs.js';
import { decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger } from '../../datasets/read/decode-columns.js';
import { BtInputError } from '../core/errors.js';
import { checkManifestHash } from '../io/manifest-hash-check.js';
import { markedFiles, OUTPUT_MARKER } from '../io/output-kind.js';
import { sha256Hex } from '../core/hash.js';
import { METRIC_FIELDS } from '../metrics/compute-metrics.js';
import type { SweepCurves, SweepParamColumn, SweepTable } from './sweep-table.js';

/** Returns true when `dir` holds a sweep's results table (results.arrow, as bt sweep and bt merge write). */
export function isSweepDir(dir: string): boolean {
  return existsSync(join(dir, 'results.arrow'));
}

/** What to do about a sweep table that no longer matches its manifest.json. */
const SWEEP_CHANGED_HINT = 'The file changed after bt sweep or bt merge wrote it. Rebuild the tables from the journal with the same bt sweep command and --resume, or run the sweep again';

/** A sweep folder's recorded output hashes (manifest.json `outputs`), or null for a folder without manifest.json. */
export type SweepHashes = Readonly<Record<string, unknown>> | null;

/**
 * Returns the sha256 the folder's manifest.json records for its tables, so that the tables a
 * sweep report reads (results.arrow, curves.arrow when present) are checked on the bytes read
 * and an edited table is refused by name, never drawn as the sweep's. null for a folder without
 * manifest.json written before sweeps had one (2026-12-05.6): read as before. A folder whose
 * marker lists manifest.json (bt lists the entries it wrote when it finishes the folder, and a
 * bt that writes manifests writes one before that) but has none is refused: deleting the
 * manifest must not switch the check off. A manifest that lacks a table's hash refuses that table.
 */
export function sweepHashes(dir: string): SweepHashes {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    if (markedFiles(dir)?.includes('manifest.json') === true) {
      throw new BtInputError({ file: manifestPath, expected: `the manifest bt sweep or bt merge wrote (the folder's ${OUTPUT_MARKER} lists it)`, found: 'no such file: it was removed after bt wrote the folder, and with it the sha256 its tables are checked against', hint: 'Rebuild the tables and manifest.json from the journal with the same bt sweep command and --resume, or run the sweep again' });
    }
    return null;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new BtInputError({ file: manifestPath, expected: 'a JSON object written by bt sweep or bt merge', found: err instanceof Error ? err.message : String(err) });
  }
  const outputs = typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? (manifest as Record<string, unknown>)['outputs'] : undefined;
  return typeof outputs === 'object' && outputs !== null && !Array.isArray(outputs) ? (outputs as Record<string, unknown>) : {};
}

/** Decodes the Arrow file at `path`, first checking its bytes against `hashes` (by file name) unless null. */
function openTable(path: string, what: string, hashes: SweepHashes, file: string): Table {
  const unreadable = (err: unknown): BtInputError => new BtInputError({ file: path, expected: what, found: err instanceof Error ? err.message : String(err) });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw unreadable(err);
  }
  if (hashes !== null) checkManifestHash(sha256Hex(bytes), path, hashes[file], SWEEP_CHANGED_HINT);
  registerArrowCodecs();
  try {
    return tableFromIPC(bytes);
  } catch (err) {
    throw unreadable(err);
  }
}

function column(t: Table, path: string, name: string): readonly Data[] {
  const v = t.getChild(name);
  if (v === null) throw new BtInputError({ file: path, field: name, expected: `a column '${name}' (as bt sweep writes)`, found: `columns ${t.schema.fields.map((f) => f.name).join(', ')}` });
  return v.data as readonly Data[];
}

function textColumn(t: Table, name: string): (string | null)[] {
  const v = t.getChild(name);
  return Array.from({ length: t.numRows }, (_, i) => {
    const x: unknown = v?.get(i);
    return typeof x === 'string' ? x : null;
  });
}

/**
 * Reads a sweep folder's results.arrow: config_id, then the swept parameters (every column
 * before the first metric column 'n'; float64 or text), then numeric metric columns, and the
 * vs_best and status text columns when the table has them.
 */
export function readSweepTable(dir: string, hashes: SweepHashes = null): SweepTable {
  const path = join(dir, 'results.arrow');
  if (!existsSync(path)) throw new BtInputError({ file: dir, expected: 'a sweep folder written by bt sweep or bt merge (results.arrow)', found: 'no results.arrow' });
  const t = openTable(path, 'the results.arrow of bt sweep', hashes, 'results.arrow');
  const names = t.schema.fields.map((f) => f.name);
  const firstMetric = names.indexOf(METRIC_FIELDS[0]);
  if (names[0] !== 'config_id' || firstMetric < 0) {
    throw new BtInputError({ file: path, expected: "columns config_id, the swept parameters, then the metrics from 'n' on", found: `columns ${names.join(', ')}` });
  }
  const params: SweepParamColumn[] = [];
  for (const name of names.slice(1, firstMetric)) {
    const field = t.schema.fields.find((f) => f.name === name);
    const numeric = field !== undefined && String(field.type) === 'Float64';
    const values: (number | string | null)[] = numeric ? Array.from(decodeFloat64(column(t, path, name), () => undefined, true), (x) => (Number.isNaN(x) ? null : x)) : textColumn(t, name);
    params.push({ path: name, values });
  }
  const metrics = new Map<string, Float64Array>();
  for (const f of t.schema.fields.slice(firstMetric)) {
    if (String(f.type) === 'Float64') metrics.set(f.name, decodeFloat64(column(t, path, f.name), () => undefined, true));
  }
  const configIds = textColumn(t, 'config_id').map((s) => s ?? '');
  return {
    configIds,
    params,
    metrics,
    ...(t.getChild('vs_best') === null ? {} : { vsBest: textColumn(t, 'vs_best') }),
    ...(t.getChild('status') === null ? {} : { status: textColumn(t, 'status') }),
  };
}

/** Reads a sweep folder's curves.arrow (config_id, ts, equity; rows grouped by configuration), or null when the folder has none. */
export function readSweepCurves(dir: string, hashes: SweepHashes = null): SweepCurves | null {
  const path = join(dir, 'curves.arrow');
  if (!existsSync(path)) return null;
  const t = openTable(path, 'the curves.arrow of bt sweep', hashes, 'curves.arrow');
  const ids = decodeDict(column(t, path, 'config_id'), newDictMerger());
  const ts = decodeTimestampMs(column(t, path, 'ts'));
  const eq = decodeFloat64(column(t, path, 'equity'), () => undefined, true);
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < ids.codes.length; i++) {
    const c = ids.codes[i] as number;
    const list = rowsOf.get(c);
    if (list === undefined) rowsOf.set(c, [i]);
    else list.push(i);
  }
  const order = [...rowsOf.keys()].sort((a, b) => {
    const x = ids.dictionary[a] ?? '';
    const y = ids.dictionary[b] ?? '';
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  return {
    configIds: order.map((c) => ids.dictionary[c] ?? ''),
    tsMs: order.map((c) => Float64Array.from(rowsOf.get(c) ?? [], (i) => ts[i] as number)),
    equity: order.map((c) => Float64Array.from(rowsOf.get(c) ?? [], (i) => eq[i] as number)),
  };
}

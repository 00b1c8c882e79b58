import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARK_FIELDS } from '../../../engine/metrics/benchmark-metrics.js';
import { TEARSHEET_FIELDS } from '../../../engine/metrics/tearsheet-metrics.js';
import { close } from './reference-fixture.js';

/** What test/reference/tearsheet_reference.R (R PerformanceAnalytics) computed for one series. */
export interface TearsheetExpected {
  readonly [field: string]: unknown;
  readonly monthly_returns: Readonly<Record<string, number>>;
  readonly yearly_returns: Readonly<Record<string, number>>;
  readonly drawdowns: readonly Readonly<Record<string, string | number | null>>[];
  readonly benchmark_n?: number;
}

/** One synthetic case: inputs (benchmark null where missing) and R's figures. */
export interface TearsheetCase {
  readonly name: string;
  readonly N: number;
  readonly ts_ms: number[];
  readonly returns: number[];
  readonly benchmark: (number | null)[];
  readonly expected: TearsheetExpected;
}

/** test/fixtures/tearsheet/reference.json. */
export interface TearsheetReference {
  readonly synthetic: TearsheetCase[];
  readonly quickstart: { readonly N: number; readonly expected: TearsheetExpected };
}

/** Loads test/fixtures/tearsheet/reference.json (written by test/reference/tearsheet_reference.R). */
export function loadTearsheetReference(): TearsheetReference {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/tearsheet/reference.json'), 'utf8')) as TearsheetReference;
}

/** Returns a CSV of `ts,<cols>` (ts epoch ms) as columns of numbers. */
export function readNumberCsv(path: string): Record<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const out: Record<string, Float64Array> = {};
  header.forEach((h, k) => (out[h] = Float64Array.from(rows, (r) => r[k] as number)));
  return out;
}

/**
 * Returns every difference between bt's figures and R's beyond TOL: the tear-sheet scalars,
 * the benchmark-relative scalars (when R computed them), the period tables and drawdown rows.
 */
export function tearsheetMismatches(figures: object, expected: TearsheetExpected): string[] {
  const actual = figures as Readonly<Record<string, unknown>>;
  const out: string[] = [];
  const fields: string[] = [...TEARSHEET_FIELDS, ...('beta' in expected ? BENCHMARK_FIELDS : [])];
  for (const f of fields) {
    const a = actual[f] as number | null;
    const e = expected[f] as number | null;
    if (!close(a, e)) out.push(`${f}: bt ${String(a)} vs R ${String(e)}`);
  }
  for (const table of ['monthly_returns', 'yearly_returns'] as const) {
    const a = actual[table] as Readonly<Record<string, number>>;
    const e = expected[table];
    if (Object.keys(a).join() !== Object.keys(e).join()) out.push(`${table} keys: bt ${Object.keys(a).join()} vs R ${Object.keys(e).join()}`);
    for (const k of Object.keys(e)) if (!close(a[k], e[k])) out.push(`${table}[${k}]: bt ${String(a[k])} vs R ${String(e[k])}`);
  }
  const dd = actual['drawdowns'] as readonly Readonly<Record<string, string | number | null>>[];
  if (dd.length !== expected.drawdowns.length) out.push(`drawdowns: bt ${dd.length} rows vs R ${expected.drawdowns.length}`);
  expected.drawdowns.forEach((e, i) => {
    for (const [k, v] of Object.entries(e)) {
      const a = dd[i]?.[k];
      const same = typeof v === 'number' ? close(a as number | null, v) : a === v;
      if (!same) out.push(`drawdowns[${i}].${k}: bt ${String(a)} vs R ${String(v)}`);
    }
  });
  return out;
}

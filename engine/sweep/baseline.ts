import { readFileSync } from 'node:fs';
import { BtInputError } from '../core/errors.js';
import { csvRecords, splitCsvRecord } from '../io/csv-line.js';
import { metricOf } from './best-config.js';
import type { JournalResult } from './journal.js';
import { METRIC_DIRECTION, RESULT_METRIC_FIELDS } from './metric-columns.js';

/** A results.csv read back: numeric metric values by config id (empty cells are null), and the metric columns it lacks. */
export interface BaselineTable {
  readonly rows: ReadonlyMap<string, Readonly<Record<string, number | null>>>;
  /**
   * Metric columns of this bt's results that the file has not (a results.csv written before a
   * column was added, as turnover_traded_annualized in 2026-12-04.4): not compared, and said so.
   */
  readonly absentColumns: readonly string[];
}

/** Returns the metric columns of a sweep results.csv by config id, or throws a BtInputError naming the file and line. */
export function parseBaselineCsv(text: string, file: string): BaselineTable {
  const records = csvRecords(text);
  const lines = records.map((r) => r.text);
  const header = splitCsvRecord(lines[0] ?? '');
  const idCol = header.indexOf('config_id');
  if (idCol < 0) throw new BtInputError({ file, line: 1, field: 'header', expected: "a results.csv header with 'config_id' (written by bt sweep)", found: `'${(lines[0] ?? '').slice(0, 60)}'` });
  const metricCols = RESULT_METRIC_FIELDS.map((m) => [m, header.indexOf(m)] as const).filter(([, i]) => i >= 0);
  const out = new Map<string, Record<string, number | null>>();
  for (let k = 1; k < lines.length; k++) {
    const cells = splitCsvRecord(lines[k] as string);
    const row: Record<string, number | null> = {};
    for (const [m, i] of metricCols) {
      const cell = cells[i] ?? '';
      const x = cell === '' ? null : Number(cell);
      if (x !== null && !Number.isFinite(x)) throw new BtInputError({ file, line: records[k]?.line ?? k + 1, field: m, expected: 'a number or an empty cell', found: `'${cell}'` });
      row[m] = x;
    }
    out.set(cells[idCol] ?? '', row);
  }
  return { rows: out, absentColumns: RESULT_METRIC_FIELDS.filter((m) => !header.includes(m)) };
}

/** Returns the baseline table in the CSV file at `path` (shell). */
export function readBaselineCsv(path: string): BaselineTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BtInputError({ field: '--baseline', file: path, expected: 'a readable results.csv from an earlier bt sweep', found: 'no such file' });
  }
  return parseBaselineCsv(text, path);
}

/** One metric of one configuration compared with the baseline. */
export interface BaselineComparison {
  readonly config_id: string;
  readonly metric: string;
  readonly baseline: number;
  readonly current: number | null;
  /** How much worse, relative to |baseline| (absolute when the baseline is 0); negative = better. */
  readonly worse_by: number | null;
  readonly regressed: boolean;
}

/** The outcome of a baseline comparison. */
export interface BaselineReport {
  readonly tolerance: number;
  readonly compared: readonly BaselineComparison[];
  /** Config ids in the baseline that this sweep did not run. */
  readonly missing: readonly string[];
  /** Configurations of this sweep found in the baseline: 0 means nothing could be compared. */
  readonly matched: number;
  /** The baseline's absent metric columns (BaselineTable.absentColumns): compared in no configuration. */
  readonly absentColumns: readonly string[];
}

/**
 * Returns each scored metric (METRIC_DIRECTION not 'neutral') of each configuration present
 * in both, flagged as regressed when it moved in its worse direction by more than `tolerance`
 * relative to |baseline| (absolute when the baseline is 0), or became undefined. A column the
 * baseline lacks compares nothing and fails nothing (absentColumns names it).
 */
export function compareToBaseline(rows: readonly JournalResult[], baseline: BaselineTable, tolerance: number): BaselineReport {
  const compared: BaselineComparison[] = [];
  const ids = new Set(rows.map((r) => r.config_id));
  let matched = 0;
  for (const r of rows) {
    const base = baseline.rows.get(r.config_id);
    if (base === undefined) continue;
    matched++;
    for (const m of RESULT_METRIC_FIELDS) {
      const dir = METRIC_DIRECTION[m];
      const b = base[m];
      if (dir === 'neutral' || b === undefined || b === null) continue;
      const cur = metricOf(r, m);
      if (cur === null) {
        compared.push({ config_id: r.config_id, metric: m, baseline: b, current: null, worse_by: null, regressed: true });
        continue;
      }
      const change = b === 0 ? cur - b : (cur - b) / Math.abs(b);
      const worse = dir === 'higher' ? -change : change;
      compared.push({ config_id: r.config_id, metric: m, baseline: b, current: cur, worse_by: worse, regressed: worse > tolerance });
    }
  }
  const missing = [...baseline.rows.keys()].filter((id) => !ids.has(id)).sort();
  return { tolerance, compared, missing, matched, absentColumns: baseline.absentColumns };
}

import { stableStringify } from '../core/stable-json.js';
import { compareCharts } from './compare-charts.js';
import type { LabelledCurve } from './compare-rows.js';
import { bootstrapNote } from './compare/bootstrap-note.js';
import { figuresNote } from './compare/comparability-notes.js';
import { compareTable, tearsheetTable } from './compare/compare-table.js';
import type { Comparison } from './compare/build-comparison.js';
import { COMPARE_OUT_HINT, writeReportFolder } from './write-report-folder.js';

/**
 * Writes outDir/{index.html, compare.json, <chart>.vl.json and .svg}: the ranked table, the
 * tear-sheet table (benchmark-relative figures when the runs have a benchmark) and the charts
 * of compareCharts (equity and drawdown, underwater, monthly heatmaps, yearly returns).
 */
export async function writeCompareReport(outDir: string, comparison: Comparison, curves: readonly LabelledCurve[]): Promise<void> {
  const notes = [`${curves.length} runs. ${bootstrapNote(comparison)}.`, `${figuresNote(comparison.runs.map((r) => r.metrics['periods_per_year'] ?? null))}.`, ...comparison.notes.map((n) => `Note: ${n}.`)];
  const table = compareTable(comparison.runs, comparison.first, comparison.bootstrap.level, comparison.rank_by);
  await writeReportFolder(outDir, 'bt compare report', notes, [table, tearsheetTable(comparison.runs)], compareCharts(curves), { 'compare.json': `${stableStringify(comparison, 2)}\n` }, COMPARE_OUT_HINT);
}

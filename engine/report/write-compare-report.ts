import { stableStringify } from '../core/stable-json.js';
import { compareRows, type LabelledCurve } from './compare-rows.js';
import { compareTable } from './compare/compare-table.js';
import type { Comparison } from './compare/build-comparison.js';
import { compareEquitySpec } from './specs/compare-equity.js';
import { writeReportFolder } from './write-report-folder.js';

/** Writes outDir/{index.html, compare-equity.vl.json, compare-equity.svg, compare.json}: the ranked table and the overlaid equity and drawdown of the compared runs. */
export async function writeCompareReport(outDir: string, comparison: Comparison, curves: readonly LabelledCurve[]): Promise<void> {
  const b = comparison.bootstrap;
  const notes = [
    `${curves.length} runs; Sharpe differences against ${comparison.first}: ${b.method}, ${b.resamples} resamples, mean block ${b.mean_block} periods, seed ${b.seed}, over ${b.aligned_periods} aligned periods.`,
  ];
  const charts = [{ name: 'compare-equity', title: 'Equity and drawdown', spec: compareEquitySpec(compareRows(curves), curves.map((c) => c.label)) }];
  const table = compareTable(comparison.runs, comparison.first, b.level, comparison.rank_by);
  await writeReportFolder(outDir, 'bt compare report', notes, [table], charts, { 'compare.json': `${stableStringify(comparison, 2)}\n` });
}

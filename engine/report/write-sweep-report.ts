import { join } from 'node:path';
import { readSweepCurves, readSweepTable } from './read-sweep-dir.js';
import { sweepReportCharts, sweepTopTable, type SweepReportOptions } from './sweep-report-charts.js';
import { REPORT_FOLDER_HINT, writeReportFolder } from './write-report-folder.js';

/** Writes sweepDir/report/{index.html, <chart>.vl.json, <chart>.svg} from results.arrow (and curves.arrow when present). */
export async function writeSweepReport(sweepDir: string, opts: SweepReportOptions = {}): Promise<void> {
  const table = readSweepTable(sweepDir);
  const curves = readSweepCurves(sweepDir);
  const notes = [`${table.configIds.length} configurations over ${table.params.length} parameters: ${table.params.map((p) => p.path).join(', ')}`, 'Heatmaps have one panel per value of a third parameter and show the mean over any further ones; the Pareto frontier holds the configurations no other beats on both Sharpe and max drawdown.'];
  await writeReportFolder(join(sweepDir, 'report'), 'bt sweep report', notes, [sweepTopTable(table, opts.top ?? 10)], sweepReportCharts(table, curves, opts), {}, REPORT_FOLDER_HINT);
}

import { join } from 'node:path';
import { readSweepCurves, readSweepTable } from './read-sweep-dir.js';
import { sweepReportCharts, sweepTopTable, type SweepReportOptions } from './sweep-report-charts.js';
import { REPORT_FOLDER_HINT, writeReportFolder } from './write-report-folder.js';

/** Writes sweepDir/report/{index.html, <chart>.vl.json, <chart>.svg} from results.arrow (and curves.arrow when present). */
export async function writeSweepReport(sweepDir: string, opts: SweepReportOptions = {}): Promise<void> {
  const table = readSweepTable(sweepDir);
  const curves = readSweepCurves(sweepDir);
  const n = table.configIds.length;
  const failed = table.status?.filter((x) => x === 'failed').length ?? 0;
  const failedNote = failed === 0 ? '' : ` (${failed} failed: no metrics; the status and error columns of results.csv say why)`;
  const notes = [`${n} configuration${n === 1 ? '' : 's'}${failedNote} over ${table.params.length} parameter${table.params.length === 1 ? '' : 's'}: ${table.params.map((p) => p.path).join(', ')}`, 'Heatmaps have one panel per value of a third parameter and show the mean over any further ones; the Pareto frontier holds the configurations no other beats on both Sharpe and max drawdown.'];
  await writeReportFolder(join(sweepDir, 'report'), 'bt sweep report', notes, [sweepTopTable(table, opts.top ?? 10)], sweepReportCharts(table, curves, opts), {}, REPORT_FOLDER_HINT);
}

import { join } from 'node:path';
import { readSweepCurves, readSweepTable, type SweepHashes } from './read-sweep-dir.js';
import type { SweepTable } from './sweep-table.js';
import { sweepReportCharts, sweepTopTable, type SweepReportOptions } from './sweep-report-charts.js';
import { REPORT_FOLDER_HINT, writeReportFolder } from './write-report-folder.js';

/**
 * Writes sweepDir/report/{index.html, <chart>.vl.json, <chart>.svg} from results.arrow (and
 * curves.arrow when present). `read`: the table a caller already read, and the hashes the tables
 * are checked against (bt report; null or absent: bt sweep and bt merge, which just wrote them).
 */
export async function writeSweepReport(sweepDir: string, opts: SweepReportOptions = {}, read: { readonly table?: SweepTable; readonly hashes?: SweepHashes } = {}): Promise<void> {
  const table = read.table ?? readSweepTable(sweepDir, read.hashes ?? null);
  const curves = readSweepCurves(sweepDir, read.hashes ?? null);
  const n = table.configIds.length;
  const failed = table.status?.filter((x) => x === 'failed').length ?? 0;
  const failedNote = failed === 0 ? '' : ` (${failed} failed: no metrics; the status and error columns of results.csv say why)`;
  const notes = [`${n} configuration${n === 1 ? '' : 's'}${failedNote} over ${table.params.length} parameter${table.params.length === 1 ? '' : 's'}: ${table.params.map((p) => p.path).join(', ')}`, 'Heatmaps have one panel per value of a third parameter and show the mean over any further ones; the Pareto frontier holds the configurations no other beats on both Sharpe and max drawdown.'];
  await writeReportFolder(join(sweepDir, 'report'), 'bt sweep report', notes, [sweepTopTable(table, opts.top ?? 10)], sweepReportCharts(table, curves, opts), {}, REPORT_FOLDER_HINT);
}

import { join } from 'node:path';
import { instantLabel } from '../core/instant-resolution.js';
import { formatMetric } from './format-metric.js';
import type { HtmlTable } from './html.js';
import { readWhileHashing } from '../io/read-while-hashing.js';
import { readRunDir, recordedOutputHash, type KnownRunData, type RunDirData } from './read-run-dir.js';
import { runReportCharts, runReportResolution } from './run-report-charts.js';
import { REPORT_FOLDER_HINT, writeReportFolder } from './write-report-folder.js';

/** Metrics in the run report's summary table, in order. */
export const RUN_SUMMARY_METRICS = ['total_return', 'annualized_return', 'annualized_volatility', 'sharpe', 'sortino', 'max_drawdown', 'calmar', 'cvar_95', 'turnover_annualized', 'turnover_traded_annualized', 'n_kills', 'final_equity'] as const;

function summaryTable(run: RunDirData): HtmlTable {
  const m = run.metrics;
  return {
    caption: 'Metrics (metrics.json)',
    columns: ['metric', 'value'],
    rows: RUN_SUMMARY_METRICS.map((k) => {
      const v = m[k];
      return [k, formatMetric(k, typeof v === 'number' ? v : null)];
    }),
  };
}

/**
 * readRunDir, with events.arrow (the multipliers' source, read by record batch and not hashed
 * there) checked against its sha256 in manifest.json by a worker while the main thread reads
 * the folder: an edited log was charted as the run's. Not when the caller holds the multipliers
 * (bt run, whose run just wrote the log). A changed log is reported before what its content caused.
 */
async function readRunDirCheckingLog(runDir: string, known: KnownRunData): Promise<RunDirData> {
  if (known.multipliers !== undefined) return readRunDir(runDir, known);
  return readWhileHashing(join(runDir, 'events.arrow'), () => recordedOutputHash(runDir, 'events.arrow'), () => readRunDir(runDir, known));
}

/**
 * Writes runDir/report/{index.html, <chart>.vl.json, <chart>.svg} from the run folder's files (the
 * report `bt run` writes and `bt report DIR` rebuilds); `known`: what the run already holds of them.
 */
export async function writeRunReport(runDir: string, known: KnownRunData = {}): Promise<void> {
  const run = await readRunDirCheckingLog(runDir, known);
  const ts = run.equity.tsMs;
  const res = runReportResolution(run);
  // at the run's resolution, as every date of the report: an hourly run's first and last points, not their days
  const utc = res === 'day' ? '' : ' UTC';
  const span = (a: number, b: number): string => `${instantLabel(a, res)} .. ${instantLabel(b, res)}${utc}`;
  // the run's window and its equity points apart: the first point is the first close after the start
  const points = ts.length > 0 ? `equity ${span(ts[0] as number, ts[ts.length - 1] as number)} (${ts.length} points)` : 'no equity points';
  const window = run.window === undefined ? '' : `run ${span(run.window.startMs, run.window.endMs)}; `;
  const notes = [`scenario ${run.scenarioName}, allocator ${run.variant}`, `${window}${points}, ${run.kills.length} kills and retirements`];
  await writeReportFolder(join(runDir, 'report'), `bt run report: ${run.scenarioName || run.name}`, notes, [summaryTable(run)], runReportCharts(run, res), {}, REPORT_FOLDER_HINT);
}

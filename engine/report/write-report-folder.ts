import { join } from 'node:path';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { stableStringify } from '../core/stable-json.js';
import { buildReportHtml, type HtmlTable } from './html.js';
import { renderSvg } from './svg.js';
import type { ReportChart } from './specs/report-chart.js';
import { readVegaLibraries } from './vega-libraries.js';

/** The refusal's hint for a run's or sweep's report/ folder that bt did not write (bt report has no --out or --force). */
export const REPORT_FOLDER_HINT = 'bt never deletes what it did not write: move that report folder out of the way, then build the report again';

/** The refusal's hint for a compare report's --out that holds what bt did not write (bt compare has no --force). */
export const COMPARE_OUT_HINT = 'bt never deletes what it did not write: choose another --out, or move what bt did not write out of that folder';

/**
 * Writes `dir`/index.html (self-contained), `<chart>.vl.json` and `<chart>.svg` for each
 * chart (plus `extraFiles` by name), replacing the folder atomically. Shared by the run, sweep
 * and compare reports; `refusedHint` for a folder whose path the user did not choose (report/).
 */
export async function writeReportFolder(
  dir: string,
  title: string,
  notes: readonly string[],
  tables: readonly HtmlTable[],
  charts: readonly ReportChart[],
  extraFiles: Readonly<Record<string, string>> = {},
  refusedHint?: string,
): Promise<void> {
  const svgs: string[] = [];
  for (const c of charts) svgs.push((await renderSvg(c.spec)).svg); // in page order: deterministic bytes
  const html = buildReportHtml({ title, notes, tables, charts }, readVegaLibraries());
  await writeDirAtomic(dir, { kind: 'report', ...(refusedHint !== undefined ? { refusedHint } : {}) }, (tmp) => {
    charts.forEach((c, i) => {
      writeFileAtomic(join(tmp, `${c.name}.vl.json`), `${stableStringify(c.spec, 2)}\n`);
      writeFileAtomic(join(tmp, `${c.name}.svg`), svgs[i] as string);
    });
    for (const name of Object.keys(extraFiles).sort()) writeFileAtomic(join(tmp, name), extraFiles[name] as string);
    writeFileAtomic(join(tmp, 'index.html'), html);
  });
}

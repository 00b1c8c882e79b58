import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BtInputError } from '../../core/errors.js';
import { MS } from '../../core/time.js';
import { instantLabel, instantResolution } from '../../core/instant-resolution.js';
import { writeDirAtomic } from '../../io/atomic-write.js';
import { writeFilesUnder } from '../../io/write-files-under.js';
import { readGovernanceInput } from '../../io/read-governance-input.js';
import { buildNotifications } from '../../governance/notifications.js';
import { formatUtc } from '../../governance/format-utc.js';
import { renderSvg } from '../svg.js';
import { isoWeeksBetween, type IsoWeek } from './iso-week.js';
import { defaultLpWeek } from './default-lp-week.js';
import { lpChartSpec } from './lp-chart-spec.js';
import { lpDailyMarkdown } from './lp-markdown.js';
import { lpWeeklyFileName } from './lp-weekly-file-name.js';
import { lpPeriods, type LpPeriod, type LpPeriodSpec } from './lp-period.js';
import { lpWeeklyHtml } from './lp-html.js';
import { lpWeeklyPdf, type LpFonts } from './lp-pdf.js';

/** The formats `bt report lp` writes. */
export const LP_FORMATS = ['pdf', 'html', 'md'] as const;
export type LpFormat = (typeof LP_FORMATS)[number];

/** Which weeks: the run's last complete one (defaultLpWeek), all of them, or one by its 'YYYY-Www' label. */
export type LpWeekChoice = { readonly kind: 'last' } | { readonly kind: 'all' } | { readonly kind: 'one'; readonly week: IsoWeek };

/** Reads DejaVu Sans (regular and bold) from the dejavu-fonts-ttf package: never a system font path. */
function readFonts(): LpFonts {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: readFileSync(join(dir, 'DejaVuSans.ttf')), bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')) };
}

/**
 * Writes the LP reports of a run folder as the output folder `outDir` (kind lp): per chosen ISO
 * week lp_weekly_YYYY-Www.pdf and .html, and lp_daily_YYYY-MM-DD.md for each of its days within
 * the run. Everything is built in memory first (bad input leaves nothing behind), then written
 * into a temp folder swapped in whole: the folder holds one call's reports or its old ones,
 * never a mix, and a folder bt did not write is refused unless `force`. Returns the file names,
 * and a note when the default week is partial (the run covers no ISO week completely).
 */
export async function writeLpReports(runDir: string, outDir: string, choice: LpWeekChoice, formats: ReadonlySet<LpFormat>, force = false): Promise<{ names: string[]; note: string | null }> {
  const { input } = await readGovernanceInput(runDir, {});
  const startMs = input.startMs;
  const endMs = input.endMs;
  const all = isoWeeksBetween(startMs, endMs);
  let weeks: IsoWeek[];
  let note: string | null = null;
  if (choice.kind === 'all') weeks = all;
  else if (choice.kind === 'last') {
    const { week, partial } = defaultLpWeek(startMs, endMs);
    weeks = [week];
    if (partial) note = `the run (${formatUtc(startMs)} .. ${formatUtc(endMs)}) covers no ISO week completely: reporting its last, partial week ${week.label}`;
  } else {
    if (!all.some((w) => w.label === choice.week.label)) {
      throw new BtInputError({ field: '--week', expected: `an ISO week of the run (${all[0]?.label ?? 'none'} .. ${all[all.length - 1]?.label ?? 'none'})`, found: `'${choice.week.label}'` });
    }
    weeks = [choice.week];
  }
  const notifications = buildNotifications(input);
  // the run's bounds at the resolution they need (an LP report counts days): dates, with times when a bound is off midnight
  const res = instantResolution([startMs, endMs]);
  const runLabel = `Run ${input.scenarioName} (${input.variant}), ${instantLabel(startMs, res)} .. ${instantLabel(endMs, res)}${res === 'day' ? '' : ' UTC'}`;
  const fonts = formats.has('pdf') ? readFonts() : null;
  // one resolution for every week's chart: the run's equity times, found once
  const chartRes = instantResolution(input.equity.tsMs);
  // Every period first, so the LP figures come from one pass over the run's governance log.
  const lastDay = Math.floor(endMs / MS.day) * MS.day;
  const daysOf = (w: IsoWeek): LpPeriodSpec[] => {
    const out: LpPeriodSpec[] = [];
    for (let d = Math.max(w.startMs, Math.floor(startMs / MS.day) * MS.day); d < w.endMs && d <= lastDay; d += MS.day) out.push({ label: new Date(d).toISOString().slice(0, 10), startMs: d, endMs: d + MS.day });
    return out;
  };
  const days = formats.has('md') ? weeks.map(daysOf) : weeks.map(() => []);
  const figures = lpPeriods(input, [...weeks.map((w) => ({ label: w.label, startMs: w.startMs, endMs: w.endMs })), ...days.flat()], notifications);
  const files: Record<string, string | Uint8Array> = {};
  let next = weeks.length;
  for (const [i, w] of weeks.entries()) {
    const p = figures[i] as LpPeriod;
    if (formats.has('pdf') || formats.has('html')) {
      const svg = (await renderSvg(lpChartSpec(input, w, `Equity and drawdown: ${input.scenarioName} to ${w.label}`, chartRes))).svg;
      if (formats.has('html')) files[lpWeeklyFileName(w.label, 'html')] = lpWeeklyHtml(p, runLabel, svg);
      if (fonts !== null) files[lpWeeklyFileName(w.label, 'pdf')] = await lpWeeklyPdf(p, runLabel, svg, fonts, endMs);
    }
    for (const d of days[i] ?? []) files[`lp_daily_${d.label}.md`] = lpDailyMarkdown(figures[next++] as LpPeriod, runLabel);
  }
  // inputs: the run folder inside --out (or --out itself) would go with the swap, --force or not
  await writeDirAtomic(outDir, { kind: 'lp', force, inputs: [runDir] }, (tmp) => writeFilesUnder(tmp, files));
  return { names: Object.keys(files).sort(), note };
}

import { relative } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { otherEngineNote } from '../io/run-json.js';
import { isoWeeksInYear, parseIsoWeek } from '../report/lp/iso-week.js';
import type { LpFormat, LpWeekChoice } from '../report/lp/write-lp-reports.js';

/** Options of `bt report lp`. */
export interface LpFlags {
  readonly out: string;
  readonly week?: string;
  readonly all?: boolean;
  readonly format: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

const FORMATS: readonly LpFormat[] = ['pdf', 'html', 'md'];

function parseFormats(text: string): Set<LpFormat> {
  const out = new Set<LpFormat>();
  for (const f of text.split(',').map((s) => s.trim())) {
    const hit = FORMATS.find((x) => x === f);
    if (hit === undefined) throw new BtInputError({ field: '--format', expected: `a comma-separated list of ${FORMATS.join(', ')}`, found: `'${f}'` });
    out.add(hit);
  }
  return out;
}

function weekChoice(flags: LpFlags): LpWeekChoice {
  if (flags.all === true && flags.week !== undefined) throw new BtInputError({ field: '--week', expected: 'either --week or --all', found: 'both' });
  if (flags.all === true) return { kind: 'all' };
  if (flags.week === undefined) return { kind: 'last' };
  const week = parseIsoWeek(flags.week);
  if (week === undefined) {
    // a well-formed label of a week the year does not have (W00, W53 of a 52-week year): say how many it has
    const m = /^(\d{4})-W\d{2}$/.exec(flags.week);
    const has = m !== null ? ` (${m[1]} has ${isoWeeksInYear(Number(m[1]))} ISO weeks, W01 .. W${isoWeeksInYear(Number(m[1]))})` : '';
    throw new BtInputError({ field: '--week', expected: `an ISO week such as '2010-W09'${has}`, found: `'${flags.week}'` });
  }
  return { kind: 'one', week };
}

/** `bt report lp RUN_DIR --out DIR [--week YYYY-Www | --all] [--format pdf,html,md]`. */
export async function reportLpCommand(runDir: string, flags: LpFlags): Promise<void> {
  const choice = weekChoice(flags);
  const formats = parseFormats(flags.format);
  // Loaded on demand: vega, vega-lite and pdfkit cost every other command their import time.
  const { names, note } = await (await import('../report/lp/write-lp-reports.js')).writeLpReports(runDir, flags.out, choice, formats, flags.force === true);
  for (const n of [otherEngineNote(runDir), note]) if (n !== null) process.stderr.write(`bt report lp: note: ${n}\n`);
  if (flags.quiet !== true) process.stdout.write(`bt report lp: ${names.length} files in ${relative(process.cwd(), flags.out) || '.'}/ (${names.filter((n) => n.endsWith('.pdf')).length} PDF, ${names.filter((n) => n.endsWith('.html')).length} HTML, ${names.filter((n) => n.endsWith('.md')).length} daily Markdown)\n`);
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btSync } from '../helpers/tiny-workspace.js';
import { readGovernanceInput } from '../../engine/io/read-governance-input.js';
import { buildNotifications } from '../../engine/governance/notifications.js';
import { isoWeekOf, isoWeeksBetween } from '../../engine/report/lp/iso-week.js';
import { lpPeriod, lpPeriods } from '../../engine/report/lp/lp-period.js';
import { TO_DATE_KEYS } from '../../engine/report/lp/lp-rows.js';
import { formatMetric } from '../../engine/report/format-metric.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-report-lp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const bt = (...args: string[]) => run(process.execPath, [join(repo, 'bin/bt.js'), ...args]);
const has = (tool: string): boolean => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;

const runA = join(dir, 'run-a');
const runB = join(dir, 'run-b');
const metrics = (): Record<string, number> => JSON.parse(readFileSync(join(runA, 'metrics.json'), 'utf8')) as Record<string, number>;

beforeAll(() => {
  for (const out of [runA, runB]) {
    const r = bt('run', 'scenarios/quickstart.yaml', '--out', out, '--quiet', '--no-report');
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('bt report lp', () => {
  it("writes, by default, the last ISO week the run covers completely: its PDF and HTML and its seven daily Markdown, byte-identical for two runs", () => {
    for (const [runDir, out] of [[runA, 'lp-a'], [runB, 'lp-b']] as const) {
      const r = bt('report', 'lp', runDir, '--out', join(dir, out));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(''); // a complete week: no note
    }
    // The quickstart ends at 2010-03-01 00:00, a Monday: of ISO week 2010-W09 it holds one instant.
    // The default is 2010-W08, Monday 2010-02-22 .. Sunday 2010-02-28, which the run covers whole.
    const files = readdirSync(join(dir, 'lp-a')).sort();
    const days = ['22', '23', '24', '25', '26', '27', '28'].map((d) => `lp_daily_2010-02-${d}.md`);
    expect(files).toEqual(['.bt-output.json', ...days, 'lp_weekly_2010-W08.html', 'lp_weekly_2010-W08.pdf']);
    for (const f of files) expect(readFileSync(join(dir, 'lp-b', f)), f).toEqual(readFileSync(join(dir, 'lp-a', f)));
    expect(readFileSync(join(dir, 'lp-a', 'lp_weekly_2010-W08.html'), 'utf8')).toContain('2010-02-22 .. 2010-02-28<'); // no '(the run: ...)': whole
    // the run's last, partial week on request (the PDF tests below read it)
    const w09 = bt('report', 'lp', runA, '--out', join(dir, 'lp-w09'), '--week', '2010-W09');
    expect([w09.code, w09.stderr]).toEqual([0, '']);
    expect(readdirSync(join(dir, 'lp-w09')).sort()).toEqual(['.bt-output.json', 'lp_daily_2010-03-01.md', 'lp_weekly_2010-W09.html', 'lp_weekly_2010-W09.pdf']);
    const pdf = readFileSync(join(dir, 'lp-w09', 'lp_weekly_2010-W09.pdf')).toString('latin1');
    expect(pdf).toContain('/FontFile2'); // TrueType embedded
    expect(pdf).toContain('DejaVuSans');
    expect(pdf).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('falls back to the last, partial week with a note on stderr when the run covers no ISO week completely', () => {
    // Wednesday 2010-02-24 .. Tuesday 2010-03-02 12:00: parts of 2010-W08 and 2010-W09
    const yaml = readFileSync(join(repo, 'scenarios', 'quickstart.yaml'), 'utf8').replaceAll('../datasets', join(repo, 'datasets'));
    const scenario = join(dir, 'short.yaml');
    writeFileSync(scenario, `${yaml}time:\n  start: 2010-02-24\n  end: 2010-03-02T12:00:00Z\n`);
    const runShort = join(dir, 'run-short');
    expect(bt('run', scenario, '--out', runShort, '--quiet', '--no-report').code).toBe(0);
    const r = bt('report', 'lp', runShort, '--out', join(dir, 'lp-short'), '--format', 'md,html', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('bt report lp: note: the run (2010-02-24T00:00:00Z .. 2010-03-02T12:00:00Z) covers no ISO week completely: reporting its last, partial week 2010-W09\n');
    expect(readdirSync(join(dir, 'lp-short')).sort()).toEqual(['.bt-output.json', 'lp_daily_2010-03-01.md', 'lp_daily_2010-03-02.md', 'lp_weekly_2010-W09.html']);
    expect(readFileSync(join(dir, 'lp-short', 'lp_weekly_2010-W09.html'), 'utf8')).toContain('(the run: 2010-03-01 .. 2010-03-02)');
  });

  it("computes every to-date figure equal to metrics.json at the run's end", async () => {
    const { input } = await readGovernanceInput(runA, {});
    const week = isoWeekOf(input.endMs);
    const p = lpPeriod(input, week.label, week.startMs, week.endMs, buildNotifications(input));
    const m = metrics();
    for (const k of TO_DATE_KEYS) expect(p.toDate[k], k).toBe(m[k]);
    expect(p.toDate.n).toBe(m['n']);
  });

  it('reports the drawdown a period stands in, also when it has no equity point (a day between monthly closes, a weekend)', async () => {
    const { input } = await readGovernanceInput(runA, {});
    const { tsMs, equity } = input.equity;
    // Brute force: the equity is held from one close to the next; sample each period at every hour and at its points.
    const level = (t: number): { e: number; peak: number } => {
      let e = input.initialEquity;
      let peak = e;
      for (let i = 0; i < tsMs.length && (tsMs[i] as number) <= t; i++) {
        e = equity[i] as number;
        peak = Math.max(peak, e);
      }
      return { e, peak };
    };
    const day = 86_400_000;
    let inDrawdown = 0;
    for (let d = Date.UTC(2002, 5, 20); d < Date.UTC(2002, 7, 10); d += day) {
      let want = 0;
      for (let t = d; t < d + day; t += 3_600_000) {
        const { e, peak } = level(t);
        want = Math.max(want, (1 - e / peak) * 1e4);
      }
      const p = lpPeriod(input, 'd', d, d + day, []);
      expect(p.maxDrawdownBps, new Date(d).toISOString()).toBeCloseTo(want, 9);
      if (want > 0) inDrawdown++;
    }
    expect(inDrawdown).toBeGreaterThan(40); // mid-2002: the quickstart is deep in its drawdown on every day
    // Every ISO week of the run, sampled every hour and at its points.
    const weeks = isoWeeksBetween(tsMs[0] as number, tsMs[tsMs.length - 1] as number);
    const got = lpPeriods(input, weeks.map((w) => ({ label: w.label, startMs: w.startMs, endMs: w.endMs })), []);
    weeks.forEach((w, k) => {
      let want = 0;
      for (let t = w.startMs; t < w.endMs; t += 3_600_000) {
        const { e, peak } = level(t);
        want = Math.max(want, (1 - e / peak) * 1e4);
      }
      expect(got[k]?.maxDrawdownBps, w.label).toBeCloseTo(want, 9);
    });
  });

  it.skipIf(!has('pdftotext'))("holds metrics.json's figures in the PDF's text (pdftotext)", () => {
    const r = run('pdftotext', ['-layout', join(dir, 'lp-w09', 'lp_weekly_2010-W09.pdf'), '-']);
    expect(r.code, r.stderr).toBe(0);
    const m = metrics();
    // a label may say what the figure is: 'hit_rate (equity periods with a return > 0)'
    for (const k of TO_DATE_KEYS) expect(r.stdout, k).toMatch(new RegExp(`${k}( \\([^)\\n]*\\))?\\s+${formatMetric(k, m[k]).replace(/[.%]/g, (c) => `\\${c}`)}\\n`));
    expect(r.stdout).toContain('LP Weekly Performance Summary: 2010-W09');
    expect(r.stdout).toContain('sentiment_01');
  });

  it.skipIf(!has('pdftotext'))("keeps a partial week's long period value on its own row, clear of 'Equity at start' (pdftotext -bbox)", () => {
    // the run ends on Monday 2010-03-01: its last week is partial and the period value is long
    const r = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, 'lp-w09', 'lp_weekly_2010-W09.pdf'), '-']);
    expect(r.code, r.stderr).toBe(0);
    const words = [...r.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] as string }));
    // the label's last word (its box ends the label)
    const labelEnd = (first: string, second: string) => {
      const i = words.findIndex((w, k) => w.text === first && words[k + 1]?.text === second);
      expect(i, `${first} ${second}`).toBeGreaterThanOrEqual(0);
      return words[i + 1] as (typeof words)[number];
    };
    const period = labelEnd('Period', '(UTC)');
    const equity = labelEnd('Equity', 'at');
    const value = words.filter((w) => w.x0 > period.x1 && w.y1 > period.y0 && w.y0 < equity.y0 - 1);
    expect(value.map((w) => w.text).join(' ')).toBe('2010-03-01 .. 2010-03-07 (the run: 2010-03-01 .. 2010-03-01)');
    // every word of the value on the period's line, none reaching the next row
    for (const w of value) expect([w.text, Math.abs(w.y0 - period.y0) < 1]).toEqual([w.text, true]);
  });

  it.skipIf(!has('pdftoppm'))('renders to one PNG per page with pdftoppm: the cover and the chart page', () => {
    const prefix = join(dir, 'page');
    const r = run('pdftoppm', ['-png', '-r', '40', join(dir, 'lp-w09', 'lp_weekly_2010-W09.pdf'), prefix]);
    expect(r.code, r.stderr).toBe(0);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages.sort()).toEqual(['page-1.png', 'page-2.png']);
  });

  it('writes a chosen week in the chosen formats only', () => {
    const out = join(dir, 'lp-week');
    const r = bt('report', 'lp', runA, '--out', out, '--week', '2005-W26', '--format', 'md');
    expect(r.code, r.stderr).toBe(0);
    // 2005-W26 runs Monday 2005-06-27 .. Sunday 2005-07-03.
    expect(readdirSync(out).sort()).toEqual(['.bt-output.json', ...['27', '28', '29', '30'].map((d) => `lp_daily_2005-06-${d}.md`), ...['01', '02', '03'].map((d) => `lp_daily_2005-07-${d}.md`)]);
    const day = readFileSync(join(out, 'lp_daily_2005-07-03.md'), 'utf8');
    // each message says where the live system puts it: a decision in the pull request, a reallocation on Telegram
    expect(day).toContain("## The live system's messages (Telegram, pull request, log)");
    expect(day).toContain('- 2005-07-03 [pull request] 🛑 Strategy class retired: sentiment (2 agents)');
    expect(day).toContain('- 2005-07-03 [Telegram] 🎯 Capital Reallocation:');
  });

  it('prints nothing with --quiet (the option is lp\'s, not the report command\'s), and its summary line without', () => {
    const quiet = bt('report', 'lp', runA, '--out', join(dir, 'lp-quiet'), '--format', 'md', '--quiet');
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
    const loud = bt('report', 'lp', runA, '--out', join(dir, 'lp-loud'), '--format', 'md');
    expect(loud.stdout).toMatch(/^bt report lp: 7 files in .*lp-loud\/ \(0 PDF, 0 HTML, 7 daily Markdown\)\n$/);
    expect(readdirSync(join(dir, 'lp-quiet'))).toEqual(readdirSync(join(dir, 'lp-loud')));
  });

  it('replaces its own folder whole (no file of an earlier call stays), refuses a folder bt did not write unless --force, and leaves nothing when a write fails', () => {
    const out = join(dir, 'lp-replace');
    expect(bt('report', 'lp', runA, '--out', out, '--week', '2005-W26', '--format', 'md', '--quiet').code).toBe(0);
    expect(bt('report', 'lp', runA, '--out', out, '--format', 'md', '--quiet').code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.bt-output.json', ...['22', '23', '24', '25', '26', '27', '28'].map((d) => `lp_daily_2010-02-${d}.md`)]);
    const mine = join(dir, 'lp-mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'lp_weekly_2010-W09.html'), 'my own notes');
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    const refused = bt('report', 'lp', runA, '--out', mine);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/lp-mine: expected an empty folder or a bt lp folder to replace, found a folder bt did not write \(2 entries: lp_weekly_2010-W09\.html, notes\.txt\)/);
    expect(readFileSync(join(mine, 'lp_weekly_2010-W09.html'), 'utf8')).toBe('my own notes');
    expect(bt('report', 'lp', runA, '--out', mine, '--force', '--quiet').code).toBe(0);
    expect(readdirSync(mine)).not.toContain('notes.txt');
    // a write that fails half-way (the disk full at the 3rd write): exit 4, the old folder as it was, no temp left
    const before = readdirSync(out).sort();
    const failed = btSync(repo, ['report', 'lp', runA, '--out', out, '--quiet'], { BT_FAULT_INJECT: 'ENOSPC@3' });
    expect(failed.code).toBe(4);
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.bt-'))).toEqual([]);
  });

  it('refuses, even with --force, an --out that is the run folder or holds it (the swap would delete the run), leaving the run as it was', () => {
    const parent = join(dir, 'holds-run');
    const run = join(parent, 'run');
    mkdirSync(run, { recursive: true });
    for (const f of readdirSync(runA)) writeFileSync(join(run, f), readFileSync(join(runA, f)));
    const before = readdirSync(run).sort();
    for (const out of [parent, run]) {
      const r = bt('report', 'lp', run, '--out', out, '--force', '--format', 'md', '--quiet');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`expected an input outside the output folder ${out} (replacing that folder would delete it)`);
      expect(readdirSync(run).sort()).toEqual(before);
    }
  });

  it('exits 2 on a week outside the run or a bad format, writing nothing', () => {
    const out = join(dir, 'lp-bad');
    const outside = bt('report', 'lp', runA, '--out', out, '--week', '2012-W01');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe("bt: --week: expected an ISO week of the run (1999-W52 .. 2010-W09), found '2012-W01'\n");
    // a week the year does not have: the message says how many it has
    const w53 = bt('report', 'lp', runA, '--out', out, '--week', '2005-W53');
    expect(w53.code).toBe(2);
    expect(w53.stderr).toBe("bt: --week: expected an ISO week such as '2010-W09' (2005 has 52 ISO weeks, W01 .. W52), found '2005-W53'\n");
    const fmt = bt('report', 'lp', runA, '--out', out, '--format', 'pdf,docx');
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toBe("bt: --format: expected a comma-separated list of pdf, html, md, found 'docx'\n");
    const missing = bt('report', 'lp', join(dir, 'nowhere'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: expected a run folder written by bt run, found no such folder/);
    expect(existsSync(out)).toBe(false);
  });
});

import { AGENT_HEADS, AGENT_PNL_NOTE, agentCells, MESSAGES_HEADING, notificationLines, periodTable, toDateTable, type LpTable } from './lp-rows.js';
import type { LpPeriod } from './lp-period.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function table(caption: string, heads: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = heads.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="v"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const pairs = (caption: string, t: LpTable): string => table(caption, ['figure', 'value'], t);

/** Returns the weekly LP report as one self-contained HTML page (cover with the period's tables, then the chart and the agents), printable one week a page. */
export function lpWeeklyHtml(p: LpPeriod, runLabel: string, chartSvg: string): string {
  const notes = notificationLines(p);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LP weekly summary ${esc(p.label)}</title>
<style>
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em auto;max-width:52em;color:#222}
section{page-break-after:always;margin-bottom:3em}
table{border-collapse:collapse;margin:1em 0;min-width:60%}caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left}td.v{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}svg{max-width:100%;height:auto}
</style></head><body>
<section>
<h1>LP Weekly Performance Summary: ${esc(p.label)}</h1>
<p class="muted">${esc(runLabel)}. Every figure comes from the run's files; "to date" figures are computed as metrics.json computes them.</p>
${pairs('The week', periodTable(p))}
${pairs('Since the start of the run', toDateTable(p))}
<h2>${esc(MESSAGES_HEADING)}</h2>
<ul>${notes.length > 0 ? notes.map((l) => `<li>${esc(l)}</li>`).join('') : '<li>none</li>'}</ul>
</section>
<section>
<h2>Equity and drawdown to ${esc(new Date(p.coveredToMs).toISOString().slice(0, 10))}</h2>
${chartSvg}
${table('Agents', AGENT_HEADS, agentCells(p))}
<p class="muted">${esc(AGENT_PNL_NOTE)}</p>
</section>
</body></html>
`;
}

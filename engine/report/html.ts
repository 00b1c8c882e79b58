import { stableStringify } from '../core/stable-json.js';
import type { ReportChart } from './specs/report-chart.js';
import type { VegaLibraries } from './vega-libraries.js';

/** A table shown above the charts: column headings and rows of already formatted cells. */
export interface HtmlTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What one report page holds. */
export interface ReportPage {
  readonly title: string;
  /** Lines under the title (scenario, period, sources). */
  readonly notes: readonly string[];
  readonly tables: readonly HtmlTable[];
  readonly charts: readonly ReportChart[];
}

/** Returns text safe inside HTML elements and attributes. */
export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Returns JavaScript that cannot close its <script> element early (`</script` becomes `<\/script`, the same inside JS strings and regexes). */
export function scriptSafeJs(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

/** Returns JSON safe inside a <script> element: every `<` (only ever inside strings) becomes the JSON escape \u003c. */
export function scriptSafeJson(json: string): string {
  return json.replaceAll('<', '\\u003c');
}

function tableHtml(t: HtmlTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{font-size:1.5em;margin-bottom:4px}p.note{margin:2px 0;color:#555}
table{border-collapse:collapse;margin:16px 0;font-size:13px}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
section.chart{margin:28px 0}section.chart h2{font-size:1.1em}`;

// Renders every chart with vega-embed (SVG renderer, no action menu: nothing reaches the network);
// marks each container data-rendered="true" or logs the error, so a headless check can tell.
const BOOT = `(function(){
  var specs = document.querySelectorAll('script[type="application/json"][data-chart]');
  specs.forEach(function(node){
    var name = node.getAttribute('data-chart');
    var el = document.getElementById('chart-' + name);
    vegaEmbed(el, JSON.parse(node.textContent), {actions:false, renderer:'svg'})
      .then(function(){ el.setAttribute('data-rendered', 'true'); })
      .catch(function(err){ el.setAttribute('data-rendered', 'error'); console.error('chart ' + name + ': ' + err); });
  });
})();`;

/**
 * Returns one self-contained HTML page: vega, vega-lite and vega-embed inlined (it opens
 * offline), the tables, then each chart's spec as inline JSON rendered on load. Pure: the
 * same page and libraries give the same bytes.
 */
export function buildReportHtml(page: ReportPage, libs: VegaLibraries): string {
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    `<script>${scriptSafeJs(libs.vega)}</script>`,
    `<script>${scriptSafeJs(libs.vegaLite)}</script>`,
    `<script>${scriptSafeJs(libs.vegaEmbed)}</script>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
    ...page.tables.map(tableHtml),
  ];
  for (const c of page.charts) {
    parts.push(`<section class="chart"><h2>${escapeHtml(c.title)}</h2><div id="chart-${escapeHtml(c.name)}" class="vega-chart"></div></section>`);
    parts.push(`<script type="application/json" data-chart="${escapeHtml(c.name)}">${scriptSafeJson(stableStringify(c.spec))}</script>`);
  }
  parts.push(`<script>${BOOT}</script>`, '</body>', '</html>', '');
  return parts.join('\n');
}

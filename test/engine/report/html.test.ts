import { describe, expect, it } from 'vitest';
import { buildReportHtml, escapeHtml, scriptSafeJs, scriptSafeJson } from '../../../engine/report/html.js';
import { readVegaLibraries } from '../../../engine/report/vega-libraries.js';
import { VEGA_LITE_SCHEMA } from '../../../engine/report/specs/chart-defaults.js';

const page = {
  title: 'R <1>',
  notes: ['a & b'],
  tables: [{ caption: 'm', columns: ['metric', 'value'], rows: [['sharpe', '0.5']] }],
  charts: [{ name: 'c1', title: 'C1', spec: { $schema: VEGA_LITE_SCHEMA, data: { values: [{ t: '</script><b>' }] }, mark: 'point' as const } }],
};

describe('buildReportHtml', () => {
  it('inlines vega, vega-lite and vega-embed and loads nothing from the network', () => {
    const libs = readVegaLibraries();
    const html = buildReportHtml(page, libs);
    expect(html).toContain(libs.vega.slice(0, 200));
    expect(html).toContain(libs.vegaLite.slice(0, 200));
    expect(html).toContain(libs.vegaEmbed.slice(0, 200));
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/<link[^>]*\bhref=/);
    expect(html).toContain('actions:false');
  });

  it('embeds each spec as JSON that cannot close its script element and parses back', () => {
    const html = buildReportHtml(page, { vega: '', vegaLite: '', vegaEmbed: '' });
    const m = /<script type="application\/json" data-chart="c1">(.*?)<\/script>/s.exec(html);
    expect(m).not.toBeNull();
    expect(JSON.parse(m?.[1] ?? '')).toEqual(page.charts[0]?.spec);
    expect(html).toContain('<title>R &lt;1&gt;</title>');
    expect(html).toContain('<div id="chart-c1" class="vega-chart">');
  });

  it('gives the same bytes for the same page', () => {
    const libs = { vega: 'v', vegaLite: 'vl', vegaEmbed: 've' };
    expect(buildReportHtml(page, libs)).toBe(buildReportHtml(page, libs));
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('scriptSafeJs', () => {
  it('breaks any closing script tag', () => {
    expect(scriptSafeJs('x="</SCRIPT>"')).toBe('x="<\\/SCRIPT>"');
  });
});

describe('scriptSafeJson', () => {
  it('escapes every < as \\u003c', () => {
    expect(JSON.parse(scriptSafeJson(JSON.stringify('</script>')))).toBe('</script>');
    expect(scriptSafeJson('"<"')).toBe('"\\u003c"');
  });
});

import { describe, expect, it } from 'vitest';
import { junitXml, xmlEscape } from '../../../engine/sweep/junit.js';

describe('junitXml', () => {
  it('writes one testcase per gate and configuration, with a failure message naming metric and config', () => {
    const xml = junitXml('s', [
      { check: 'sharpe>=1', config_id: 'a', metric: 'sharpe', value: 0.5, threshold: 1, relative_to: null, passed: false },
      { check: 'n>=1', config_id: 'a', metric: 'n', value: 3, threshold: 1, relative_to: null, passed: true },
    ], null);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="bt sweep s" tests="2" failures="1">',
        '  <testsuite name="s gates" tests="2" failures="1" errors="0">',
        '    <testcase classname="bt.sweep.s.gates" name="sharpe&gt;=1 [a]">',
        '      <failure message="sharpe = 0.5 fails sharpe&gt;=1 (config a)"/>',
        '    </testcase>',
        '    <testcase classname="bt.sweep.s.gates" name="n&gt;=1 [a]"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it("names a relative gate's threshold and the configuration it came from in its failure", () => {
    const xml = junitXml('s', [{ check: 'sharpe>=best-0.1', config_id: 'b', metric: 'sharpe', value: 0.4, threshold: 0.5, relative_to: 'best', passed: false }], null);
    expect(xml).toContain('<failure message="sharpe = 0.4 fails sharpe&gt;=best-0.1 (threshold 0.5 from best; config b)"/>');
  });

  it('adds a baseline suite when a baseline was compared', () => {
    const xml = junitXml('s', [], { tolerance: 0.1, missing: [], matched: 1, absentColumns: [], compared: [{ config_id: 'a', metric: 'sharpe', baseline: 1, current: 0.5, worse_by: 0.5, regressed: true }] });
    expect(xml).toContain('<testsuite name="s baseline" tests="1" failures="1" errors="0">');
    expect(xml).toContain('failure message="sharpe = 0.5, baseline 1: worse by 0.5000 &gt; tolerance 0.1 (config a)"');
  });

  it('fails the baseline suite when the baseline shares no configuration with the sweep (nothing compared)', () => {
    const xml = junitXml('s', [], { tolerance: 0.1, missing: ['b', 'c'], matched: 0, absentColumns: [], compared: [] });
    expect(xml).toContain('<testsuite name="s baseline" tests="1" failures="1" errors="0">');
    expect(xml).toContain("none of the sweep&apos;s configurations is in the baseline (2 other config ids): nothing was compared");
  });
});

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    expect(xmlEscape(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
  });
});

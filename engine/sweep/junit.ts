import type { BaselineReport } from './baseline.js';
import { gateText, type GateResult } from './checks.js';

/** Returns `s` escaped for XML text and attribute values. */
export function xmlEscape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

function testcase(className: string, name: string, failure: string | null): string {
  const open = `    <testcase classname="${xmlEscape(className)}" name="${xmlEscape(name)}"`;
  return failure === null ? `${open}/>` : `${open}>\n      <failure message="${xmlEscape(failure)}"/>\n    </testcase>`;
}

function suite(name: string, cases: readonly string[], failures: number): string {
  return [`  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failures}" errors="0">`, ...cases, '  </testsuite>'].join('\n');
}

/**
 * Returns JUnit XML for CI systems: suite 'gates' has one testcase per gate × configuration,
 * suite 'baseline' one per configuration × compared metric. No timestamps, so equal inputs
 * give equal bytes.
 */
export function junitXml(sweep: string, gates: readonly GateResult[], baseline: BaselineReport | null): string {
  const cls = `bt.sweep.${sweep}`;
  const gateCases = gates.map((g) => testcase(`${cls}.gates`, `${g.check} [${g.config_id}]`, g.passed ? null : `${g.metric} = ${gateText(g.value)} fails ${g.check} (${g.relative_to === null ? '' : `threshold ${gateText(g.threshold)} from ${g.relative_to}; `}config ${g.config_id})`));
  const suites = [suite(`${sweep} gates`, gateCases, gates.filter((g) => !g.passed).length)];
  let tests = gates.length;
  let failures = gates.filter((g) => !g.passed).length;
  if (baseline !== null) {
    const cases = baseline.compared.map((c) =>
      testcase(`${cls}.baseline`, `${c.metric} [${c.config_id}]`, c.regressed ? `${c.metric} = ${c.current === null ? 'n/a' : String(c.current)}, baseline ${c.baseline}: worse by ${c.worse_by === null ? 'n/a' : c.worse_by.toPrecision(4)} > tolerance ${baseline.tolerance} (config ${c.config_id})` : null),
    );
    // a baseline sharing no configuration compares nothing: one failing case, so the report does not read as passed
    if (baseline.matched === 0) cases.push(testcase(`${cls}.baseline`, 'configurations in the baseline', `none of the sweep's configurations is in the baseline (${baseline.missing.length} other config ids): nothing was compared`));
    const f = baseline.compared.filter((c) => c.regressed).length + (baseline.matched === 0 ? 1 : 0);
    suites.push(suite(`${sweep} baseline`, cases, f));
    tests += cases.length;
    failures += f;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bt sweep ${xmlEscape(sweep)}" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ObjectSpec } from '../../../engine/scenario/param-spec.js';
import { renderScenarioDocs } from '../../../engine/scenario/render-scenario-docs.js';
import { SCENARIO_SPEC } from '../../../engine/scenario/schema.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

const README = new URL('../../../scenarios/README.md', import.meta.url);
const BEGIN = '<!-- BEGIN GENERATED: renderScenarioDocs -->\n';
const END = '<!-- END GENERATED: renderScenarioDocs -->';
// the registered allocator plug-ins' param specs: the README documents the real ones
const REGISTRY: Readonly<Record<string, ObjectSpec>> = allocatorParamSpecs();

describe('renderScenarioDocs', () => {
  it('writes one row per field with what it accepts, its default and its doc', () => {
    const md = renderScenarioDocs(SCENARIO_SPEC, REGISTRY);
    expect(md).toContain('| `decay.floor` | a number in (0, 1] | `0.5` | Lowest multiplier, in (0, 1] (003 FLOOR) |');
    expect(md).toContain('| `clock.cadence` | a duration such as');
    expect(md).toContain('| `data.findings` | a file path | **required** |');
    expect(md).toContain('| `governor.guardian.pause_drawdown` | a number in (0, 1) | `0.2` |');
    expect(md).toContain('| `time.start` | a date such as');
  });

  it('lists each allocator variant with its params, in name order', () => {
    const md = renderScenarioDocs(SCENARIO_SPEC, {
      'risk-penalized': { max_weight: { kind: 'number', doc: 'Largest weight | fraction', default: 0.25, min: 0, max: 1, minExclusive: true } },
      'a-static': {},
    });
    expect(md).toContain("| `allocator.variant` | one of 'a-static', 'risk-penalized' | **required** |");
    expect(md.indexOf('#### `a-static`')).toBeLessThan(md.indexOf('#### `risk-penalized`'));
    expect(md).toContain('| `allocator.params.max_weight` | a number in (0, 1] | `0.25` | Largest weight \\| fraction |');
  });

  it('matches the generated section of scenarios/README.md (refresh: UPDATE_GOLDEN=1)', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const rendered = renderScenarioDocs(SCENARIO_SPEC, REGISTRY);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(README, text.slice(0, start + BEGIN.length) + rendered + text.slice(end));
      return;
    }
    expect(text.slice(start + BEGIN.length, end)).toBe(rendered);
  });
});

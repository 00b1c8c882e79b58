import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ObjectSpec } from '../../../engine/scenario/param-spec.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { renderScenarioDocs } from '../../../engine/scenario/render-scenario-docs.js';
import { SCENARIO_SPEC } from '../../../engine/scenario/schema.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

const README = new URL('../../../scenarios/README.md', import.meta.url);
const BEGIN = '<!-- BEGIN GENERATED: renderScenarioDocs -->\n';
const END = '<!-- END GENERATED: renderScenarioDocs -->';
// the registered allocator plug-ins' param specs: the README documents the real ones
const REGISTRY: Readonly<Record<string, ObjectSpec>> = allocatorParamSpecs();

function generatedSection(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start + BEGIN.length, end);
}

/** A documented row: the variant section it sits in (allocator.params rows), key and default cell. */
interface DocRow {
  readonly variant: string | null;
  readonly key: string;
  readonly defaultCell: string;
}

/** Reads the README's table rows back (a reader's view, not the renderer's code). */
function documentedRows(md: string): DocRow[] {
  const out: DocRow[] = [];
  let variant: string | null = null;
  for (const line of md.split('\n')) {
    const h = /^#### `([^`]+)`$/.exec(line);
    if (h !== null) variant = h[1] as string;
    // | `key` | accepts (may hold escaped \|) | default | meaning |
    const m = /^\| `([^`]+)` \| (?:[^|\\]|\\.)* \| ([^|]*) \|/.exec(line);
    if (m !== null) out.push({ variant: (m[1] as string).startsWith('allocator.params.') ? variant : null, key: m[1] as string, defaultCell: m[2] as string });
  }
  return out;
}

function valueAt(settings: unknown, path: string): unknown {
  let v = settings;
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

// The fields a scenario cannot omit, and a valid value for each (hand-written, not from the spec).
const REQUIRED: Readonly<Record<string, string>> = {
  name: 'name: q',
  'data.findings': 'data.findings: f.arrow',
  'data.prices': 'data.prices: p.arrow',
  'clock.cadence': 'clock.cadence: 1d',
  'allocator.variant': 'allocator.variant: VARIANT',
};

// Fields required only once their optional section is written: the section with another of its keys.
const REQUIRED_IN_SECTION: Readonly<Record<string, string>> = {
  'benchmark.symbol': 'benchmark:\n  prices: b.arrow\n',
};

function minimalScenario(variant: string, omit = ''): string {
  const keep = Object.entries(REQUIRED).filter(([k]) => k !== omit);
  const top = keep.filter(([k]) => !k.includes('.')).map(([, line]) => line);
  const sections = new Map<string, string[]>();
  for (const [k, line] of keep.filter(([key]) => key.includes('.'))) {
    const [section = ''] = k.split('.');
    sections.set(section, [...(sections.get(section) ?? []), `  ${line.slice(section.length + 1).replace('VARIANT', variant)}`]);
  }
  return [...top, ...[...sections].flatMap(([s, lines]) => [`${s}:`, ...lines]), ''].join('\n');
}

function parse(text: string): { settings: unknown } {
  return parseScenario(text, 'q.yaml', { allocators: REGISTRY, cwd: '/tmp' });
}

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

  it('matches the generated section of scenarios/README.md (refresh: UPDATE_GOLDEN=1, then compared)', () => {
    const rendered = renderScenarioDocs(SCENARIO_SPEC, REGISTRY);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      const text = readFileSync(README, 'utf8');
      writeFileSync(README, text.slice(0, text.indexOf(BEGIN) + BEGIN.length) + rendered + text.slice(text.indexOf(END)));
    }
    // read back from disk in either mode: an update that did not land still fails here
    expect(generatedSection()).toBe(rendered);
  });

  it("documents the defaults a scenario that omits a field really runs with (the README read back, checked against the parser)", () => {
    const rows = documentedRows(generatedSection());
    const variants = [...new Set(rows.flatMap((r) => (r.variant === null ? [] : [r.variant])))];
    expect(variants.length).toBeGreaterThan(0);
    let checked = 0;
    for (const variant of Object.keys(REGISTRY)) {
      const settings = parse(minimalScenario(variant)).settings;
      for (const r of rows.filter((x) => x.variant === null || x.variant === variant)) {
        const m = /^`(.*)`$/.exec(r.defaultCell);
        if (m === null) continue;
        expect(String(valueAt(settings, r.key)), `${variant}: ${r.key}`).toBe(m[1]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('marks as required exactly the fields a scenario (or a section it writes) cannot omit', () => {
    const required = documentedRows(generatedSection()).filter((r) => r.defaultCell === '**required**').map((r) => r.key);
    expect([...required].sort()).toEqual([...Object.keys(REQUIRED), ...Object.keys(REQUIRED_IN_SECTION)].sort());
    const variant = Object.keys(REGISTRY)[0] as string;
    expect(() => parse(minimalScenario(variant))).not.toThrow();
    for (const key of Object.keys(REQUIRED)) expect(() => parse(minimalScenario(variant, key)), key).toThrow(key);
    for (const [key, section] of Object.entries(REQUIRED_IN_SECTION)) {
      expect(() => parse(minimalScenario(variant) + section), key).toThrow(key);
      expect(() => parse(`${minimalScenario(variant)}${section}  ${key.split('.').at(-1) as string}: X\n`), key).not.toThrow();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { ObjectSpec } from '../../../engine/scenario/param-spec.js';
import { renderStarterYaml } from '../../../engine/scenario/render-starter-yaml.js';
import { SCENARIO_SPEC } from '../../../engine/scenario/schema.js';

describe('renderStarterYaml', () => {
  it("keeps a value '..' in a field's comment and ends each comment with one full stop", () => {
    const text = renderStarterYaml(SCENARIO_SPEC, {}, ['header']);
    expect(text).toContain("other than '.' and '..' (a folder name).\n");
    for (const line of text.split('\n').filter((l) => l.startsWith('# ') && l !== '# header')) expect(line).not.toMatch(/[^.]\.\.$|\.\.\s+Accepts/);
  });

  it('adds no second full stop to a doc that ends with one', () => {
    const spec: ObjectSpec = { seed: { kind: 'number', doc: 'Seed of the run.', default: 0 } };
    expect(renderStarterYaml(spec, {}, [])).toMatch(/^# Seed of the run\. Accepts a number\.\nseed: 0\n$/);
  });
});

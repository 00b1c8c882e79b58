import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/api/run-scenario.js';

/** The backticked names of a sentence of a doc, in order. */
function backticked(text: string): string[] {
  return [...text.matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1] ?? '');
}

describe('documented output columns', () => {
  it("docs/outputs.md lists events.arrow's columns as the run writes them, in order", async () => {
    const doc = readFileSync('docs/outputs.md', 'utf8');
    const sentence = /One row per state change, in event order[^;]*;/s.exec(doc)?.[0] ?? '';
    const documented = backticked(sentence.replace(/\([^)]*\)/g, (p) => (p.includes('`') ? p : '')));
    const result = await runScenario('scenarios/quickstart.yaml');
    expect(result.tables.events.schema.fields.map((f) => f.name)).toEqual(documented);
  });

  it("README's results table lists the columns of targets, agent_weights, kills and equity as the run writes them, in order", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const result = await runScenario('scenarios/quickstart.yaml');
    const tables = { targets: result.tables.targets, agent_weights: result.tables.agent_weights, kills: result.tables.kills, equity: result.tables.equity };
    for (const [name, table] of Object.entries(tables)) {
      const row = new RegExp(`^\\| \`${name}\\.arrow\` \\|.*?\\(columns: ([a-z_, ]+)[;)]`, 'm').exec(readme)?.[1] ?? '';
      expect(table.schema.fields.map((f) => f.name), name).toEqual(row.split(', '));
    }
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { readRunDir, type RunDirPart } from '../../../engine/report/read-run-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-read-run-dir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = join(dir, 'run');
beforeAll(async () => {
  await runScenario('scenarios/quickstart.yaml', { out: run, report: false });
}, 60_000);

const ALL_PARTS: readonly RunDirPart[] = ['agentWeights', 'targets', 'multipliers', 'kills'];
const PART_FILES = ['agent_weights.arrow', 'targets.arrow', 'events.arrow', 'kills.arrow'];

/** A copy of the run with `files` overwritten by bytes no Arrow reader accepts. */
function damagedCopy(name: string, files: readonly string[]): string {
  const copy = join(dir, name);
  cpSync(run, copy, { recursive: true });
  for (const f of files) writeFileSync(join(copy, f), 'not an arrow file');
  return copy;
}

describe('readRunDir', () => {
  it('leaves the skipped parts unread: their files may be damaged, and the rest is what a full read gives', () => {
    const full = readRunDir(run);
    const copy = damagedCopy('parts-damaged', PART_FILES);
    expect(() => readRunDir(copy)).toThrow(/kills\.arrow: sha256: expected/);
    const some = readRunDir(copy, {}, ALL_PARTS);
    expect(Object.keys(some).sort()).toEqual(['engineVersion', 'equity', 'initialEquity', 'metrics', 'name', 'scenarioName', 'variant', 'window']);
    expect({ ...some, name: full.name }).toEqual({ name: full.name, scenarioName: full.scenarioName, variant: full.variant, engineVersion: full.engineVersion, equity: full.equity, metrics: full.metrics, initialEquity: full.initialEquity, window: full.window });
  });

  it('still refuses an edited equity.arrow or metrics.json when the other parts are skipped', () => {
    for (const f of ['equity.arrow', 'metrics.json']) {
      const copy = join(dir, `edited-${f}`);
      cpSync(run, copy, { recursive: true });
      const bytes = readFileSync(join(copy, f));
      writeFileSync(join(copy, f), Buffer.concat([bytes, Buffer.from(' ')]));
      expect(() => readRunDir(copy, {}, ALL_PARTS), f).toThrow(new RegExp(`${f.replace('.', '\\.')}: sha256: expected [0-9a-f]{64} \\(manifest\\.json\\)`));
    }
  });

  it('reads only the multiplier series from events.arrow, so skipping it alone still reads and checks the other parts', () => {
    const copy = damagedCopy('events-damaged', ['events.arrow']);
    const r = readRunDir(copy, {}, ['multipliers']);
    const full = readRunDir(run);
    expect(r.kills).toEqual(full.kills);
    expect(r.targets).toEqual(full.targets);
    expect(r.agentWeights).toEqual(full.agentWeights);
    expect('multipliers' in r).toBe(false);
  });
});

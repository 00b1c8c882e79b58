import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-sweep-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** docs/sweeps.md's fenced blocks that quote `bt sweep scenarios/sweeps/quickstart-sweep.yaml`'s summary (they say so just before the fence). */
function quotedBlocks(doc: string): string[] {
  return [...doc.matchAll(/\(scenarios\/sweeps\/quickstart-sweep\.yaml\):\n\n```\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('docs/sweeps.md quotes of the quickstart sweep', () => {
  it('are lines bt sweep prints for scenarios/sweeps/quickstart-sweep.yaml, word for word', () => {
    const blocks = quotedBlocks(readFileSync('docs/sweeps.md', 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const r = runBt(['sweep', 'scenarios/sweeps/quickstart-sweep.yaml', '--workers', '1', '--no-report', '--out', join(dir, 'sweep')]);
    expect(r.code, r.stderr).toBe(0);
    for (const block of blocks) expect(r.stdout).toContain(block);
  }, 60_000);
});

import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// a scratch "repository root": the folders the commands read, linked; everything they write stays here
const root = mkdtempSync(join(tmpdir(), 'bt-readme-commands-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const d of ['scenarios', 'datasets', 'test']) symlinkSync(join(REPO, d), join(root, d), 'dir');

/**
 * README's `npx bt` command lines, in order, as a reader runs them: comments dropped, `a && b`
 * split, and a line with optional parts (`[--at T] [--week W | --all]`) run bare and then with
 * every part (the first of alternatives).
 */
function readmeCommands(readme: string): string[][] {
  const out: string[][] = [];
  for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const raw of (block[1] ?? '').split('\n')) {
      for (const part of raw.replace(/\s+#.*$/, '').split('&&')) {
        const line = part.trim();
        if (!line.startsWith('npx bt ')) continue;
        const bare = line.replace(/\s*\[[^\]]*\]/g, '');
        out.push(bare.split(/\s+/).slice(2));
        if (bare !== line) out.push(line.replace(/\[([^\]|]*?)\s*(\|[^\]]*)?\]/g, '$1').split(/\s+/).slice(2));
      }
    }
  }
  return out;
}

describe("README's commands", () => {
  it('run as written from the repository root (exit 0) and write the files README names', () => {
    const commands = readmeCommands(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const args of commands) {
      const r = runBt(args, root);
      expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
    for (const f of ['results/quickstart/report/index.html', 'results/sweeps/quickstart-sweep/results.csv', 'results/sweeps/quickstart-sweep/report/index.html', 'governance/PR.md', 'governance/decisions.csv', 'lp/lp_weekly_2005-W26.pdf', 'results/quickstart/governance/decisions.csv', 'results/quickstart/notifications.jsonl']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
  }, 240_000);
});

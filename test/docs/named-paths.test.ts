import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = process.cwd();

// Paths the docs name that are not in the repository on purpose: a file the reader makes
// (README's plug-in example, the validation examples), or one a command writes.
const ILLUSTRATIVE = new Set(['strategies/equal-weight.ts', 'bench/out', 'bench/results.json', 'scenarios/q.yaml', 'scenarios/sweeps/s.yaml']);

/** README.md, scenarios/README.md, docs/ and docs/modules/ (the pages a user reads). */
function docs(): string[] {
  const tracked = execFileSync('git', ['ls-files', '*.md'], { cwd: REPO, encoding: 'utf8' }).split('\n');
  return tracked.filter((f) => f === 'README.md' || f === 'scenarios/README.md' || /^docs\/(modules\/)?[^/]+\.md$/.test(f));
}

describe('repository paths named in the docs', () => {
  it('exist: a source file, test or script the docs point at was not renamed or removed under them', () => {
    const missing: string[] = [];
    let named = 0;
    for (const file of docs()) {
      const text = readFileSync(join(REPO, file), 'utf8');
      for (const m of text.matchAll(/(?<![\w/.-])((?:engine|test|strategies|datasets|bench|bin|examples|scenarios|docs|\.ci)\/[\w./-]*\w)/g)) {
        const path = m[1] ?? '';
        if (ILLUSTRATIVE.has(path)) continue;
        named++;
        if (!existsSync(join(REPO, path)) && !existsSync(join(REPO, dirname(file), path))) missing.push(`${file}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(100);
  });
});

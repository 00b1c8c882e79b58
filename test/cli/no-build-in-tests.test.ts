import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = process.cwd();

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return /\.(ts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

// Built from parts so this file does not match itself.
const BUILD = new RegExp(['npm', '(run\\s+)?build'].join('\\s+') + '|' + ['\\btsc', '-p'].join('\\s+'));

describe('the test suite', () => {
  it('never builds dist/ itself: pretest builds once, and a failed build stops npm test', () => {
    const offenders = testFiles(join(repo, 'test')).filter((f) => BUILD.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(repo, f))).toEqual([]);
  });
});

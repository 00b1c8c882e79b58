import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = process.cwd();

/** The markdown files the repository ships (tracked by git). */
function markdownFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.md'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter((f) => f !== '');
}

/** Text outside fenced code blocks: a link inside a code sample is not a link. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped (word characters, hyphens and spaces kept), spaces as hyphens, repeats numbered -1, -2, ... */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(readFileSync(join(REPO, file), 'utf8')).split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m === null) continue;
    const slug = (m[1] ?? '').trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug);
    anchors.add(n === undefined ? slug : `${slug}-${n + 1}`);
    seen.set(slug, n === undefined ? 0 : n + 1);
  }
  return anchors;
}

describe('markdown links', () => {
  it('every relative link and anchor in the shipped markdown resolves to a file and a heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of markdownFiles()) {
      const text = prose(readFileSync(join(REPO, file), 'utf8'));
      for (const m of text.matchAll(/\]\(([^)\s]+)\)|(?:src|href)="([^"]+)"/g)) {
        const target = m[1] ?? m[2] ?? '';
        if (/^(https?|mailto):/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const resolved = path === '' ? file : normalize(join(dirname(file), path));
        checked++;
        if (!existsSync(join(REPO, resolved))) broken.push(`${file}: ${target}: no such file`);
        else if (anchor !== undefined && !anchorsOf(resolved).has(anchor)) broken.push(`${file}: ${target}: no heading with that anchor in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** Every .ts file under dir, recursively, in name order. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Calls that read the wall clock or unseeded randomness: outputs would change between runs.
const FORBIDDEN = /\bDate\.now\(|new Date\(\)|\bMath\.random\(|\bperformance\.now\(|\bprocess\.hrtime\b/;

describe('engine/ and strategies/', () => {
  it('read no wall clock and no unseeded randomness (wall time enters only as run metadata from the CLI shell)', () => {
    const hits: string[] = [];
    for (const dir of ['engine', 'strategies']) {
      for (const file of sources(join(root, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/\/\/.*$/, '');
            if (FORBIDDEN.test(code) && !/^\s*\*/.test(code)) hits.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(hits).toEqual([]);
  });
});

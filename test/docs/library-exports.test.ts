import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as library from '../../engine/index.js';

describe('docs/library.md', () => {
  it("lists every runtime export of the library in its API table", () => {
    const doc = readFileSync('docs/library.md', 'utf8');
    const api = doc.slice(doc.indexOf('## API'));
    const table = api.slice(0, api.indexOf('\n\n', api.indexOf('| export |')));
    const listed = [...table.matchAll(/^\| `([A-Za-z_]+)/gm)].map((m) => m[1] ?? '');
    expect([...listed].sort()).toEqual(Object.keys(library).sort());
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = readFileSync(join(process.cwd(), '.ci', 'run'), 'utf8');
// commands only: comments may mention what is not done
const code = script.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');

describe('.ci/run', () => {
  it('deletes nothing outside the checkout and its own temp folder', () => {
    // the words after each `rm -…`, up to the end of the command (a trap's quoted command ends at ')
    const targets = [...code.matchAll(/\brm\s+-\w+\s+([^'\n]+)/g)].flatMap((m) => (m[1] as string).trim().split(/\s+/));
    expect(targets.length).toBeGreaterThan(2);
    // relative paths are inside the checkout (the script cd's to its root); "$smoke" is its mktemp folder
    for (const t of targets) expect(t, t).toMatch(/^(?:node_modules|dist|"\$smoke")$/);
    expect(code).not.toMatch(/npm config get cache/);
  });

  it('gives npx a private cache inside its temp folder', () => {
    expect(code).toMatch(/^smoke=\$\(mktemp -d\)$/m);
    expect(code).toMatch(/^export npm_config_cache="\$smoke\/npm-cache"$/m);
    // set before the first npx call
    expect(code.indexOf('export npm_config_cache')).toBeLessThan(code.indexOf('npx '));
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/built-cli.js';

// bin/compiled-cli.js loads the CLI bundle with the V8 code cache the build trained. Checked in a
// child process started like bin/bt.js (no flags): V8 accepts a cache only under the flags it was made with.
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(REPO, 'dist', 'bundle', 'engine', 'cli');
const dir = mkdtempSync(join(tmpdir(), 'bt-compiled-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `script` with `cache` through bin/compiled-cli.js in a fresh process; returns whether the cache was used and what main is. */
function load(script: string, cache: string): { cacheUsed: boolean; main: string } {
  builtCli(REPO);
  const loader = pathToFileURL(join(REPO, 'bin', 'compiled-cli.js')).href;
  const code = `const { loadCompiledCli } = await import(${JSON.stringify(loader)}); const r = loadCompiledCli(new URL(${JSON.stringify(pathToFileURL(script).href)}), new URL(${JSON.stringify(pathToFileURL(cache).href)})); console.log(JSON.stringify({ cacheUsed: r.cacheUsed, main: typeof r.exports.main }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(r.stdout) as { cacheUsed: boolean; main: string };
}

describe('the compiled CLI (bin/compiled-cli.js)', () => {
  it('starts from the code cache the build made for it', () => {
    expect(load(join(BUNDLE, 'main.cjs'), join(BUNDLE, 'main.cjs.cache'))).toEqual({ cacheUsed: true, main: 'function' });
  });

  it('starts from the cache of a copy with the same bytes, whatever its mtime (a copied install keeps its fast start)', () => {
    const copy = join(dir, 'main.cjs');
    copyFileSync(join(BUNDLE, 'main.cjs'), copy);
    utimesSync(copy, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(load(copy, join(BUNDLE, 'main.cjs.cache'))).toEqual({ cacheUsed: true, main: 'function' });
  });

  it('compiles from source when the script was rewritten at the same size and its mtime restored (as tar, rsync -a or cp -p do)', () => {
    // size and mtime were the cache's key: this script kept both and was handed the old bytecode
    const script = join(dir, 'rewritten.cjs');
    const original = readFileSync(join(BUNDLE, 'main.cjs'), 'latin1');
    const rewritten = original.replace('"use strict";', '"use strucT";'); // a directive V8 ignores: same length, other bytes
    expect(rewritten.length).toBe(original.length);
    expect(rewritten).not.toBe(original);
    writeFileSync(script, rewritten, 'latin1');
    const touched = spawnSync('touch', ['-r', join(BUNDLE, 'main.cjs'), script]); // the original's mtime to the nanosecond
    expect(touched.status).toBe(0);
    expect(statSync(script, { bigint: true }).mtimeNs).toBe(statSync(join(BUNDLE, 'main.cjs'), { bigint: true }).mtimeNs);
    expect(load(script, join(BUNDLE, 'main.cjs.cache'))).toEqual({ cacheUsed: false, main: 'function' });
  });

  it('compiles from source when there is no cache', () => {
    expect(load(join(BUNDLE, 'main.cjs'), join(dir, 'absent.cache'))).toEqual({ cacheUsed: false, main: 'function' });
  });
});

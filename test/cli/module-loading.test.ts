import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/built-cli.js';

// A module hook (node --import) logs the URL of every module the process loads; the compiled
// modules of dist/ (not the bundle, whose chunks have no telling names) show what a command pulls in.
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bt-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.BT_TEST_MODULE_LOG, `${url}\\n`);\n  return next(url, context);\n}\n");
writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");

let runs = 0;

/** Runs `bt ARGS` from dist/'s modules (or bin/bt.js) and returns the loaded module URLs, relative to the repository. */
function loadedModules(args: readonly string[], via: 'dist' | 'bin'): string[] {
  const log = join(dir, `modules-${(runs += 1)}.txt`);
  const main = pathToFileURL(join(REPO, 'dist', 'engine', 'cli', 'main.js')).href;
  const entry = via === 'bin' ? [builtCli(REPO)] : ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(['node', 'bt', ...process.argv.slice(1)]);`, '--'];
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...entry, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, BT_TEST_MODULE_LOG: log } });
  expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  const root = pathToFileURL(REPO).href;
  return readFileSync(log, 'utf8').trim().split('\n').map((u) => (u.startsWith(root) ? u.slice(root.length) : u));
}

const REPORT_PACKAGES = /node_modules\/(vega|vega-lite|vega-embed|pdfkit|svg-to-pdfkit|arquero)\//;

describe('bt (module loading)', () => {
  it('loads no command for --version', () => {
    const mods = loadedModules(['--version'], 'dist');
    // help-examples: the examples' text, constants the command tree's help prints
    expect(mods.filter((m) => /dist\/engine\/cli\/(?!main|program|help-examples)/.test(m))).toEqual([]);
    expect(mods.filter((m) => /apache-arrow|dist\/engine\/(run|sweep)\/|dist\/engine\/report\/(?!compare\/rankable-metrics)/.test(m))).toEqual([]);
  });

  it('runs `bt run` to its first event without the report, sweep, import, generator, governance or parity code', () => {
    const snap = join(dir, 'start.snap');
    const mods = loadedModules(['run', 'scenarios/quickstart.yaml', '--quiet', '--stop-after', '1970-01-01', '--snapshot', snap], 'dist');
    expect(mods).toContain('dist/engine/cli/run.js');
    // the one report module: the --rank-by names in the help of bt compare
    const unneeded = /dist\/engine\/(report\/(?!compare\/rankable-metrics)|sweep\/|governance\/|parity\/)|dist\/datasets\/(import\/import-dataset|generate)\/?|dist\/engine\/cli\/(sweep|merge|compare|report|data|init|parity|metrics|governance)\.js/;
    expect(mods.filter((m) => unneeded.test(m) || REPORT_PACKAGES.test(m))).toEqual([]);
  });

  it('runs the compiled CLI script from bin/bt.js: no ES module of dist/, no report package', () => {
    const snap = join(dir, 'start-bundle.snap');
    const mods = loadedModules(['run', 'scenarios/quickstart.yaml', '--quiet', '--stop-after', '1970-01-01', '--snapshot', snap], 'bin');
    // The CLI is one script (dist/bundle/engine/cli/main.cjs) that bin/compiled-cli.js compiles, not a module Node loads.
    expect(mods).toContain('bin/compiled-cli.js');
    expect(mods.filter((m) => m.startsWith('dist/'))).toEqual([]);
    expect(mods.filter((m) => REPORT_PACKAGES.test(m))).toEqual([]);
  });

  it('loads the LZ4 and ZSTD decoders (lz4js, fzstd) only when a file with compressed buffers of theirs is read', () => {
    // require()d, so no module hook sees them: the process reports its require cache after each read
    const read = pathToFileURL(join(REPO, 'dist', 'datasets', 'read', 'read-prices.js')).href;
    const script = `import { createRequire } from 'node:module';
const { readPricesArrow } = await import(${JSON.stringify(read)});
const loaded = () => Object.keys(createRequire(import.meta.url).cache).map((k) => /node_modules\\/(lz4js|fzstd)\\//.exec(k)?.[1]).filter((m) => m !== undefined);
const names = () => [...new Set(loaded())].sort().join(' ');
const seen = [];
for (const codec of ['uncompressed', 'lz4', 'zstd']) {
  readPricesArrow('test/fixtures/arrow/codecs/prices-' + codec + '.arrow');
  seen.push(codec + ': ' + names());
}
console.log(seen.join('\\n'));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout.trim().split('\n')).toEqual(['uncompressed: ', 'lz4: lz4js', 'zstd: fzstd lz4js']);
  });
});

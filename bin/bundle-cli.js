#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: `npm run build` runs it after tsc.
// Why: Node resolves, reads and compiles each of the ~300 ES modules `bt run` imports
// (apache-arrow alone is 146) one by one; that was most of bt's start-up (~0.4 s of CPU).
// A handful of files loads in a fraction of that, and one classic script with a V8 code cache
// in less again (bin/compiled-cli.js). bin/bt.js runs the bundle when it is newer than the tsc
// build, else dist/ as compiled.
//
// Two builds:
// - The CLI: dist/bundle/engine/cli/main.cjs, one CommonJS file (commands are initialized when
//   first used, as their dynamic imports were), then its code cache, written by a training run
//   in a process of its own (bin/train-cli-cache.js). `import.meta.url` in the sources becomes
//   the file's URL (__btModuleUrl, passed by bin/compiled-cli.js), so the URLs built from it
//   (the sweep worker, the strategies registry, the report's packages) resolve as from the
//   ES-module chunks beside it.
// - The worker threads' entry points, as ES modules: the sweep worker and the allocator registry
//   it imports by URL, at the paths engine/cli/sweep.ts builds from import.meta.url
//   ('../sweep/worker.js', '../../strategies/index.js'), so a worker starts as fast as the CLI.
//   Shared chunks sit in engine/cli/. (They were left out for a while because a bundled worker
//   sometimes never exited; that was Node's shutdown deadlock with background compile jobs,
//   nodejs/node#54918, now avoided for every worker: they all start in engine/core/start-worker.ts.)
//   The events.arrow writer and the input hasher are eval workers (their source is a function's
//   text): no entry point needed.
// Packages used only by reports (vega, pdfkit, ...) stay external: they load on demand from
// node_modules as they do unbundled, and pdfkit reads its font files relative to itself.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
// In the CLI's script, import() of the report's ES-module packages goes through the importer
// bin/compiled-cli.js passes in (__btImportPackage): V8 drops a vm.Script's own import() callback
// when the script comes from a code cache. Every other import() is bundled away; the build
// checks that none is left.
const packageImportsThroughLoader = {
  name: 'package-imports-through-loader',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]engine[\\/]core[\\/]import-package\.js$/ }, () => ({
      contents: 'export function importPackage(name) { return __btImportPackage(name); }',
      loader: 'js',
    }));
  },
};
const external = ['arquero', 'dejavu-fonts-ttf', 'pdfkit', 'svg-to-pdfkit', 'vega', 'vega-embed', 'vega-lite'];
await build({
  absWorkingDir: root,
  entryPoints: ['dist/engine/cli/main.js'],
  outfile: `${outdir}/engine/cli/main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  define: { 'import.meta.url': '__btModuleUrl' },
  plugins: [packageImportsThroughLoader],
  charset: 'ascii', // bin/compiled-cli.js decodes it as latin1
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  entryPoints: ['dist/engine/sweep/worker.js', 'dist/strategies/index.js'],
  outbase: 'dist',
  outdir,
  chunkNames: 'engine/cli/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // CommonJS packages inside the bundle (commander, seedrandom) call require() for Node built-ins.
  banner: { js: "import { createRequire as __btCreateRequire } from 'node:module'; const require = __btCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
if (/\bimport\(/.test(readFileSync(`${outdir}/engine/cli/main.cjs`, 'latin1'))) throw new Error('dist/bundle/engine/cli/main.cjs calls import(): route it through engine/core/import-package.ts');
const training = spawnSync(process.execPath, [`${root}bin/train-cli-cache.js`], { stdio: 'inherit' });
if (training.status !== 0) throw new Error(`bin/train-cli-cache.js failed (exit ${training.status}): the bundled CLI does not run the quickstart`);

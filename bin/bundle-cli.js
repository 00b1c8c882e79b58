#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: `npm run build` runs it after tsc.
// Why: Node resolves, reads and compiles each of the ~300 ES modules `bt run` imports
// (apache-arrow alone is 146) one by one; that was most of bt's start-up (~0.4 s of CPU).
// A handful of files loads in a fraction of that. bin/bt.js runs the bundle when it is newer
// than the tsc build, else dist/ as compiled.
//
// Layout: dist/bundle/ mirrors dist/ for the CLI entry, and every shared or on-demand chunk sits
// beside it in engine/cli/. The sweep worker and the allocator registry it imports by URL are
// entry points too, at the paths engine/cli/sweep.ts builds from import.meta.url
// ('../sweep/worker.js', '../../strategies/index.js'), so a worker thread starts as fast as the CLI.
// (They were left out for a while because a bundled worker sometimes never exited; that was
// Node's shutdown deadlock with background compile jobs, nodejs/node#54918, now avoided for
// every worker: they all start in engine/core/start-worker.ts.) The events.arrow writer and the
// input hasher are eval workers (their source is a function's text): no entry point needed.
// Packages used only by reports (vega, pdfkit, ...) stay external: they load on demand from
// node_modules as they do unbundled, and pdfkit reads its font files relative to itself.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['dist/engine/cli/main.js', 'dist/engine/sweep/worker.js', 'dist/strategies/index.js'],
  outbase: 'dist',
  outdir,
  chunkNames: 'engine/cli/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['arquero', 'dejavu-fonts-ttf', 'pdfkit', 'svg-to-pdfkit', 'vega', 'vega-embed', 'vega-lite'],
  // CommonJS packages inside the bundle (commander, seedrandom) call require() for Node built-ins.
  banner: { js: "import { createRequire as __btCreateRequire } from 'node:module'; const require = __btCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

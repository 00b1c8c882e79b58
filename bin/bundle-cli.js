#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: `npm run build` runs it after tsc.
// Why: Node resolves, reads and compiles each of the ~300 ES modules `bt run` imports
// (apache-arrow alone is 146) one by one; that was most of bt's start-up (~0.4 s of CPU).
// A handful of files loads in a fraction of that. bin/bt.js runs the bundle when it is newer
// than the tsc build, else dist/ as compiled.
//
// Layout: dist/bundle/ mirrors dist/ for the CLI entry, and every shared or on-demand chunk sits
// beside it in engine/cli/. The sweep worker and the allocator registry it imports by URL are
// NOT bundled: a bundled worker thread sometimes never exited after the pool closed its port
// (1 sweep in 2-40 hung with 2 workers; none in 60 unbundled). Their paths in dist/bundle/ (the
// URLs engine/cli/sweep.ts builds from import.meta.url: '../sweep/worker.js',
// '../../strategies/index.js') hold one-line modules that load tsc's output instead.
// Packages used only by reports (vega, pdfkit, ...) stay external: they load on demand from
// node_modules as they do unbundled, and pdfkit reads its font files relative to itself.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['dist/engine/cli/main.js'],
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
// The worker and the registry it imports: tsc's modules, loaded through stubs at the bundled paths.
mkdirSync(`${outdir}/engine/sweep`, { recursive: true });
mkdirSync(`${outdir}/strategies`, { recursive: true });
writeFileSync(`${outdir}/engine/sweep/worker.js`, "export * from '../../../engine/sweep/worker.js';\n");
writeFileSync(`${outdir}/strategies/index.js`, "export * from '../../strategies/index.js';\n");

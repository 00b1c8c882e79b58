#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript (npm ci runs `prepare`, which builds dist/).
// The wall clock is injected here, outside engine/: it only reaches run metadata.
import { statSync } from 'node:fs';

// `npm run build` also bundles the compiled CLI into one script with a V8 code cache
// (bin/bundle-cli.js, bin/compiled-cli.js): it starts several times faster than dist/'s ~300
// modules. A bundle older than the last tsc build is stale (someone ran tsc alone): then the
// modules tsc wrote run, slower but current.
function bundleIsCurrent(bundle) {
  try {
    return statSync(bundle).mtimeMs >= statSync(new URL('../dist/.tsbuildinfo', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}
const compiled = new URL('../dist/bundle/engine/cli/main.cjs', import.meta.url);
const { main } = bundleIsCurrent(compiled) ? (await import('./compiled-cli.js')).loadCompiledCli(compiled).exports : await import('../dist/engine/cli/main.js');

// A reader that stops early (`bt run --help | head -1`) closes the pipe: there is no one left to show
// the rest to, so later writes are dropped and the command finishes as it would have (its output
// folder complete, its exit code its own) instead of dying on an unhandled EPIPE mid-way.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

// BT_FAULT_INJECT / BT_FAULT_PAUSE: test-only fault injection (engine/io/output-fs.ts), read here only.
const faults = { inject: process.env.BT_FAULT_INJECT, pause: process.env.BT_FAULT_PAUSE };
process.exitCode = await main(process.argv, { wallClockMs: () => Date.now(), faults });

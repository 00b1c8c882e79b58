#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript (npm ci runs `prepare`, which builds dist/).
// The wall clock is injected here, outside engine/: it only reaches run metadata.
import { statSync } from 'node:fs';

// `npm run build` also bundles the compiled CLI (bin/bundle-cli.js): a few files load several
// times faster than dist/'s ~300 modules. A bundle older than the last tsc build is stale
// (someone ran tsc alone): then the modules tsc wrote run, slower but current.
function bundleIsCurrent(bundle) {
  try {
    return statSync(bundle).mtimeMs >= statSync(new URL('../dist/.tsbuildinfo', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}
const bundle = new URL('../dist/bundle/engine/cli/main.js', import.meta.url);
const { main } = await import(bundleIsCurrent(bundle) ? bundle.href : '../dist/engine/cli/main.js');

// BT_FAULT_INJECT / BT_FAULT_PAUSE: test-only fault injection (engine/io/output-fs.ts), read here only.
const faults = { inject: process.env.BT_FAULT_INJECT, pause: process.env.BT_FAULT_PAUSE };
process.exitCode = await main(process.argv, { wallClockMs: () => Date.now(), faults });

#!/usr/bin/env node
// Writes the compiled CLI's code cache (bin/compiled-cli.js): run by bin/bundle-cli.js in a
// process of its own after it bundles. It loads the compiled CLI, runs what start-up and a
// small backtest run (the quickstart to its first event with a snapshot, then whole, without
// the report) in a temporary folder, and saves the bytecode V8 compiled for them. A failing
// training run fails the build: the CLI it just bundled does not work.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheHeader, COMPILED_CLI, COMPILED_CLI_CACHE, loadCompiledCli } from './compiled-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'bt-train-'));
try {
  const { exports, script } = loadCompiledCli(COMPILED_CLI, new URL('file:///nonexistent'));
  const scenario = join(root, 'scenarios', 'quickstart.yaml');
  const commands = [
    ['run', scenario, '--quiet', '--stop-after', '1970-01-01', '--snapshot', join(scratch, 'start.snap')],
    ['run', scenario, '--quiet', '--no-report', '--out', join(scratch, 'run')],
  ];
  for (const args of commands) {
    const code = await exports.main(['node', 'bt', ...args], { wallClockMs: () => 0, faults: {} });
    if (code !== 0) throw new Error(`bt ${args.join(' ')} exited with ${code}`);
  }
  const file = fileURLToPath(COMPILED_CLI_CACHE);
  writeFileSync(`${file}.tmp`, Buffer.concat([cacheHeader(readFileSync(COMPILED_CLI)), script.createCachedData()]));
  renameSync(`${file}.tmp`, file);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

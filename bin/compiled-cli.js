// The CLI as one CommonJS file compiled with a V8 code cache: how bin/bt.js starts in a few tens of
// milliseconds less. Why: Node 20 compiles every ES module from source on every start (a code cache
// for ES modules comes with Node 22), and parsing plus compiling the ~1 MB of JavaScript `bt run`
// needs was a quarter of its start-up. A classic script can be handed a code cache
// (vm.Script's cachedData): the bytecode of every function a training run compiled, so it neither
// parses nor compiles them again. `npm run build` writes both files (bin/bundle-cli.js); the
// cache is only ever a shortcut: V8 rejects one made by another V8 or with other flags, and a
// cache not made from the script's exact bytes is never handed over (its header, below), so at
// worst the script compiles from source as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The compiled CLI (esbuild's CommonJS bundle of dist/engine/cli/main.js) and its code cache. */
export const COMPILED_CLI = new URL('../dist/bundle/engine/cli/main.cjs', import.meta.url);
export const COMPILED_CLI_CACHE = new URL('../dist/bundle/engine/cli/main.cjs.cache', import.meta.url);

// The cache file: a header naming the script it was made from (the sha256 of its bytes), then
// V8's data. V8's own check compares only the source's length. Size and mtime were not enough: a
// script rewritten at the same size within the file system's mtime tick, or restored with its
// mtime (tar, rsync -a, cp -p, archives with fixed mtimes), kept them and ran the old bytecode.
// Hashing the ~2 MB script with sha256 took ~1.3 ms here, of a ~100 ms start.
const HEADER_BYTES = 32;

/** The header for a cache made from a script of these bytes. */
export function cacheHeader(scriptBytes) {
  return createHash('sha256').update(scriptBytes).digest();
}

/** The bundle's importPackage: resolves from bin/, so from the package's node_modules as dist/ would. */
function importPackage(name) {
  return import(name);
}

/** V8's data from a cache file when its header names these script bytes; undefined otherwise. */
function cachedDataFor(scriptBytes, cacheFile) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, HEADER_BYTES).equals(cacheHeader(scriptBytes))) return undefined;
  return bytes.subarray(HEADER_BYTES);
}

/**
 * Loads the compiled CLI as Node would load a CommonJS module (module, exports, require relative to
 * the file), with its code cache when one fits. `import.meta.url` in the bundled sources reads the
 * file's URL (bin/bundle-cli.js defines it as __btModuleUrl), so the sweep worker and the report's
 * packages resolve beside it; its importPackage (engine/core/import-package.ts) is this module's
 * import(), which resolves packages from the same node_modules.
 * Returns the module's exports and the script (for createCachedData) and whether a cache was used.
 */
export function loadCompiledCli(file = COMPILED_CLI, cacheFile = COMPILED_CLI_CACHE) {
  const path = fileURLToPath(file);
  const bytes = readFileSync(path);
  // esbuild writes ASCII (it escapes the rest), which latin1 decodes as utf8 would, only faster.
  const source = bytes.toString('latin1');
  const cachedData = cachedDataFor(bytes, cacheFile);
  const wrapped = `(function (exports, require, module, __filename, __dirname, __btModuleUrl, __btImportPackage) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: path, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, fileURLToPath(new URL('.', file)), pathToFileURL(path).href, importPackage);
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseDecimal } from '../core/decimal-text.js';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { toF64 } from '../core/growable.js';
import { loadRunData } from '../io/load-run-data.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { readBenchmark } from '../io/read-benchmark.js';
import { runScenario } from '../run/run-scenario.js';
import { parseScenario } from '../scenario/parse.js';
import { readScenarioFile } from '../scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { bootstrapNote } from '../report/compare/bootstrap-note.js';
import { figuresNote } from '../report/compare/comparability-notes.js';
import { buildComparison, COMPARE_SETTING_MIN, type CompareInput, type Comparison } from '../report/compare/build-comparison.js';
import { compareTable, RANKABLE_METRICS } from '../report/compare/compare-table.js';
import { variantParamsNote, variantScenarioText, writtenParamKeys } from '../report/compare/variant-scenario-text.js';
import { isRunDir, readRunDir } from '../report/read-run-dir.js';

/** Options of `bt compare`. */
export interface CompareFlags {
  readonly variant: readonly string[];
  readonly allVariants?: boolean;
  readonly rankBy: string;
  readonly seed: string;
  readonly resamples: string;
  readonly block?: string;
  readonly level: string;
  readonly json?: boolean;
  readonly out?: string;
}

function intFlag(name: string, text: string, min: number): number {
  const v = parseDecimal(text);
  if (!Number.isInteger(v) || v < min) throw new BtInputError({ field: name, expected: `an integer >= ${min}`, found: `'${text}'` });
  return v;
}

/**
 * Returns a note when the run folders come from different bt engines (manifest.json's
 * engine_version, ENGINE_VERSION), else null: their figures may differ for reasons other than
 * their settings, so the reader is told; the comparison still runs (an old run is worth comparing).
 */
function mixedEnginesNote(dirs: readonly string[], engines: readonly string[]): string | null {
  if (new Set(engines).size <= 1) return null;
  return `the runs come from different bt engines (${dirs.map((d, i) => `${d}: ${engines[i] ?? ''}`).join(', ')}): their figures may differ for reasons other than their settings; rerun them with one bt to compare settings alone`;
}

/**
 * What compare leaves unread of a run folder: it shows metrics.json and the equity curve (both
 * checked against the manifest's sha256) and names a run by its manifest, so the report series
 * would be read for nothing; events.arrow above all, a full pass over M's 611 MB log per run.
 */
const UNUSED_RUN_PARTS = ['agentWeights', 'targets', 'multipliers', 'kills'] as const;

/** Reads the run folders; `engines` receives each one's engine version ('unrecorded' when its manifest has none). */
function runDirInputs(dirs: readonly string[], engines: string[]): CompareInput[] {
  const seen = new Map<string, string>();
  return dirs.map((d) => {
    if (!existsSync(d) || !statSync(d).isDirectory() || !isRunDir(d)) throw new BtInputError({ file: d, expected: 'a run folder written by bt run (equity.arrow, metrics.json, ...)', found: existsSync(d) ? 'other files' : 'no such folder' });
    // one folder named twice (another spelling, a symlink) would be ranked against itself as if two runs agreed
    const real = realpathSync(d);
    const earlier = seen.get(real);
    if (earlier !== undefined) throw new BtInputError({ field: 'bt compare DIR1 DIR2 ...', expected: 'each run folder once', found: earlier === d ? `'${d}' twice` : `'${earlier}' and '${d}', one folder` });
    seen.set(real, d);
    const run = readRunDir(d, {}, UNUSED_RUN_PARTS);
    engines.push(run.engineVersion);
    // An absolute path never reaches compare.json (STYLE, Determinism 7): label it relative to the cwd.
    const label = isAbsolute(d) ? relative(process.cwd(), d) || '.' : d;
    return { label, metrics: run.metrics, curve: { tsMs: run.equity.tsMs, equity: run.equity.equity, initialEquity: run.initialEquity } };
  });
}

function variantInputs(file: string, flags: CompareFlags): CompareInput[] {
  const specs = allocatorParamSpecs();
  const base = readScenarioFile(file, { allocators: specs });
  const names = Object.keys(ALLOCATORS).sort();
  let variants: string[];
  if (flags.allVariants === true) variants = [base.allocator.variant, ...names.filter((n) => n !== base.allocator.variant)];
  else if (flags.variant.length > 0) variants = [...flags.variant];
  else throw new BtInputError({ field: 'bt compare SCENARIO', expected: '--variant NAME (repeat it) or --all-variants', found: 'neither', hint: `Variants: ${names.join(', ')}` });
  const unknown = variants.filter((v) => !Object.hasOwn(ALLOCATORS, v));
  if (unknown.length > 0) throw new BtInputError({ field: '--variant', expected: `one of ${names.join(', ')}`, found: unknown.map((u) => `'${u}'`).join(', ') });
  if (new Set(variants).size !== variants.length) throw new BtInputError({ field: '--variant', expected: 'each variant once', found: variants.join(', ') });
  const text = readFileSync(file, 'utf8');
  const note = variantParamsNote(base.allocator.variant, writtenParamKeys(text), variants);
  if (note !== null) process.stderr.write(`bt compare: note: ${note}\n`);
  const data = loadRunData(runDataPaths(base, process.cwd())); // loaded once, shared by every variant
  const benchmark = readBenchmark(base); // as bt run: the benchmark-relative metrics are filled, not null
  return variants.map((v) => {
    const scenario = parseScenario(variantScenarioText(text, v), file, { allocators: specs });
    const { cfg, outcome, metrics } = runScenario(scenario, data, ALLOCATORS, {}, benchmark);
    const out = outcome.state.out;
    return { label: v, metrics: metrics as unknown as Readonly<Record<string, unknown>>, curve: { tsMs: toF64(out.equityTs), equity: toF64(out.equity), initialEquity: cfg.initialCapital } };
  });
}

function checkOutDir(dir: string): void {
  if (!existsSync(dir)) return;
  // before any variant runs: a file where the report folder goes is bad input, not a disk fault found at the end
  if (!statSync(dir).isDirectory()) throw new BtInputError({ file: dir, field: '--out', expected: 'a folder for the compare report', found: 'a file', hint: 'Choose another --out' });
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('compare.json')) {
    throw new BtInputError({ field: '--out', expected: 'a new folder, an empty one, or an earlier bt compare report (it is replaced)', found: `'${dir}' holding other files` });
  }
}

function printTable(c: Comparison): void {
  const t = compareTable(c.runs, c.first, c.bootstrap.level, c.rank_by);
  const widths = t.columns.map((h, k) => Math.max(h.length, ...t.rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((s, k) => (k <= 1 ? s.padEnd(widths[k] ?? 0) : s.padStart(widths[k] ?? 0))).join('  ');
  process.stdout.write(
    [
      `bt compare: ${c.runs.length} runs, ranked by ${c.rank_by}`,
      line(t.columns),
      ...t.rows.map(line),
      bootstrapNote(c),
      figuresNote(c.runs.map((r) => r.metrics['periods_per_year'] ?? null)),
      '',
    ].join('\n'),
  );
}

// Report writers are loaded on demand: vega and vega-lite take ~0.5 s to import,
// which every other command (and `bt --version`) would otherwise pay.

/** `bt compare DIR1 DIR2 ...` and `bt compare SCENARIO --variant A --variant B | --all-variants`. */
export async function compareCommand(inputs: string[], flags: CompareFlags): Promise<void> {
  if (!Object.hasOwn(RANKABLE_METRICS, flags.rankBy)) throw new BtInputError({ field: '--rank-by', expected: `one of ${Object.keys(RANKABLE_METRICS).join(', ')}`, found: `'${flags.rankBy}'` });
  const level = parseDecimal(flags.level);
  if (!(level > 0 && level < 1)) throw new BtInputError({ field: '--level', expected: 'a number in (0, 1)', found: `'${flags.level}'` });
  const settings = { rankBy: flags.rankBy, seed: intFlag('--seed', flags.seed, COMPARE_SETTING_MIN.seed), resamples: intFlag('--resamples', flags.resamples, COMPARE_SETTING_MIN.resamples), meanBlock: flags.block === undefined ? null : intFlag('--block', flags.block, COMPARE_SETTING_MIN.meanBlock), level };
  if (flags.out !== undefined) checkOutDir(resolve(flags.out));
  const scenarioMode = inputs.length === 1 && /\.ya?ml$/i.test(inputs[0] ?? '');
  if (!scenarioMode && (flags.allVariants === true || flags.variant.length > 0)) throw new BtInputError({ field: '--variant', expected: 'one scenario YAML file as the only argument', found: `${inputs.length} arguments` });
  if (!scenarioMode && inputs.length < 2) throw new BtInputError({ field: 'inputs', expected: 'two or more run folders, or one scenario YAML with --variant/--all-variants', found: `only '${inputs.join(' ')}'`, hint: `Compare it with another run folder (bt compare ${inputs[0] ?? 'DIR'} OTHER_DIR), or its scenario's variants (bt compare SCENARIO.yaml --all-variants)` });
  const engines: string[] = [];
  const runs = scenarioMode ? variantInputs(inputs[0] ?? '', flags) : runDirInputs(inputs, engines);
  const mixed = mixedEnginesNote(inputs, engines);
  if (mixed !== null) process.stderr.write(`bt compare: note: ${mixed}\n`);
  if (runs.length < 2) throw new BtInputError({ field: '--variant', expected: 'two or more variants to compare', found: runs.map((r) => r.label).join(', ') });
  const comparison = buildComparison(runs, settings);
  // on stderr as the engines' note, so --json's stdout stays one JSON document (compare.json and --json carry them as `notes`)
  for (const n of comparison.notes) process.stderr.write(`bt compare: note: ${n}\n`);
  if (flags.out !== undefined) await (await import('../report/write-compare-report.js')).writeCompareReport(resolve(flags.out), comparison, runs.map((r) => ({ label: r.label, ...r.curve })));
  if (flags.json === true) process.stdout.write(`${stableStringify(comparison, 2)}\n`);
  else printTable(comparison);
}

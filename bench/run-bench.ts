/**
 * The bench suite: one workload (S, M or L, generated on demand into bench/out/), one table.
 *
 *   npm run bench [-- --workload S|M|L] [--json] [--skip cold,startup,quickstart,sweep,cli-sweep,python]
 *                 [--python-days N] [--reps N] [--guard 0.15]
 *
 * Writes bench/results.json (git-ignored). With --guard F it measures only the engine's
 * fraction of the bare loop (the CI guard) and exits 1 when it is below F.
 */
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameSync, writeFileSync } from 'node:fs';
import { stableStringify } from '../engine/core/stable-json.js';
import { formatResultsTable, type BenchResults } from './bench-results.js';
import { exportCsv } from './export-csv.js';
import { measureCliSweep, measureColdRun, measureStartup } from './measure-processes.js';
import { measurePython } from './measure-python.js';
import { measureQuickstart } from './measure-quickstart.js';
import { measureReplay } from './measure-replay.js';
import { measureSweep } from './measure-sweep.js';
import { ensureWorkload, WORKLOAD_NAMES, WORKLOADS, type WorkloadName } from './workloads.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const argv = process.argv.slice(2);

function flag(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) usage(`--${name}: expected a value, found nothing`);
  return v;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}. Usage: npm run bench -- [--workload S|M|L] [--json] [--skip cold,startup,quickstart,sweep,cli-sweep,python] [--python-days N] [--reps N] [--guard F]\n`);
  process.exit(2);
}

const name = (flag('workload') ?? 'S') as WorkloadName;
if (!(WORKLOAD_NAMES as readonly string[]).includes(name)) usage(`--workload: expected one of ${WORKLOAD_NAMES.join(', ')}, found '${name}'`);
const json = argv.includes('--json');
const guard = flag('guard') !== undefined ? Number(flag('guard')) : null;
if (guard !== null && !(guard > 0 && guard < 1)) usage(`--guard: expected a fraction in (0, 1), found '${flag('guard') ?? ''}'`);
const skip = new Set((flag('skip') ?? '').split(',').filter((x) => x !== ''));
// M replays ~730 days: Python gets a prefix (it would take many minutes); S runs whole.
const pythonDaysDefault: Record<WorkloadName, number | null> = { S: null, M: 60, L: 30 };
const pythonDays = flag('python-days') !== undefined ? Number(flag('python-days')) : pythonDaysDefault[name];
const reps = Number(flag('reps') ?? (name === 'S' ? 3 : name === 'M' ? 2 : 1));
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const w = ensureWorkload(root, name, log);
log(`workload ${name}: replay in process (bare loop + engine, best of ${reps}) ...`);
const { data, ...replay } = measureReplay(w.scenario, reps, log);
const fraction = replay.fractionOfBare;

if (guard !== null) {
  const perCpu = (events: number, cpu: number): string => `${(events / cpu / 1e6).toFixed(2)}M events per CPU second`;
  const line = `bench guard, workload ${name}: engine ${perCpu(replay.events, replay.warmCpuSeconds)} = ${(fraction * 100).toFixed(1)}% of the bare loop's ${perCpu(replay.bareEvents, replay.bareCpuSeconds)}; floor ${(guard * 100).toFixed(1)}%`;
  process.stdout.write(`${line}\n`);
  if (fraction < guard) {
    process.stdout.write(`bench guard: FAILED, ${(fraction * 100).toFixed(1)}% is below ${(guard * 100).toFixed(1)}%\n`);
    process.exit(1);
  }
  process.exit(0);
}

const sweepWanted = !skip.has('sweep') && Object.keys(WORKLOADS[name].sweepGrid).length > 0;
if (sweepWanted) log('sweep on 1 and 2 workers ...');
const sweep = sweepWanted ? { ...(await measureSweep(root, w.sweep, [1, 2], data)), sweepFile: relative(root, w.sweep) } : null;
const benchPeakRssMb = process.resourceUsage().maxRSS / 1024;
let python = null;
if (!skip.has('python')) {
  log('exporting CSV for the Python reference (once) ...');
  exportCsv(data, w.csv);
  log(`seed-Python replay${pythonDays !== null ? ` (first ${pythonDays} days)` : ''} ...`);
  python = measurePython(root, w.csv, pythonDays, replay.events);
}
if (!skip.has('cold')) log('cold bt run ...');
let coldError: string | null = null;
let cold = null;
try {
  cold = skip.has('cold') ? null : measureColdRun(root, w.dir, relative(root, w.scenario));
} catch (err) {
  // L may not fit the CLI's default heap today: that is a figure too, not a reason to lose the rest.
  coldError = err instanceof Error ? err.message.slice(0, 2000) : String(err);
  log(`cold bt run failed: ${coldError}`);
}
const startup = skip.has('startup') ? null : measureStartup(root, w.dir, 'scenarios/quickstart.yaml', 3);
const quickstart = skip.has('quickstart') ? null : measureQuickstart(join(root, 'scenarios', 'quickstart.yaml'), 5);
if (!skip.has('cli-sweep')) log('bt sweep, quickstart 48-configuration grid, 1 and 2 workers ...');
const cliSweep = skip.has('cli-sweep') ? null : measureCliSweep(root, w.dir, [['--workers', '1'], ['--workers', '2']]);

const results: BenchResults = {
  workload: { name, doc: WORKLOADS[name].doc, generate: WORKLOADS[name].generate, generatedSeconds: w.generatedSeconds },
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, platform: `${process.platform}/${process.arch}`, totalMemGb: totalmem() / 2 ** 30 },
  measuredAt: new Date().toISOString(),
  replay: { ...replay, counters: { ...replay.counters }, benchPeakRssMb },
  cold,
  coldError,
  startup,
  quickstart,
  sweep,
  cliSweep,
  python,
};
const out = join(root, 'bench', 'results.json');
writeFileSync(`${out}.tmp`, `${stableStringify(results, 2)}\n`);
renameSync(`${out}.tmp`, out);
process.stdout.write(json ? `${stableStringify(results, 2)}\n` : `${formatResultsTable(results)}\n(bench/results.json written)\n`);

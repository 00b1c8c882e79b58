/**
 * Sweep throughput: configurations per second on 1 and 2 worker threads over a documented
 * workload (default: scenarios/sweeps/quickstart-sweep.yaml, 12 configurations of the
 * quickstart over real monthly closes 2000-2010). Timed from the first task posted to the
 * last result received (worker start-up included; building the configurations and loading
 * the data, done once per sweep, are reported apart). Checks that every worker count gives
 * the same metrics for every configuration.
 *
 *   npm run build && node dist/bench/sweep.bench.js [--sweep FILE] [--workers 1,2]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stableStringify } from '../engine/core/stable-json.js';
import { loadRunData } from '../engine/io/load-run-data.js';
import { runDataPaths } from '../engine/io/run-data-paths.js';
import { buildConfigurations } from '../engine/sweep/build-configurations.js';
import { readSweepFile } from '../engine/sweep/parse-sweep-file.js';
import { runPool } from '../engine/sweep/pool.js';
import { shareRunData } from '../engine/sweep/shared-data.js';
import { allocatorParamSpecs } from '../strategies/index.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

const sweepPath = arg('sweep', 'scenarios/sweeps/quickstart-sweep.yaml');
const workerCounts = arg('workers', '1,2').split(',').map(Number);
const cwd = process.cwd();

const t0 = performance.now();
const sweep = readSweepFile(sweepPath, cwd);
const built = buildConfigurations(sweep, readFileSync(sweep.base.abs, 'utf8'), relative(cwd, sweep.base.abs), { allocators: allocatorParamSpecs(), cwd });
const t1 = performance.now();
const data = shareRunData(loadRunData(runDataPaths(built.base)));
const t2 = performance.now();
const tasks = built.configs.map((c) => ({ id: c.id, scenario: c.scenario }));
console.log(`workload: ${sweepPath}: ${tasks.length} configurations; build ${((t1 - t0) / 1000).toFixed(2)} s, load + share data ${((t2 - t1) / 1000).toFixed(2)} s`);

let reference: string | null = null;
const lines: string[] = [];
for (const workers of workerCounts) {
  const metrics = new Map<string, string>();
  const start = performance.now();
  await runPool({
    workerUrl: new URL('../engine/sweep/worker.js', import.meta.url),
    allocatorsUrl: new URL('../strategies/index.js', import.meta.url).href,
    init: { data },
    tasks,
    workers,
    onResult: (r) => metrics.set(r.id, stableStringify(r.metrics)),
  });
  const seconds = (performance.now() - start) / 1000;
  const fingerprint = stableStringify([...metrics.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  if (reference === null) reference = fingerprint;
  else if (fingerprint !== reference) throw new Error(`metrics differ with ${workers} workers`);
  const line = `${workers} worker${workers === 1 ? '' : 's'}: ${tasks.length} configurations in ${seconds.toFixed(2)} s = ${(tasks.length / seconds).toFixed(2)} configs/s`;
  lines.push(line);
  console.log(line);
}
console.log(`identical metrics for every worker count; Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);

/**
 * Sweep throughput: configurations per second of a sweep file on 1 and 2 worker threads,
 * the configurations built and the data loaded and shared once (not timed), as
 * bench/sweep.bench.ts: staged (configurations that differ only downstream share one upstream
 * run, engine/sweep/stage-plan.ts), and every configuration in full (the reference path) in the
 * same process. Checks that every run gives identical metrics.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stableStringify } from '../engine/core/stable-json.js';
import { loadRunData } from '../engine/io/load-run-data.js';
import { runDataPaths } from '../engine/io/run-data-paths.js';
import { buildConfigurations } from '../engine/sweep/build-configurations.js';
import { readSweepFile } from '../engine/sweep/parse-sweep-file.js';
import { runPool } from '../engine/sweep/pool.js';
import { planStages } from '../engine/sweep/stage-plan.js';
import { shareRunData } from '../engine/sweep/shared-data.js';
import type { RunData } from '../engine/run/run-data.js';
import { allocatorParamSpecs } from '../strategies/index.js';

/** Configurations and configs/s per worker count. */
export interface SweepFigures {
  readonly configs: number;
  /** Distinct supervisor, upstream and proposals stage keys among the configurations (engine/sweep/stage-key.ts). */
  readonly supervisorKeys: number;
  readonly upstreamKeys: number;
  readonly proposalsKeys: number;
  /** Every configuration in full (no stage sharing), per worker count. */
  readonly fullConfigsPerSecond: Readonly<Record<string, number>>;
  readonly fullConfigsPerCpuSecond: Readonly<Record<string, number>>;
  readonly configsPerSecond: Readonly<Record<string, number>>;
  /** Configurations per CPU second of this process (all threads), per worker count. */
  readonly configsPerCpuSecond: Readonly<Record<string, number>>;
}

/**
 * The worker module and allocator registry `bt sweep` starts its workers from: the esbuild
 * bundle when it is current, as bin/bt.js decides (engine/cli/sweep.ts builds both URLs beside
 * its own, bundled, module), else the modules tsc wrote. So the timed worker start-up is the
 * CLI's: ~0.1-0.15 s less per start on this machine than loading dist/'s ~300 modules.
 */
function workerModules(): { readonly workerUrl: URL; readonly allocatorsUrl: string } {
  const bundled = new URL('../bundle/engine/sweep/worker.js', import.meta.url);
  let current = false;
  try {
    current = statSync(bundled).mtimeMs >= statSync(new URL('../.tsbuildinfo', import.meta.url)).mtimeMs;
  } catch {
    current = false;
  }
  const base = current ? '../bundle/' : '../';
  return { workerUrl: new URL(`${base}engine/sweep/worker.js`, import.meta.url), allocatorsUrl: new URL(`${base}strategies/index.js`, import.meta.url).href };
}

/** Runs the sweep's grid once per worker count; `data` (the base scenario's, already loaded) is reused when given. */
export async function measureSweep(root: string, sweepPath: string, workerCounts: readonly number[], data: RunData | null): Promise<SweepFigures> {
  const sweep = readSweepFile(sweepPath, root);
  const built = buildConfigurations(sweep, readFileSync(sweep.base.abs, 'utf8'), relative(root, sweep.base.abs), { allocators: allocatorParamSpecs(), cwd: root });
  const shared = shareRunData(data ?? loadRunData(runDataPaths(built.base)));
  const configsPerSecond: Record<string, number> = {};
  const configsPerCpuSecond: Record<string, number> = {};
  const fullConfigsPerSecond: Record<string, number> = {};
  const fullConfigsPerCpuSecond: Record<string, number> = {};
  let reference: string | null = null;
  const modules = workerModules();
  for (const workers of workerCounts) {
    for (const share of [true, false]) {
      const plan = planStages(built.configs, share, workers);
      const metrics = new Map<string, string>();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await runPool({
        ...modules,
        init: { data: shared },
        tasks: plan.tasks,
        followUps: plan.followUps,
        expectedTasks: plan.expectedTasks,
        workers,
        onResult: (r) => metrics.set(r.id, stableStringify(r.metrics)),
      });
      const rate = built.configs.length / ((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      const perCpu = built.configs.length / ((c.user + c.system) / 1e6);
      (share ? configsPerSecond : fullConfigsPerSecond)[String(workers)] = rate;
      (share ? configsPerCpuSecond : fullConfigsPerCpuSecond)[String(workers)] = perCpu;
      const fingerprint = stableStringify([...metrics.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      if (reference === null) reference = fingerprint;
      else if (fingerprint !== reference) throw new Error(`sweep metrics differ with ${workers} workers${share ? '' : ' without stage sharing'}`);
    }
  }
  const plan = planStages(built.configs);
  return { configs: built.configs.length, supervisorKeys: plan.supervisorKeys, upstreamKeys: plan.upstreamKeys, proposalsKeys: plan.proposalsKeys, configsPerSecond, configsPerCpuSecond, fullConfigsPerSecond, fullConfigsPerCpuSecond };
}

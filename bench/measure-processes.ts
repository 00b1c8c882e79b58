/**
 * Figures that need a fresh process: `bt run` cold (read the IPC files, replay, write every
 * output) and CLI start-up (process start to the first event). Each spawns `node bin/bt.js`
 * with bench/report-rss.js preloaded, so the child reports its own peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Wall time, CPU time and peak RSS of one child process. */
export interface ProcessFigures {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

function runChild(root: string, scratch: string, args: readonly string[], heapMb: number | null): ProcessFigures {
  const rssFile = join(scratch, `rss-${Math.floor(performance.now())}.txt`);
  const node = [...(heapMb !== null ? [`--max-old-space-size=${heapMb}`] : []), '--import', join(root, 'dist', 'bench', 'report-rss.js'), join(root, 'bin', 'bt.js'), ...args];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, node, { cwd: root, env: { ...process.env, BT_BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  // The exit hook runs on a failed run too: its peak RSS is part of the story.
  const [kb, cpu] = existsSync(rssFile) ? (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  const figures = { seconds, cpuSeconds: cpu ?? Number.NaN, peakRssMb: (kb ?? Number.NaN) / 1024 };
  if (r.status !== 0) {
    const stderr = (r.stderr ?? '').split('\n').slice(0, 2).join(' ');
    throw new Error(`bt ${args[0] ?? ''} exited with ${r.status ?? r.signal} after ${seconds.toFixed(1)} s, peak RSS ${figures.peakRssMb.toFixed(0)} MB: ${stderr}`);
  }
  return figures;
}

/** `bt run SCENARIO --no-report --quiet` into a scratch folder: the cold, end-to-end run. */
export function measureColdRun(root: string, scratchParent: string, scenarioPath: string): ProcessFigures {
  const scratch = mkdtempSync(join(scratchParent, 'cold-'));
  try {
    // The CLI's own default heap; the engine has to live within it as a user runs it.
    return runChild(root, scratch, ['run', scenarioPath, '--no-report', '--quiet', '--out', join(scratch, 'run')], null);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * CLI start-up: `bt run SCENARIO --stop-after 1970-01-01` stops before its first event and
 * writes a (tiny) snapshot, so its wall time is process start to the first event: Node,
 * module loading, scenario parsing and opening the input. Best of `reps`.
 */
export function measureStartup(root: string, scratchParent: string, scenarioPath: string, reps: number): ProcessFigures {
  const scratch = mkdtempSync(join(scratchParent, 'startup-'));
  try {
    let best: ProcessFigures = { seconds: Infinity, cpuSeconds: Infinity, peakRssMb: 0 };
    for (let r = 0; r < reps; r++) {
      const f = runChild(root, scratch, ['run', scenarioPath, '--quiet', '--stop-after', '1970-01-01', '--snapshot', join(scratch, `snap-${r}.bin`)], null);
      if (f.seconds < best.seconds) best = f;
    }
    return best;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The quickstart 48-configuration grid of issue 10's sweep aim (4 x 3 x 2 x 2 settings). */
export function quickstartSweepYaml(basePath: string): string {
  return [
    'name: bench-quickstart-48',
    `base: ${basePath}`,
    'objective: sharpe',
    'space:',
    '  grid:',
    '    allocator.params.max_weight: [0.15, 0.2, 0.25, 0.35]',
    '    targets.cash_buffer: [0.05, 0.1, 0.2]',
    '    targets.max_symbol_weight: [0.2, 0.3]',
    '    governor.reallocation_threshold: [0.02, 0.1]',
    '',
  ].join('\n');
}

/**
 * `bt sweep` end to end (CLI start-up, building the configurations, loading and sharing the
 * data, worker start-up, writing every output; no report) on the quickstart 48-configuration
 * grid, once per entry of `flagSets` (keyed by its flags as typed). Returns configurations per second of wall time.
 */
export function measureCliSweep(root: string, scratchParent: string, flagSets: readonly (readonly string[])[]): { configs: number; configsPerSecond: Record<string, number>; cpuSeconds: Record<string, number> } {
  const scratch = mkdtempSync(join(scratchParent, 'cli-sweep-'));
  try {
    const file = join(scratch, 'sweep.yaml');
    writeFileSync(file, quickstartSweepYaml(relative(scratch, join(root, 'scenarios', 'quickstart.yaml'))));
    const configsPerSecond: Record<string, number> = {};
    const cpuSeconds: Record<string, number> = {};
    flagSets.forEach((flags, i) => {
      const f = runChild(root, scratch, ['sweep', file, ...flags, '--no-report', '--quiet', '--out', join(scratch, `out-${i}`)], null);
      configsPerSecond[flags.join(' ')] = 48 / f.seconds;
      cpuSeconds[flags.join(' ')] = f.cpuSeconds;
    });
    return { configs: 48, configsPerSecond, cpuSeconds };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

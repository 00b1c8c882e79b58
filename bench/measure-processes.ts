/**
 * Figures that need a fresh process: `bt run` cold (read the IPC files, replay, write every
 * output) and CLI start-up (process start to the first event). Each spawns `node bin/bt.js`
 * with bench/report-rss.js preloaded, so the child reports its own peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The seed-Python baseline (bench/reference/supervisor_cycle.py) over the same data as CSV.
 * Given `days`, Python replays only that prefix and its replay time is extrapolated to the
 * whole workload by events (the per-event and per-tick work is uniform over time here).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What the Python reported, plus the extrapolation. */
export interface PythonFigures {
  readonly events: number;
  readonly prices: number;
  readonly findings: number;
  readonly reconciliations: number;
  readonly ticks: number;
  readonly loadSeconds: number;
  readonly replaySeconds: number;
  /** CPU seconds of the replay (time.process_time). */
  readonly replayCpuSeconds: number;
  readonly finalEquity: number;
  /** Days replayed, null for the whole workload. */
  readonly days: number | null;
  /** Replay seconds, wall and CPU, for the whole workload (= the measured ones when days is null). */
  readonly fullReplaySeconds: number;
  readonly fullReplayCpuSeconds: number;
}

/** Runs the reference on `csvDir`; `totalEvents` (bt's count) scales a prefix up. */
export function measurePython(root: string, csvDir: string, days: number | null, totalEvents: number): PythonFigures {
  const args = [join(root, 'bench', 'reference', 'supervisor_cycle.py'), csvDir, ...(days !== null ? ['--days', String(days)] : [])];
  const r = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`python3 ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as Record<string, number>;
  const n = (k: string): number => Number(j[k]);
  const replaySeconds = n('replay_seconds');
  const replayCpuSeconds = n('replay_cpu_seconds');
  const scale = days === null ? 1 : totalEvents / n('events');
  return {
    events: n('events'),
    prices: n('prices'),
    findings: n('findings'),
    reconciliations: n('reconciliations'),
    ticks: n('ticks'),
    loadSeconds: n('load_seconds'),
    replaySeconds,
    replayCpuSeconds,
    finalEquity: n('final_equity'),
    days,
    fullReplaySeconds: replaySeconds * scale,
    fullReplayCpuSeconds: replayCpuSeconds * scale,
  };
}

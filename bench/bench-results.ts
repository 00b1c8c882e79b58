/**
 * The bench's results (what bench/results.json holds) and the one table printed from them.
 * A figure that was not measured this run (skipped, or not run on this workload) is null.
 */
import type { ProcessFigures } from './measure-processes.js';
import type { PythonFigures } from './measure-python.js';
import type { QuickstartFigures } from './measure-quickstart.js';
import type { ReplayFigures } from './measure-replay.js';
import type { SweepFigures } from './measure-sweep.js';

export interface BenchResults {
  readonly workload: { readonly name: string; readonly doc: string; readonly generate: readonly string[]; readonly generatedSeconds: number | null };
  readonly machine: { readonly node: string; readonly cpu: string; readonly cores: number; readonly platform: string; readonly totalMemGb: number };
  /** Wall-clock date of the measurement (UTC), for the reader only. */
  readonly measuredAt: string;
  readonly replay: Omit<ReplayFigures, 'counters'> & { readonly counters: Readonly<Record<string, number>>; readonly benchPeakRssMb: number };
  readonly cold: ProcessFigures | null;
  /** Why the cold run failed (e.g. out of memory), when it did. */
  readonly coldError: string | null;
  readonly startup: ProcessFigures | null;
  readonly quickstart: QuickstartFigures | null;
  readonly sweep: (SweepFigures & { readonly sweepFile: string }) | null;
  /** `bt sweep` end to end on the quickstart 48-configuration grid. */
  readonly cliSweep: { readonly configs: number; readonly configsPerSecond: Readonly<Record<string, number>>; readonly cpuSeconds: Readonly<Record<string, number>> } | null;
  readonly python: PythonFigures | null;
}

function rate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(2);
}

function s(x: number): string {
  return x < 1 ? `${(x * 1000).toFixed(1)} ms` : `${x.toFixed(2)} s`;
}

/** Rows of the table: [figure, value, how it was measured]. */
export function resultRows(r: BenchResults): string[][] {
  const w = r.replay;
  const rows: string[][] = [
    ['workload', `${r.workload.name}: ${w.events} events`, `${r.workload.doc}; prices ${w.counters['prices']}, findings ${w.counters['findings']}, reconciliations ${w.counters['reconciliations']}, ticks ${w.counters['ticks']}`],
    ['events/s, warm', rate(w.events / w.warmSeconds), `runScenario on decoded columns, ${s(w.warmSeconds)} (best run); ${rate(w.events / w.warmCpuSeconds)} per CPU second`],
    ['findings/s, warm', rate((w.counters['findings'] ?? 0) / w.warmSeconds), `same run; ${rate((w.counters['findings'] ?? 0) / w.warmCpuSeconds)} per CPU second`],
    ['ticks/s, warm', rate((w.counters['ticks'] ?? 0) / w.warmSeconds), `same run; ${rate((w.counters['ticks'] ?? 0) / w.warmCpuSeconds)} per CPU second`],
    ['bare columnar loop', `${rate(w.bareEvents / w.bareSeconds)} events/s`, `prices + findings merged on one clock with the per-finding allocation, ${s(w.bareSeconds)} (best run); ${rate(w.bareEvents / w.bareCpuSeconds)} per CPU second`],
    ['engine / bare loop', `${(w.fractionOfBare * 100).toFixed(1)}%`, `events per CPU second, same process, same columns (CPU ${s(w.warmCpuSeconds)} vs ${s(w.bareCpuSeconds)}); by wall time ${(w.fractionOfBareWall * 100).toFixed(1)}%`],
    ['decode IPC into memory', s(w.loadSeconds), 'loadRunData, whole files'],
    ['peak RSS, bench process', `${w.benchPeakRssMb.toFixed(0)} MB`, 'decoded data + warm runs (+ sweep, shared copy)'],
  ];
  if (r.cold !== null) {
    rows.push(['events/s, cold bt run', rate(w.events / r.cold.seconds), `\`bt run --no-report\` end to end (start, read IPC, replay, write every output), ${s(r.cold.seconds)}; ${rate(w.events / r.cold.cpuSeconds)} per CPU second`]);
    rows.push(['peak RSS, cold bt run', `${r.cold.peakRssMb.toFixed(0)} MB`, 'the bt run process']);
  }
  if (r.coldError !== null) rows.push(['cold bt run', 'failed', r.coldError.slice(0, 400)]);
  if (r.sweep !== null) {
    for (const [k, v] of Object.entries(r.sweep.configsPerSecond)) {
      const full = `every configuration in full: ${(r.sweep.fullConfigsPerSecond[k] ?? Number.NaN).toFixed(2)} configs/s, ${(r.sweep.fullConfigsPerCpuSecond[k] ?? Number.NaN).toFixed(2)} per CPU second`;
      rows.push([`sweep, ${k} worker${k === '1' ? '' : 's'}`, `${v.toFixed(2)} configs/s`, `${r.sweep.configs} configurations (${r.sweep.supervisorKeys} supervisor key${r.sweep.supervisorKeys === 1 ? '' : 's'}, ${r.sweep.upstreamKeys} upstream keys, ${r.sweep.proposalsKeys} proposals keys) of ${r.sweep.sweepFile}, staged, worker start-up included, data shared once; ${(r.sweep.configsPerCpuSecond[k] ?? Number.NaN).toFixed(2)} per CPU second; ${full}`]);
    }
  }
  if (r.cliSweep !== null) {
    for (const [k, v] of Object.entries(r.cliSweep.configsPerSecond)) {
      rows.push([`bt sweep quickstart ${k}`, `${v.toFixed(2)} configs/s`, `${r.cliSweep.configs} configurations end to end (start-up, data, workers, outputs; no report); ${s(r.cliSweep.cpuSeconds[k] ?? Number.NaN)} CPU`]);
    }
  }
  if (r.startup !== null) rows.push(['CLI start-up', s(r.startup.seconds), `\`bt run quickstart --stop-after 1970-01-01\`: process start to the first event (best of 3); ${s(r.startup.cpuSeconds)} CPU`]);
  if (r.quickstart !== null) rows.push(['quickstart in-process', `${s(r.quickstart.bestSeconds)} (first ${s(r.quickstart.firstSeconds)})`, `${r.quickstart.events} events, data loaded once; best of 5 after the first run`]);
  if (r.python !== null) rows.push(...pythonRows(r.python, w.warmSeconds, w.warmCpuSeconds, w.events));
  rows.push(['machine', `${r.machine.cores} cores, ${r.machine.totalMemGb.toFixed(0)} GB`, `${r.machine.cpu}; Node ${r.machine.node}, ${r.machine.platform}; ${r.measuredAt}`]);
  return rows;
}

function pythonRows(p: PythonFigures, btWarmSeconds: number, btWarmCpuSeconds: number, btEvents: number): string[][] {
  const prefix = p.days === null
    ? `whole workload (${p.events} events; bt ${btEvents})`
    : `first ${p.days} days (${p.events} events) in ${s(p.replaySeconds)}, extrapolated by events to ${btEvents}`;
  return [
    ['seed-Python replay', `${s(p.fullReplaySeconds)}${p.days === null ? '' : ' (extrapolated)'}`, `bench/reference/supervisor_cycle.py, ${prefix}; CSV load ${s(p.loadSeconds)} not counted`],
    ['speed-up bt / Python', `${(p.fullReplaySeconds / btWarmSeconds).toFixed(1)}x`, `replay vs warm replay, same data, wall time; by CPU time ${(p.fullReplayCpuSeconds / btWarmCpuSeconds).toFixed(1)}x`],
  ];
}

/** The table as text: aligned columns, one row per figure. */
export function formatResultsTable(r: BenchResults): string {
  const rows = [['figure', 'value', 'how'], ...resultRows(r)];
  const width = [0, 1].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string => `| ${(row[0] ?? '').padEnd(width[0] ?? 0)} | ${(row[1] ?? '').padEnd(width[1] ?? 0)} | ${row[2] ?? ''} |`;
  return [line(rows[0] as string[]), `| ${'-'.repeat(width[0] ?? 0)} | ${'-'.repeat(width[1] ?? 0)} | --- |`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Issue 10's "never slower on small runs": a small universe (12 agents, 20 symbols, half a year
 * of hourly closes, ~5k findings, daily ticks) run end to end both ways, each in a fresh process
 * as a user would: `bt run scenario.yaml` (Node start-up, reading the IPC files, replay, every
 * output written) against `python3 bench/reference/supervisor_cycle.py csv/` (Python start-up,
 * numpy import, reading the CSV, replay). Where start-up dominates, this is the comparison that
 * can go the wrong way. Generates into bench/out/small/ once (git-ignored).
 *
 *   npm run build && node dist/bench/small-vs-python.js [--reps 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadRunData } from '../engine/io/load-run-data.js';
import { exportCsv } from './export-csv.js';
import { workloadScenarioYaml, WORKLOADS } from './workloads.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'bench', 'out', 'small');
const repsFlag = process.argv.indexOf('--reps');
const reps = repsFlag >= 0 ? Number(process.argv[repsFlag + 1]) : 5;
if (!(Number.isInteger(reps) && reps > 0)) throw new Error(`--reps: expected a positive integer, found '${process.argv[repsFlag + 1] ?? ''}'`);

const data = join(dir, 'data');
if (!existsSync(join(data, 'universe.json'))) {
  mkdirSync(dir, { recursive: true });
  const args = ['data', 'generate', '--seed', '7', '--start', '2022-01-01', '--freq', '1h', '--horizon-hours', '24', '--agents', '12', '--symbols', '20', '--end', '2022-06-30', '--findings-per-agent-per-bar', '0.1', '--out', data];
  execFileSync(process.execPath, [join(root, 'bin', 'bt.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}
// The bench workloads' calibrated scenario (risk-penalized, daily ticks, 24 h horizon), on this universe.
const scenario = join(dir, 'scenario.yaml');
writeFileSync(scenario, workloadScenarioYaml({ ...WORKLOADS.S, doc: 'small: 12 agents, 20 symbols, half a year hourly' }).replace('name: bench-s', 'name: bench-small'));
const csv = join(dir, 'csv');
exportCsv(loadRunData({ findings: join(data, 'findings.arrow'), prices: join(data, 'prices.arrow'), agents: join(data, 'agents.arrow'), killList: join(data, 'kill_list.yaml'), display: {} }), csv);

/** Wall seconds of one child process; throws if it fails. */
function timed(cmd: string, args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return s;
}

const bt: number[] = [];
const py: number[] = [];
// Alternated, so that a burst of load on the machine hits both sides alike.
for (let k = 0; k < reps; k++) {
  const out = join(dir, `run-${k}`);
  rmSync(out, { recursive: true, force: true });
  bt.push(timed(process.execPath, [join(root, 'bin', 'bt.js'), 'run', scenario, '--out', out, '--quiet', '--no-report']));
  rmSync(out, { recursive: true, force: true });
  py.push(timed('python3', [join(root, 'bench', 'reference', 'supervisor_cycle.py'), csv]));
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[s.length >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const f = (xs: number[]): string => `best ${Math.min(...xs).toFixed(2)} s, median ${median(xs).toFixed(2)} s`;
process.stdout.write(`small universe, end to end in a fresh process (${reps} each, alternated):\n  bt run:      ${f(bt)}\n  seed Python: ${f(py)}\n  bt is ${(median(py) / median(bt)).toFixed(1)}x faster (medians)\n`);

import { basename, relative, resolve, sep } from 'node:path';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { inspectArrowFile, type InspectReport } from '../../datasets/inspect.js';
import { allocatorParamSpecs } from '../../strategies/index.js';
import { BtInputError } from '../core/errors.js';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { renderStarterYaml, type StarterValue } from '../scenario/render-starter-yaml.js';
import { SCENARIO_SPEC, scenarioSpecFor } from '../scenario/schema.js';
import { SWEEP_FILE_SPEC } from '../sweep/parse-sweep-file.js';

/** Options of `bt init`. */
export interface InitFlags {
  readonly findings?: string;
  readonly prices?: string;
  readonly agents?: string;
  readonly force?: boolean;
}

/** The allocator a starter scenario runs (the quickstart's). */
const STARTER_VARIANT = 'risk-penalized';

/** Returns the median of the finite values, or null when there is none. */
function medianFinite(xs: Float64Array): number | null {
  const v = Array.from(xs).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

function need(flag: string, value: string | undefined): string {
  if (value === undefined) throw new BtInputError({ field: flag, expected: `a file (bt init DIR --findings F --prices P [--agents A])`, found: 'nothing' });
  return value;
}

function inspectKind(path: string, kind: string): InspectReport {
  const r = inspectArrowFile(path);
  if (r.kind !== kind) throw new BtInputError({ file: path, expected: `a ${kind} Arrow file (bt data import ${kind} ...)`, found: `a ${r.kind} file` });
  return r;
}

// Paths in the scenario are relative to its folder, with '/' on every platform.
function fromDir(dir: string, file: string): string {
  return relative(dir, resolve(file)).split(sep).join('/');
}

/** Returns the starter's chosen values and the facts shown in its header, from the user's files. */
function starterValues(dir: string, flags: InitFlags, name: string): { values: Record<string, StarterValue>; facts: string[] } {
  const findingsPath = need('--findings', flags.findings);
  const pricesPath = need('--prices', flags.prices);
  const f = inspectKind(findingsPath, 'findings');
  const p = inspectKind(pricesPath, 'prices');
  if (flags.agents !== undefined) inspectKind(flags.agents, 'agents');
  const horizon = medianFinite(readFindingsArrow(findingsPath).horizonHours);
  const hours = horizon ?? 24;
  const from = 'bt data inspect';
  const values: Record<string, StarterValue> = {
    name: { value: name, why: '' },
    description: { value: `starter scenario for ${basename(findingsPath)} over ${basename(pricesPath)} (bt init)`, why: '' },
    'data.findings': { value: fromDir(dir, findingsPath), why: '' },
    'data.prices': { value: fromDir(dir, pricesPath), why: '' },
    ...(flags.agents !== undefined ? { 'data.agents': { value: fromDir(dir, flags.agents), why: '' } } : {}),
    ...(p.start !== null ? { 'time.start': { value: p.start, why: `first price (${from})` } } : {}),
    ...(p.end !== null ? { 'time.end': { value: p.end, why: `last price (${from})` } } : {}),
    'clock.cadence': { value: hours >= 24 ? '1d' : '1h', why: hours >= 24 ? 'daily: the findings look a day or more ahead' : 'hourly: the findings look less than a day ahead' },
    'reconcile.horizon_hours': { value: hours, why: horizon === null ? 'the seed default: the findings carry no horizon_hours' : 'median horizon_hours of the findings' },
    'allocator.variant': { value: STARTER_VARIANT, why: "the quickstart's; bt compare SCENARIO --all-variants tries the others" },
  };
  const facts = [
    `findings: ${f.rows} rows, ${f.start ?? '?'} .. ${f.end ?? '?'}, ${f.distinct.agent ?? '?'} agents, ${f.distinct.symbol ?? '?'} symbols, typical horizon ${horizon === null ? 'not given' : `${hours} h`}`,
    `prices: ${p.rows} rows, ${p.start ?? '?'} .. ${p.end ?? '?'}, ${p.distinct.symbol ?? '?'} symbols`,
  ];
  return { values, facts };
}

function sweepYaml(name: string, dir: string): string {
  const values: Record<string, StarterValue> = {
    name: { value: `${name}-sweep`, why: '' },
    description: { value: 'per-agent cap x cash buffer of the starter scenario (bt init)', why: '' },
    base: { value: 'scenario.yaml', why: '' },
    direction: { value: 'maximize', why: '' },
  };
  const head = [`A starter sweep over scenario.yaml (bt init). Run it: bt sweep ${dir}/sweep.yaml   Fields: docs/sweeps.md`];
  const space = [
    '# Parameter space: grid = every combination; keys are dotted scenario fields, values the settings to try',
    'space:',
    '  grid:',
    '    # largest weight of one agent, fraction of capital in (0, 1]',
    '    targets.max_agent_weight: [0.15, 0.25, 0.35]',
    '    # fraction of capital kept in cash, in [0, 1)',
    '    targets.cash_buffer: [0.05, 0.1, 0.2]',
  ];
  return `${renderStarterYaml(SWEEP_FILE_SPEC, values, head)}${space.join('\n')}\n`;
}

/** `bt init DIR --findings F --prices P [--agents A]`: a starter scenario and sweep for the user's own files. */
export async function initCommand(dir: string, flags: InitFlags): Promise<void> {
  const abs = resolve(dir);
  const name = basename(abs).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'starter';
  const { values, facts } = starterValues(abs, flags, name);
  const spec = scenarioSpecFor(SCENARIO_SPEC, allocatorParamSpecs(), STARTER_VARIANT);
  const head = [`A starter scenario (bt init) for your files. Run it: bt run ${dir}/scenario.yaml   Fields: scenarios/README.md`, ...facts, ''];
  const inputs = [flags.findings, flags.prices, flags.agents].filter((f): f is string => f !== undefined);
  await writeDirAtomic(abs, { kind: 'starter', force: flags.force === true, inputs }, (tmp) => {
    writeFileAtomic(`${tmp}/scenario.yaml`, renderStarterYaml(spec, values, head));
    writeFileAtomic(`${tmp}/sweep.yaml`, sweepYaml(name, dir));
  });
  process.stdout.write(`bt init: wrote ${dir}/scenario.yaml and ${dir}/sweep.yaml (${facts[0] ?? ''})\n  next: bt run ${dir}/scenario.yaml\n`);
}

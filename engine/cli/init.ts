import { basename, relative, resolve, sep } from 'node:path';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import type { FindingsColumns, PricesColumns } from '../../datasets/schemas/columns.js';
import { inspectArrowFile, type InspectReport } from '../../datasets/inspect.js';
import { allocatorParamSpecs } from '../../strategies/index.js';
import { BtInputError } from '../core/errors.js';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { internRunData } from '../io/load-run-data.js';
import { addFirstStrategies } from '../io/input-passes.js';
import { renderStarterYaml, type StarterValue } from '../scenario/render-starter-yaml.js';
import { SCENARIO_SPEC, scenarioSpecFor } from '../scenario/schema.js';
import { calibrateStarterDecay, FALSE_PROMOTION_RATE, HALF_LIVES_PER_WINDOW, PROMOTE_SD, STABILITY_QUANTILE, type StarterDecay } from '../scenario/starter-decay.js';
import { calibrateStarterPenalties, CVAR_FACTOR_FLOOR, DD_FACTOR_FLOOR, SEED_STARTER_PENALTIES, WINDOW_MIN_N_MULTIPLE, type StarterPenalties } from '../scenario/starter-penalties.js';
import { calibrateStarterThresholds, ERROR_QUANTILE, HORIZON_BARS, RETIRE_SD, starterHorizonReturns, type StarterCalibrationInput, type StarterThresholds } from '../scenario/starter-thresholds.js';
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

/** Returns the default of a numeric scenario field (the starter keeps it), by section and key. */
function numberDefault(section: string, key: string): number {
  const sec = SCENARIO_SPEC[section];
  const field = sec?.kind === 'object' ? sec.fields[key] : undefined;
  if (field?.kind !== 'number' || field.default === undefined) throw new Error(`no numeric default for ${section}.${key}`);
  return field.default;
}

const fmt = (x: number): string => String(Math.round(x));

/** Returns the chosen threshold values with the comment saying where each came from. */
function thresholdValues(t: StarterThresholds): Record<string, StarterValue> {
  const h = `${t.horizonHours} h`;
  const horizonWhy = t.horizonSource === 'findings' ? 'median horizon_hours of the findings' : t.horizonSource === 'prices' ? `the findings carry no horizon_hours: ${HORIZON_BARS} x the median spacing of the closes, so that the book holds a call for a bar at least before it is judged (at one bar, none: bt run's fill-lag note)` : 'the seed default: neither the findings nor the prices give a horizon';
  const values: Record<string, StarterValue> = { 'reconcile.horizon_hours': { value: t.horizonHours, why: horizonWhy } };
  if (t.nReturns === 0) {
    const why = `the seed's: no close-to-close return over ${h} moved in the prices, nothing to size it on`;
    return { ...values, 'reconcile.error_abs_bps': { value: t.errorAbsBps, why }, 'kill.retire_pnl_sum_bps': { value: t.retirePnlSumBps, why }, 'kill.retire_drawdown_bps': { value: t.retireDrawdownBps, why }, 'kill.kill_error_rate': { value: t.killErrorRate, why } };
  }
  const rms = `rms ${fmt(t.rmsReturnBps)} bps of the ${h} returns`;
  return {
    ...values,
    'reconcile.error_abs_bps': { value: t.errorAbsBps, why: `${Math.round(ERROR_QUANTILE * 100)}th percentile of |${h} close-to-close return| over the prices (${t.nReturns} returns): ${fmt(t.absReturnQuantileBps)} bps` },
    'kill.kill_error_rate': { value: t.killErrorRate, why: `a no-edge agent errs on ${Math.round((1 - ERROR_QUANTILE) * 100)}% of its outcomes; ${RETIRE_SD} sd above that on ${t.minOutcomes} outcomes (kill.retire_min_outcomes), rounded up to whole percent` },
    'kill.retire_pnl_sum_bps': { value: t.retirePnlSumBps, why: `-${RETIRE_SD} sd of a no-edge agent's sum over its window: -${RETIRE_SD} x ${rms} x sqrt(${t.windowOutcomes} outcomes)` },
    'kill.retire_drawdown_bps': { value: t.retireDrawdownBps, why: `-${RETIRE_SD} sd of a no-edge agent's whole-run pnl: -${RETIRE_SD} x ${rms} x sqrt(${t.outcomesPerAgent} outcomes per agent, median)` },
  };
}

/** Returns the chosen decay settings and promotion gates with the comment saying where each came from. */
function decayValues(t: StarterThresholds, d: StarterDecay): Record<string, StarterValue> {
  const h = `${t.horizonHours} h`;
  const noEdge = `a no-edge agent (random direction, misses by |${h} return|, loses half the time)`;
  const seed = (why: string): StarterValue['why'] => `the seed's: ${why}`;
  const noMoves = seed(`no close-to-close return over ${h} moved in the prices, nothing to size it on`);
  const decaySeedWhy = d.source === 'no-moves' ? noMoves : d.source === 'no-outcomes' ? seed('no agent has an outcome to size it on') : seed(`${d.decayOutcomes} outcomes per agent cannot bring ${noEdge} down to ${d.targetMultiplier.toFixed(3)} at any loss_k_bps`);
  const sized = d.source === 'sized';
  const values: Record<string, StarterValue> = {
    'decay.half_life_signals': { value: d.halfLifeSignals, why: sized ? `the judged window (${t.windowOutcomes} outcomes, as kill.retire_pnl_sum_bps) / ${HALF_LIVES_PER_WINDOW}: an outcome leaving it weighs 1/16 (seed 80)` : decaySeedWhy },
    'decay.loss_k_bps': {
      value: d.lossKBps,
      why: sized
        ? `puts ${noEdge} at multiplier ${d.targetMultiplier.toFixed(3)} (sqrt(floor): halfway to 1, room to fall and to rise) after ${d.decayOutcomes} outcomes at this half-life; ${fmt(d.lossKExactBps / d.meanAbsReturnBps)} x the mean |${h} return| (${fmt(d.meanAbsReturnBps)} bps), so a miss costs about in proportion to its size (seed 50)`
        : decaySeedWhy,
    },
  };
  if (d.source === 'no-moves') {
    return { ...values, 'decay.stability_good_err_bps': { value: d.stabilityGoodErrBps, why: noMoves }, 'promotion.min_pnl_sum_bps': { value: d.minPnlSumBps, why: noMoves }, 'promotion.min_hit_rate': { value: d.minHitRate, why: noMoves }, 'promotion.max_error_rate': { value: d.maxErrorRate, why: noMoves }, 'promotion.max_avg_abs_error_bps': { value: d.maxAvgAbsErrorBps, why: noMoves }, 'promotion.min_avg_pnl_error_bps': { value: d.minAvgPnlErrorBps, why: noMoves } };
  }
  const notAGate = `not a gate: errors are market moves, skill or not; no average reaches 2 x the largest |${h} return| (${fmt(d.maxAbsReturnBps)} bps)`;
  return {
    ...values,
    'decay.stability_good_err_bps': { value: d.stabilityGoodErrBps, why: `${Math.round(STABILITY_QUANTILE * 100)}th percentile of |${h} return|: the seed's 30 bps is 0.6 of a typical 24 h miss, the 31st percentile of normal moves` },
    'promotion.min_pnl_sum_bps': { value: d.minPnlSumBps, why: `the gate that tells skill from luck: ${PROMOTE_SD} sd of the window pnl sum of ${noEdge}, ${PROMOTE_SD} x rms ${fmt(t.rmsReturnBps)} bps x sqrt(${t.windowOutcomes} outcomes); such an agent passes it at ${(FALSE_PROMOTION_RATE * 100).toFixed(2)}% of looks` },
    'promotion.min_hit_rate': { value: d.minHitRate, why: 'right more often than wrong; min_pnl_sum_bps carries the test (a sign count tells less than the pnl)' },
    'promotion.max_error_rate': { value: d.maxErrorRate, why: `not a gate below kill.kill_error_rate: any agent errs on ~${Math.round((1 - ERROR_QUANTILE) * 100)}% of its calls, misses being market moves (seed 0 promotes nobody)` },
    'promotion.max_avg_abs_error_bps': { value: d.maxAvgAbsErrorBps, why: notAGate },
    'promotion.min_avg_pnl_error_bps': { value: d.minAvgPnlErrorBps, why: `${notAGate}; min_pnl_sum_bps tests the pnl it holds` },
  };
}

/** Returns the risk-penalized penalty slopes and the CVaR window with the comment saying where each came from. */
function penaltyValues(t: StarterThresholds, p: StarterPenalties, minN: number): Record<string, StarterValue> {
  const h = `${t.horizonHours} h`;
  const noMoves = `the seed's: no close-to-close return over ${h} moved in the prices, nothing to size it on`;
  const sig = (x: number): string => x.toPrecision(3);
  return {
    'cvar.window_days': {
      value: p.cvarWindowDays,
      why: p.windowDaysExact === p.windowDaysExact
        ? `holds ${WINDOW_MIN_N_MULTIPLE} x cvar.min_n (${minN}) outcomes of the median strategy class (${p.findingsPerClass} findings over ${Math.round(p.spanDays)} days, ${p.classes} classes): ${p.windowDaysExact.toFixed(1)} days, at least the seed's ${SEED_STARTER_PENALTIES.cvarWindowDays} (under min_n a class has no CVaR and the factor is 1)`
        : `the seed's: the findings span no time to size it on`,
    },
    'allocator.params.dd_penalty_k': {
      value: p.ddPenaltyK,
      why: p.noEdgeDrawdownBps === p.noEdgeDrawdownBps
        ? `puts a no-edge agent's expected whole-run drawdown, sqrt(pi/2) x rms ${fmt(p.rmsReturnBps)} bps x sqrt(${t.outcomesPerAgent} outcomes) = ${fmt(p.noEdgeDrawdownBps)} bps, at factor ${1 - (1 - DD_FACTOR_FLOOR) / 2}, halfway between 1 and the ${DD_FACTOR_FLOOR} floor: (1 - ${DD_FACTOR_FLOOR}) / 2 / ${fmt(p.noEdgeDrawdownBps)} = ${sig(p.ddPenaltyKExact)} (seed 0.01 floors every agent from -60 bps)`
        : noMoves,
    },
    'allocator.params.cvar_penalty_k': {
      value: p.cvarPenaltyK,
      why: p.noEdgeCvarBps === p.noEdgeCvarBps
        ? `puts a no-edge class's CVaR of the gap, the CVaR of +-every ${h} return (${fmt(p.noEdgeCvarBps)} bps), at factor ${1 - (1 - CVAR_FACTOR_FLOOR) / 2}, halfway between 1 and the ${CVAR_FACTOR_FLOOR} floor: (1 - ${CVAR_FACTOR_FLOOR}) / 2 / ${fmt(-p.noEdgeCvarBps)} = ${sig(p.cvarPenaltyKExact)} (seed 0.015 floors every class from -50 bps)`
        : noMoves,
    },
  };
}

/** Returns the strategy class of each finding's agent as bt run gives it (the agents file's, else the agent's first finding's; '' where neither says), coded by name. */
function findingClasses(findings: FindingsColumns, agentsPath: string | undefined): Int32Array {
  const classOf = new Map<string, string>();
  if (agentsPath !== undefined) {
    const agents = readAgentsArrow(agentsPath);
    agents.agent.forEach((a, i) => classOf.set(a, agents.strategy[i] ?? ''));
  } else addFirstStrategies(findings.agent, findings.strategy, findings.length, classOf);
  const names = [...new Set(classOf.values())].sort();
  const code = new Map(names.map((n, i) => [n, i]));
  const byAgent = Int32Array.from(findings.agent.dictionary, (a) => code.get(classOf.get(a) ?? '') ?? -1);
  return Int32Array.from(findings.agent.codes, (a) => (a >= 0 ? (byAgent[a] as number) : -1));
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

/**
 * Returns why bt run would refuse these files together (an agent the agents file lacks, a
 * symbol without prices), as bt run words it, or null: the starter is written either way, but
 * "next: bt run" would then send the user into that error.
 */
function crossFileRefusal(findings: FindingsColumns, prices: PricesColumns, flags: InitFlags): string | null {
  try {
    const agents = flags.agents !== undefined ? readAgentsArrow(flags.agents) : null;
    const display = { findings: flags.findings ?? 'findings', prices: flags.prices ?? 'prices', ...(flags.agents !== undefined ? { agents: flags.agents } : {}) };
    internRunData(findings, prices, agents, null, null, display);
    return null;
  } catch (err) {
    if (err instanceof BtInputError) return err.message;
    throw err;
  }
}

/** Returns the starter's chosen values, the facts shown in its header and why bt run would refuse the files, from the user's files. */
function starterValues(dir: string, flags: InitFlags, name: string): { values: Record<string, StarterValue>; facts: string[]; refusal: string | null; pen: StarterPenalties } {
  const findingsPath = need('--findings', flags.findings);
  const pricesPath = need('--prices', flags.prices);
  const f = inspectKind(findingsPath, 'findings');
  const p = inspectKind(pricesPath, 'prices');
  if (flags.agents !== undefined) inspectKind(flags.agents, 'agents');
  const findings = readFindingsArrow(findingsPath);
  const prices = readPricesArrow(pricesPath);
  const input: StarterCalibrationInput = {
    priceTsMs: prices.tsMs,
    priceSymbol: prices.symbol.codes,
    close: prices.close,
    findingHorizonHours: findings.horizonHours,
    findingAgent: findings.agent.codes,
    lookbackOutcomes: numberDefault('stats', 'lookback_outcomes'),
    minOutcomes: numberDefault('kill', 'retire_min_outcomes'),
  };
  // the prices grouped by symbol and their returns over the horizon, once for both rules
  const moves = starterHorizonReturns(input);
  const t = calibrateStarterThresholds(input, moves);
  const d = calibrateStarterDecay({
    absReturnsBps: moves.returns.map(Math.abs),
    windowOutcomes: t.windowOutcomes,
    outcomesPerAgent: t.outcomesPerAgent,
    killErrorRate: t.killErrorRate,
    floor: numberDefault('decay', 'floor'),
    penaltyCap: numberDefault('decay', 'penalty_cap'),
    lossAmplifier: numberDefault('decay', 'loss_amplifier'),
    limitRows: numberDefault('decay', 'limit_rows'),
  });
  const cvarMinN = numberDefault('cvar', 'min_n');
  const pen = calibrateStarterPenalties({
    returnsBps: moves.returns,
    outcomesPerAgent: t.outcomesPerAgent,
    findingTsMs: findings.tsMs,
    findingClass: findingClasses(findings, flags.agents),
    cvarLevel: numberDefault('cvar', 'level'),
    cvarMinN,
  });
  const hours = t.horizonHours;
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
    ...thresholdValues(t),
    ...decayValues(t, d),
    ...penaltyValues(t, pen, cvarMinN),
    'allocator.variant': { value: STARTER_VARIANT, why: "the quickstart's; bt compare SCENARIO --all-variants tries the others" },
  };
  const facts = [
    `findings: ${f.rows} rows, ${f.start ?? '?'} .. ${f.end ?? '?'}, ${f.distinct.agent ?? '?'} agents, ${f.distinct.symbol ?? '?'} symbols, typical horizon ${t.horizonSource === 'findings' ? `${hours} h` : 'not given'}`,
    `prices: ${p.rows} rows, ${p.start ?? '?'} .. ${p.end ?? '?'}, ${p.distinct.symbol ?? '?'} symbols`,
  ];
  return { values, facts, refusal: crossFileRefusal(findings, prices, flags), pen };
}

/** Multiples of the sized penalty slopes the starter sweep tries: half, as sized, double. */
export const STARTER_PENALTY_MULTIPLES = [0.5, 1, 2] as const;

/** Returns `k` x each of STARTER_PENALTY_MULTIPLES as YAML flow values (3 significant digits: half of a 2-digit slope can need a third; no float noise such as 0.000084000000001). */
function penaltyGrid(k: number): string {
  return `[${STARTER_PENALTY_MULTIPLES.map((m) => String(Number((k * m).toPrecision(3)))).join(', ')}]`;
}

function sweepYaml(name: string, dir: string, pen: StarterPenalties): string {
  const values: Record<string, StarterValue> = {
    name: { value: `${name}-sweep`, why: '' },
    description: { value: 'per-agent cap x cash buffer x the two risk-penalty slopes of the starter scenario (bt init)', why: '' },
    base: { value: 'scenario.yaml', why: '' },
    direction: { value: 'maximize', why: '' },
  };
  const head = [`A starter sweep over scenario.yaml (bt init). Run it: bt sweep ${dir}/sweep.yaml   Fields: docs/sweeps.md`];
  const space = [
    '# Parameter space: grid = every combination; keys are dotted scenario fields, values the settings to try.',
    "# It holds scenario.yaml's own values, so bt sweep --check-on base gates the scenario as written",
    'space:',
    '  grid:',
    '    # largest weight of one agent, fraction of capital in (0, 1]',
    '    targets.max_agent_weight: [0.15, 0.25, 0.35]',
    '    # fraction of capital kept in cash, in [0, 1)',
    '    targets.cash_buffer: [0.05, 0.1, 0.2]',
    "    # risk-penalized's drawdown and class-CVaR slopes: half, as sized in scenario.yaml, double",
    '    # (the configurations differing only in them share one supervisor run: docs/sweeps.md, staged sweeps)',
    `    allocator.params.dd_penalty_k: ${penaltyGrid(pen.ddPenaltyK)}`,
    `    allocator.params.cvar_penalty_k: ${penaltyGrid(pen.cvarPenaltyK)}`,
  ];
  return `${renderStarterYaml(SWEEP_FILE_SPEC, values, head)}${space.join('\n')}\n`;
}

/** `bt init DIR --findings F --prices P [--agents A]`: a starter scenario and sweep for the user's own files. */
export async function initCommand(dir: string, flags: InitFlags): Promise<void> {
  const abs = resolve(dir);
  const name = basename(abs).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'starter';
  const { values, facts, refusal, pen } = starterValues(abs, flags, name);
  const spec = scenarioSpecFor(SCENARIO_SPEC, allocatorParamSpecs(), STARTER_VARIANT);
  const head = [`A starter scenario (bt init) for your files. Run it: bt run ${dir}/scenario.yaml   Fields: scenarios/README.md`, ...facts, ''];
  const inputs = [flags.findings, flags.prices, flags.agents].filter((f): f is string => f !== undefined);
  await writeDirAtomic(abs, { kind: 'starter', force: flags.force === true, inputs, option: 'DIR' }, (tmp) => {
    writeFileAtomic(`${tmp}/scenario.yaml`, renderStarterYaml(spec, values, head));
    writeFileAtomic(`${tmp}/sweep.yaml`, sweepYaml(name, dir, pen));
  });
  if (refusal === null) {
    process.stdout.write(`bt init: wrote ${dir}/scenario.yaml and ${dir}/sweep.yaml (${facts[0] ?? ''})\n  next: bt run ${dir}/scenario.yaml\n`);
    return;
  }
  process.stdout.write(`bt init: wrote ${dir}/scenario.yaml and ${dir}/sweep.yaml (${facts[0] ?? ''})\n`);
  process.stderr.write(`bt init: note: bt run refuses these files as they are; fix them, then bt run ${dir}/scenario.yaml:\n${refusal.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
}

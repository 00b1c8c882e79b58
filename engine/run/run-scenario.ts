import { BtInputError } from '../core/errors.js';
import { isoFromMs } from '../core/time.js';
import { dataSpanMs, runConfigFromScenario, type DataSpan } from './config-from-scenario.js';
import { checkCostSymbols } from './check-cost-symbols.js';
import { checkSpreadColumn } from './check-spread-column.js';
import { checkKillListClasses } from './check-kill-list-classes.js';
import { runBacktest, type RunControl, type RunOutcome } from './run.js';
import { unreadSettingsNotes } from './unread-settings.js';
import { runMetrics, type MetricsReuse, type RunBenchmark, type RunMetrics } from './run-metrics.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { ParamObject } from '../scenario/param-spec.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunConfig } from './config.js';
import type { RunData, TimeSpan } from './run-data.js';

/** A finished in-memory run: what `bt run` writes and a sweep keeps one row of. */
export interface ScenarioRun {
  readonly cfg: RunConfig;
  readonly outcome: RunOutcome;
  readonly metrics: RunMetrics;
}

/**
 * Runs a validated scenario over already-loaded data (no I/O): the unit `bt run` and each
 * sweep configuration share. `allocators` is the plug-in registry (strategies/index.ts);
 * `benchmark` the closes of the scenario's benchmark (io/read-benchmark.ts), or null.
 */
export function runScenario(
  scenario: Scenario,
  data: RunData,
  allocators: Readonly<Record<string, AllocatorPlugin>>,
  control: RunControl = {},
  benchmark: RunBenchmark | null = null,
): ScenarioRun {
  return runPreparedScenario(scenario, data, prepareScenarioRun(scenario, data, allocators), control, benchmark);
}

/** runScenario once prepareScenarioRun has checked the scenario and built its configuration (a caller that needs the configuration first builds it once). */
export function runPreparedScenario(scenario: Scenario, data: RunData, prepared: PreparedScenarioRun, control: RunControl = {}, benchmark: RunBenchmark | null = null): ScenarioRun {
  const { cfg, plugin, params } = prepared;
  return finishScenarioRun(scenario, data, cfg, plugin, runBacktest(data, cfg, plugin, params, control), benchmark);
}

/** A validated scenario's kernel configuration, allocator plug-in and its parameters. */
export interface PreparedScenarioRun {
  readonly cfg: RunConfig;
  readonly plugin: AllocatorPlugin;
  readonly params: ParamObject;
}

/** Checks what the kernel cannot run and returns its configuration (no I/O, nothing run yet). */
export function prepareScenarioRun(scenario: Scenario, data: RunData, allocators: Readonly<Record<string, AllocatorPlugin>>): PreparedScenarioRun {
  const plugin = allocators[scenario.allocator.variant];
  if (plugin === undefined) {
    throw new BtInputError({ file: scenario.file, field: 'allocator.variant', expected: `one of ${Object.keys(allocators).sort().join(', ')}`, found: scenario.allocator.variant });
  }
  if (scenario.data.reconciled !== undefined) {
    throw new BtInputError({ file: scenario.file, field: 'data.reconciled', expected: 'no recorded outcomes (this version reconciles in the engine)', found: scenario.data.reconciled.rel });
  }
  if (scenario.targets.allowShort) {
    throw new BtInputError({ file: scenario.file, field: 'targets.allow_short', expected: 'false (the book is long-only in this version)', found: 'true' });
  }
  checkCostSymbols(scenario, data);
  checkSpreadColumn(scenario, data);
  checkKillListClasses(scenario, data);
  const cfg = runConfigFromScenario(scenario, data);
  if (!(cfg.startMs < cfg.endMs)) {
    throw new BtInputError({ file: scenario.file, field: 'time', expected: 'a start before the end', found: `${isoFromMs(cfg.startMs)} .. ${isoFromMs(cfg.endMs)}` });
  }
  const settings = scenario.settings as Readonly<Record<string, ParamObject>>;
  const params = (settings['allocator'] as ParamObject)['params'] as ParamObject;
  return { cfg, plugin, params };
}

/**
 * Returns a finished run's metrics (a full run's, or a downstream replay's: engine/run/staged/downstream-run.ts),
 * their notes ending with the settings `plugin` and the scenario's switches leave unread.
 * `reuse`: what the metrics of earlier runs over the same times computed (a sweep's worker's; MetricsReuse).
 */
export function finishScenarioRun(scenario: Scenario, data: RunData, cfg: RunConfig, plugin: AllocatorPlugin, outcome: RunOutcome, benchmark: RunBenchmark | null, reuse?: MetricsReuse): ScenarioRun {
  // Without a price in the window nothing is marked or filled: kills and metrics would describe no market.
  if (outcome.snapshot === null && outcome.state.out.equityTs.length === 0) throw noPricesInWindow(scenario, cfg, data);
  // Without a finding in the window no agent calls anything: a backtest of cash, not of the desk.
  if (outcome.snapshot === null && outcome.counters.findings === 0) throw noFindingsInWindow(scenario, cfg, data);
  const metrics = runMetrics(outcome.state, cfg.initialCapital, scenario.metrics?.periodsPerYear ?? null, benchmark, reuse);
  const x = outcome.state.expectation;
  // score-linear runs keep metrics.json as it was: no model, nothing to count
  const model = cfg.expectedModel.kind === 'score-linear' ? {} : { expected_model_fits: x.fits, expected_model_fallbacks: x.fallbacks };
  // settings set away from their defaults that nothing in this run reads (unread-settings.ts)
  const unread = unreadSettingsNotes(scenario, plugin);
  return { cfg, outcome, metrics: { ...metrics, ...model, ...(unread.length > 0 ? { notes: [...metrics.notes, ...unread] } : {}) } };
}

function shortIso(ms: number): string {
  if (!Number.isFinite(ms)) return 'nothing';
  const iso = isoFromMs(ms);
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** A hint when a span lies in January 1970: times in seconds read as milliseconds land there. */
function epochUnitHint(span: DataSpan): string {
  const early = (t: TimeSpan): boolean => Number.isFinite(t.last) && t.last < EARLY_1970_MS;
  const which = early(span.prices) ? 'prices' : early(span.findings) ? 'findings' : null;
  return which === null ? '' : `. The ${which}' times lie in January 1970: were they written in seconds (or days) under a millisecond timestamp type? bt data import reads ISO dates and epoch milliseconds`;
}

/** 1970-02-01: a timestamp in seconds of any date up to 2055 reads as a millisecond time before it. */
const EARLY_1970_MS = 31 * 86_400_000;

function spans(span: DataSpan): string {
  const one = (t: TimeSpan): string => (Number.isFinite(t.first) ? `${shortIso(t.first)} .. ${shortIso(t.last)}` : 'no rows');
  return `prices ${one(span.prices)}, findings ${one(span.findings)}`;
}

function noPricesInWindow(scenario: Scenario, cfg: RunConfig, data: RunData): BtInputError {
  const span = dataSpanMs(data);
  return new BtInputError({
    file: scenario.file,
    field: 'time',
    expected: 'a window holding at least one price',
    found: `${shortIso(cfg.startMs)} .. ${shortIso(cfg.endMs)} with no prices (${spans(span)})`,
    hint: `Set time.start and time.end around some of the prices${epochUnitHint(span)}`,
  });
}

function noFindingsInWindow(scenario: Scenario, cfg: RunConfig, data: RunData): BtInputError {
  const span = dataSpanMs(data);
  const after = Number.isFinite(span.findings.first) && span.findings.first > span.prices.last;
  return new BtInputError({
    file: scenario.file,
    field: 'time',
    expected: 'a window holding at least one finding',
    found: `${shortIso(cfg.startMs)} .. ${shortIso(cfg.endMs)} with no findings (${spans(span)})`,
    hint: !Number.isFinite(span.findings.first)
      ? `data.findings has no rows: a backtest needs the agents' findings`
      : after
        ? `Every finding comes after the last price, so none can be filled or reconciled: add prices that cover the findings${epochUnitHint(span)}`
        : `Set time.start and time.end around some of the findings${epochUnitHint(span)}`,
  });
}

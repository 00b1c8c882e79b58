import { relative } from 'node:path';
import type { Table } from 'apache-arrow';
import { readScenarioFile } from '../scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { openRunStream } from '../io/stream-run-data.js';
import { runScenario as runLoadedScenario } from '../run/run-scenario.js';
import { unreadSettingsNotes } from '../run/unread-settings.js';
import { runScenario } from '../api/run-scenario.js';
import type { BacktestResult } from '../api/backtest-result.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { readBenchmark } from '../io/read-benchmark.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { BT_VERSION, ENGINE_VERSION, inputHashes } from '../io/manifest.js';
import { SNAPSHOT_FORMAT, isSnapshotFile, readSnapshotFile, writeSnapshotFile, type SnapshotHeader } from '../io/snapshot-file.js';
import { withOutputFile } from '../io/output-file.js';
import { parseDateMs } from '../scenario/date.js';
import { BtInputError } from '../core/errors.js';
import type { RunControl } from '../run/run.js';
import type { Scenario } from '../scenario/scenario.js';
import { stableStringify } from '../core/stable-json.js';
import { isoFromMs, MS } from '../core/time.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { CliDeps } from './main.js';
import { progressBar } from './progress-bar.js';
import { formatPercent, formatRatio } from './format-figures.js';
import type { FillLag } from '../run/fill-lag.js';

/** Options of `bt run`, as commander parses them. */
export interface RunFlags {
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly csv?: boolean;
  readonly stopAfter?: string;
  readonly snapshot?: string;
  readonly resume?: string;
  readonly report?: boolean;
  readonly force?: boolean;
  readonly governance?: boolean;
  readonly everyTick?: boolean;
}

function snapshotHeader(scenario: Scenario): SnapshotHeader {
  return {
    format: SNAPSHOT_FORMAT,
    bt_version: BT_VERSION,
    engine_version: ENGINE_VERSION,
    node_major: Number(process.versions.node.split('.')[0]),
    scenario: scenario.settings,
    inputs: inputHashes(scenario),
  };
}

function runControl(scenario: Scenario, flags: RunFlags): RunControl {
  const everyTick = flags.everyTick === true ? { everyTick: true } : {};
  if (flags.stopAfter !== undefined) {
    const ms = parseDateMs(flags.stopAfter);
    if (ms === undefined) throw new BtInputError({ field: '--stop-after', expected: "a date such as '2005-06-30' or '2005-06-30T12:00:00Z'", found: `'${flags.stopAfter}'` });
    if (flags.snapshot === undefined) throw new BtInputError({ field: '--snapshot', expected: 'a file to write the snapshot to (required with --stop-after)', found: 'nothing' });
    if (flags.resume !== undefined) throw new BtInputError({ field: '--resume', expected: 'not together with --stop-after', found: flags.resume });
    return { stopAfterMs: ms, ...everyTick };
  }
  // a snapshot is written only where --stop-after stops: alone, --snapshot would be ignored without a word
  if (flags.snapshot !== undefined) throw new BtInputError({ field: '--snapshot', expected: 'together with --stop-after (the date to stop at)', found: `'${flags.snapshot}' without --stop-after` });
  if (flags.resume !== undefined) return { resume: readSnapshotFile(flags.resume, snapshotHeader(scenario)), ...everyTick };
  return everyTick;
}

// Report writers are loaded on demand: vega and vega-lite take ~0.5 s to import,
// which every other command (and `bt --version`) would otherwise pay.

/**
 * `--stop-after`: runs up to the date and writes the kernel snapshot (no run folder); returns
 * false when the run ended before the date (then `bt run` writes the whole run as usual).
 */
async function stopAndSnapshot(scenario: Scenario, control: RunControl, flags: RunFlags, done: () => void): Promise<boolean> {
  const stream = openRunStream(runDataPaths(scenario, process.cwd()));
  const { outcome } = stream.replay(() => runLoadedScenario(scenario, stream.data, ALLOCATORS, control, readBenchmark(scenario)));
  const snap = outcome.snapshot;
  if (snap === null) {
    // nothing after the date: the whole run is written as usual, and no snapshot (say so: one was asked for)
    if (flags.quiet !== true) process.stderr.write(`bt run ${scenario.name}: note: --stop-after ${flags.stopAfter ?? ''} is at or after the run's last event: ran to the end, wrote no snapshot\n`);
    return false;
  }
  done();
  await withOutputFile(flags.snapshot as string, { what: 'a bt snapshot', isOurs: isSnapshotFile, force: flags.force === true, option: '--snapshot' }, () => writeSnapshotFile(flags.snapshot as string, snapshotHeader(scenario), snap));
  if (flags.quiet !== true) process.stdout.write(`bt run ${scenario.name}: stopped after ${isoFromMs(snap.stoppedAfterMs)}; snapshot in ${flags.snapshot as string} (continue with --resume)\n`);
  return true;
}

/** Counts kills.arrow's rows by outcome: killed (agent_killed, class_killed) and retired (agent_retired, class_retired). */
function killsByOutcome(kills: Table): { readonly killed: number; readonly retired: number } {
  const kind = kills.getChild('kind');
  let killed = 0;
  let retired = 0;
  for (let i = 0; i < kills.numRows; i++) {
    const k = String(kind?.get(i));
    if (k.endsWith('_killed')) killed++;
    else if (k.endsWith('_retired')) retired++;
  }
  return { killed, retired };
}

/** `bt run SCENARIO` (options: engine/cli/program.ts). */
export async function runCommand(scenarioPath: string, flags: RunFlags, deps: CliDeps): Promise<void> {
  const scenario = readScenarioFile(scenarioPath, { allocators: allocatorParamSpecs() });
  const bar = progressBar(`bt run ${scenario.name}`, deps.wallClockMs, flags.quiet !== true && flags.json !== true);
  const control = { ...runControl(scenario, flags), onProgress: (done: number, total: number) => bar.update(done, total) };
  const outDir = flags.out ?? scenario.output.dir.abs;
  let ran;
  try {
    if (control.stopAfterMs !== undefined && (await stopAndSnapshot(scenario, control, flags, () => bar.finish()))) return;
    // The CLI is a thin shell over the library (engine/api): the same calls write the same bytes.
    // The run writes its folder as it goes (the event log spills into it): bounded memory.
    ran = await runScenario(scenario, {
      control,
      csv: flags.csv === true,
      wallClockMs: deps.wallClockMs,
      // input files named in errors as the user would type them here (a sweep keeps the scenario's own paths)
      displayFrom: process.cwd(),
      out: outDir,
      force: flags.force === true,
      report: flags.report !== false,
      // writing (and the report) takes a good part of the wall time: say so instead of a silent full bar
      onWriting: () => bar.phase(flags.report !== false ? 'writing outputs and the report' : 'writing outputs'),
      // the scenario's own kill list gives kill_list.yaml its thresholds (writeRun's default)
      ...(flags.governance === true ? { governance: {} } : {}),
    });
  } finally {
    bar.finish();
  }
  const { config: cfg, metrics, counters: c, replaySeconds } = ran;
  const plugin = ALLOCATORS[scenario.allocator.variant] as AllocatorPlugin;
  const summary = {
    scenario: scenario.name,
    out: relative(process.cwd(), outDir) || '.',
    variant: `${plugin.name} (${cfg.mode})`,
    period: `${day(cfg.startMs)} .. ${day(cfg.endMs)}`,
    // input events: what the loop consumed; logged events: the state changes in events.arrow (what bt replay folds)
    input_events: c.prices + c.findings + c.reconciliations + c.ticks,
    logged_events: ran.loggedEvents,
    fills: c.fills,
    // kills.arrow holds kills and retirements (agents and classes): "kills 4" read as 4 kills where the quickstart retired 4 and killed none
    kills: metrics.n_kills,
    ...killsByOutcome(ran.tables.kills),
    final_equity: metrics.final_equity,
    total_return: metrics.total_return,
    annualized_return: metrics.annualized_return,
    sharpe: metrics.sharpe,
    max_drawdown: metrics.max_drawdown,
    replay_seconds: replaySeconds,
  };
  if (flags.quiet === true) return;
  if (flags.json === true) {
    process.stdout.write(`${stableStringify(summary, 2)}\n`);
    return;
  }
  process.stdout.write(
    [
      `bt run ${scenario.name}: ${summary.variant}, ${summary.period}`,
      `  input events ${summary.input_events} (prices ${c.prices}, findings ${c.findings}, reconciliations ${c.reconciliations}, ticks ${c.ticks}) -> logged events ${summary.logged_events} (events.arrow), fills ${c.fills}, kills ${summary.killed}, retirements ${summary.retired} (kills.arrow)`,
      `  equity ${cfg.initialCapital.toFixed(0)} -> ${metrics.final_equity.toFixed(0)}: total ${formatPercent(metrics.total_return)}, annualized ${formatPercent(metrics.annualized_return)}, Sharpe ${formatRatio(metrics.sharpe)}, max drawdown ${formatPercent(metrics.max_drawdown)}`,
      `  results in ${summary.out}/ (manifest.json, events.arrow, targets.arrow, agent_weights.arrow, kills.arrow, equity.arrow, metrics.json, final_state.json, run_info.json${flags.csv === true ? ', the tables as *.csv' : ''}${flags.report !== false ? ', report/index.html' : ''})`,
      '',
    ].join('\n'),
  );
  // settings this run does not read (also the last notes of metrics.json): a sweep over one would look flat
  for (const note of [findingsAfterPricesNote(ran), noOutcomeNote(ran), fillLagNote(ran.fillLag), flatOutcomesNote(ran), noEnabledAgentNote(ran), noAgentLeftNote(ran), ...stalePositionNotes(ran), ...unreadSettingsNotes(scenario, plugin)]) {
    if (note !== null) process.stderr.write(`bt run ${scenario.name}: note: ${note}\n`);
  }
}

/** The UTC day of a time, YYYY-MM-DD, as the summary and the notes give dates. */
function day(ms: number): string {
  return isoFromMs(ms).slice(0, 10);
}

/** A duration in hours to one decimal, trailing zero dropped (24, 0.5), as the notes give horizons. */
function hoursOf(ms: number): string {
  return String(Number((ms / MS.hour).toFixed(1)));
}

/**
 * Returns a note when findings go on after the last price, else null. Nothing after the last
 * price can be filled or reconciled on a price of its own: without time.end the run ends there
 * and leaves those findings out; a time.end past it replays them on the last closes.
 */
function findingsAfterPricesNote(ran: BacktestResult): string | null {
  const { prices, findings } = ran.dataSpan;
  if (!(findings.last > prices.last)) return null;
  const span = `findings go on to ${day(findings.last)}, after the last price (${day(prices.last)})`;
  if (ran.scenario.time.endMs === undefined) return `${span}: the run ends at the last price and leaves them out. Add prices to replay them`;
  if (ran.config.endMs > prices.last) return `${span}: time.end ${day(ran.config.endMs)} replays them on the last closes, so their outcomes and fills read no price move`;
  return null;
}

/**
 * Returns a note per position held at the end in a symbol whose closes stopped before the run's
 * last price (a delisting, or prices that end early): bt knows no delisting, so the position is
 * marked at its last close to the end and could not be sold, and findings on the symbol after
 * that close were reconciled on it (no price move). The final equity counts it at that close.
 */
function stalePositionNotes(ran: BacktestResult): string[] {
  const equity = ran.metrics.final_equity;
  return ran.stalePositions.map((p) => {
    const value = p.qty * p.close;
    const share = equity !== 0 ? `, ${formatPercent(value / equity)} of the final equity` : '';
    return `${p.symbol}'s prices end on ${day(p.lastCloseMs)}, before the run's last price (${day(ran.equity.tsMs[ran.equity.tsMs.length - 1] as number)}), while ${Number(p.qty.toPrecision(6))} units are held: bt knows no delisting, so the position (${value.toFixed(0)}${share}) is marked at its last close (${Number(p.close.toPrecision(6))}) to the end, no fill could trade it, and any finding on ${p.symbol} after that day was reconciled on that close (no price move). Add its closes up to the end, or its exit price as a last close`;
  });
}

/**
 * Returns a note when the run replayed findings but reconciled none, else null: every outcome
 * falls after the run's end (a horizon longer than the run), so no agent was judged, weighted by
 * its record or decided on, and 'reconciliations 0' alone does not say why.
 */
function noOutcomeNote(ran: BacktestResult): string | null {
  const c = ran.counters;
  if (c.findings === 0 || c.reconciliations > 0) return null;
  const { startMs, endMs } = ran.config;
  return `no finding's outcome falls within the run (reconciliations 0): each finding's horizon (its own horizon_hours column where it has one, else reconcile.horizon_hours ${hoursOf(ran.config.defaultHorizonMs)} h) passes the run's end: a run of ${hoursOf(endMs - startMs)} h (${day(startMs)} .. ${day(endMs)}), so no agent's calls were judged. Lengthen the run (time.start, time.end) or shorten the horizons`;
}

/** The share of flat outcomes above which bt run says so: a quarter of the record judged on no price move. */
export const FLAT_OUTCOMES_NOTE_SHARE = 0.25;

/**
 * Returns a note when more than FLAT_OUTCOMES_NOTE_SHARE of the outcomes had a realized pnl of
 * exactly 0, else null. Such an outcome's close at its due time is its entry close: most often no
 * new close of the symbol came within the horizon (prices sparser than the calls: 120 h calls on
 * monthly closes). Reconciled as documented (the last close at or before the due time), they are
 * misses of -expected in every agent statistic, and the agents are judged on calls the prices
 * never priced.
 */
function flatOutcomesNote(ran: BacktestResult): string | null {
  const n = ran.counters.reconciliations;
  const flat = ran.flatOutcomes;
  if (n === 0 || flat <= FLAT_OUTCOMES_NOTE_SHARE * n) return null;
  return `${flat} of ${n} outcomes (${formatPercent(flat / n)}) had a realized pnl of exactly 0 bps: the close at their due time was their entry close, most often because no new close of the symbol came within the horizon (reconcile.horizon_hours ${hoursOf(ran.config.defaultHorizonMs)} h for findings without their own). The agents were judged on those as misses; give prices at least as dense as the horizon, or longer horizons`;
}

/**
 * Above this share of the findings a tick saw reconciled before the book could hold them, bt run
 * says so: then most calls the agents are judged on never reach the equity (README "fill lag").
 */
export const FILL_LAG_NOTE_SHARE = 0.5;

/**
 * Returns a note when most findings a tick saw were reconciled at or before their symbol's next
 * close after that tick (where a target set at the tick fills), else null: the agents'
 * statistics then see those calls' edge and the equity does not (the calls can all average
 * positive while the book loses). Says what to change; the share depends only on the data's times.
 */
export function fillLagNote(lag: FillLag): string | null {
  if (lag.live === 0 || !(lag.beforeFill / lag.live > FILL_LAG_NOTE_SHARE)) return null;
  const hours = (h: number): string => (Number.isNaN(h) ? 'n/a (no close after the tick)' : `${Number.isInteger(h) ? h : h.toFixed(2)} h`);
  return (
    `${formatPercent(lag.beforeFill / lag.live)} of the findings a tick saw (${lag.beforeFill} of ${lag.live}) were reconciled at or before their symbol's next close after that tick, where the tick's targets fill: ` +
    `the agents' statistics count these calls, the equity never held them (median horizon ${hours(lag.medianHorizonHours)}; median lag from tick to next close ${hours(lag.medianLagHours)}). ` +
    `Give calls a horizon of several bars (reconcile.horizon_hours, or the findings' horizon_hours), tick more often (clock.cadence: a tick nearer each finding fills at an earlier close), or bring denser prices`
  );
}

/**
 * Returns a note when the agents file enables no agent, else null: a disabled agent gets no
 * capital, so the run made no fill and its figures are those of cash. An agents file written
 * without an `enabled` column does this (seed 000's default is false), and a run of flat equity
 * said nothing of why.
 */
function noEnabledAgentNote(ran: BacktestResult): string | null {
  const file = ran.scenario.data.agents;
  if (file === undefined) return null;
  const agents = readAgentsArrow(file.abs);
  if (agents.length === 0 || agents.enabled.includes(1)) return null;
  return `no agent of ${relative(process.cwd(), file.abs) || file.rel} (data.agents) is enabled, and a disabled agent gets no capital: the book held cash throughout (fills ${ran.counters.fills}). Set enabled to true for the agents to fund, or leave data.agents out to fund every agent of the findings`;
}

/**
 * Returns a note when no agent is left in play at the end of the run (every one killed or
 * retired), else null: the book then held cash from the last decision on, and the headline
 * figures describe mostly cash. It happens with thresholds made for another horizon (the
 * seeds' 200 bps error line kills a desk of weekly calls within weeks), so it says where to look.
 */
function noAgentLeftNote(ran: BacktestResult): string | null {
  const file = ran.files['final_state.json'] ?? '{}'; // written as text (write-run-outputs.ts)
  const final = JSON.parse(typeof file === 'string' ? file : new TextDecoder().decode(file)) as { agent_status?: Record<string, string> };
  const statuses = Object.values(final.agent_status ?? {});
  if (statuses.length === 0 || statuses.some((s) => s === 'active' || s === 'promoted')) return null;
  const count = (s: string): number => statuses.filter((x) => x === s).length;
  const ts = ran.tables.kills.getChild('ts')?.toArray() as ArrayLike<number | bigint> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < (ts?.length ?? 0); i++) last = Math.max(last, Number(ts?.[i]));
  const when = Number.isFinite(last) ? `, the last on ${day(last)}` : '';
  return `no agent is left in play at the end (${count('killed')} killed, ${count('retired')} retired${when}): the book held cash from then on. kills.arrow gives each reason; the thresholds are kill.* and reconcile.error_abs_bps (scenarios/README.md), which the seeds set for 24 h calls`;
}


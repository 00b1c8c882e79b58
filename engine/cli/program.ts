/**
 * The `bt` command tree: every command, argument and option with its help text. A command's
 * implementation (engine/cli/<command>.ts) is imported only when that command runs, so
 * `bt run` does not load the sweep, report, import or parity code, and `bt --help` loads none.
 * Keep the imports here light: constants for help texts and types only.
 */
import { Command, Option } from 'commander';
import { TIME_FORMATS } from '../../datasets/import/parse-time.js';
import { IMPORT_KINDS } from '../../datasets/import/import-kinds.js';
import { RANKABLE_METRICS } from '../report/compare/rankable-metrics.js';
import { helpExamplesText } from './help-examples.js';
import type { CliDeps } from './main.js';
import type { RunFlags } from './run.js';
import type { GateFlags } from './finish-sweep.js';
import type { SweepFlags } from './sweep.js';
import type { MergeFlags } from './merge.js';
import type { ReportFlags } from './report.js';
import type { LpFlags } from './report-lp.js';
import type { CompareFlags } from './compare.js';
import type { GovernanceFlags } from './governance.js';
import type { ParityOptions } from './parity.js';
import type { MetricsCliOptions } from './metrics.js';
import type { ImportFlags } from './data.js';
import type { GenerateFlags } from './data-generate.js';
import type { InitFlags } from './init.js';

function collect(value: string, prev: readonly string[] | undefined): string[] {
  return [...(prev ?? []), value];
}

/** Adds the gate options (--check, --check-on, --junit, --baseline, --tolerance, --json, --quiet) to a command. */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--check <gate>', "gate 'metric OP value' (OP: >= <= > < == !=; value a number, best or base +/- a number; metric also rank, psr, vs_best), repeatable; exit 1 when one fails", collect)
    .option('--check-on <target>', "apply gates to 'best' (default), 'all', 'base' (the base scenario's own settings), or a config id", 'best')
    .option('--junit <file>', 'write gate and baseline outcomes as JUnit XML (an existing file is replaced only if bt wrote it, or with --force)')
    .option('--baseline <file>', 'compare every metric with a committed results.csv')
    .option('--tolerance <x>', 'relative worsening allowed against --baseline (default 0.05)')
    .option('--json', 'print summary.json instead of the text summary')
    .option('--quiet', 'print nothing but failures');
}

function defineRun(program: Command, deps: CliDeps): void {
  program
    .command('run')
    .description('Replay a scenario: allocations, kills, equity curve and metrics under results/')
    .argument('<scenario>', 'scenario YAML file (see scenarios/README.md)')
    .option('--out <dir>', 'output folder (default: the scenario\'s output.dir, else results/<name>); an existing one is replaced only if bt wrote it')
    .option('--force', 'replace --out even when it is not a bt run folder, and --snapshot\'s file even when it is not a bt snapshot')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print nothing on success')
    .option('--csv', 'also write a CSV beside each Arrow table (events, targets, agent_weights, kills, equity) and benchmark.csv: ts as ISO 8601 UTC plus ts_ms, exact numbers')
    .option('--stop-after <date>', 'stop before the first event after this date/time (UTC) and write --snapshot')
    .option('--snapshot <file>', 'with --stop-after: where to write the kernel snapshot')
    .option('--resume <file>', 'continue from a snapshot of this scenario: results equal the unbroken run')
    .option('--no-report', 'skip the Vega-Lite report (report/index.html)')
    .option('--every-tick', 'evaluate every stage at every tick (the reference path: same outputs, slower)')
    .option('--governance', 'also write governance/ (the live system\'s pull-request files, with history/ and decisions.csv) and notifications.jsonl')
    .addHelpText('after', helpExamplesText('run'))
    .action(async (scenarioPath: string, flags: RunFlags) => (await import('./run.js')).runCommand(scenarioPath, flags, deps));
}

function defineReplay(program: Command): void {
  program
    .command('replay')
    .description("Rebuild a run's final state from its event log and check it against final_state.json")
    .argument('<dir>', 'a results folder written by bt run (reads manifest.json, events.arrow and final_state.json, each of the last two checked against its sha256 in the manifest; writes nothing)')
    .addHelpText('after', helpExamplesText('replay'))
    .action(async (dir: string) => (await import('./replay.js')).replayCommand(dir));
}

function defineSweep(program: Command, deps: CliDeps): void {
  const sweep = program
    .command('sweep')
    .description('Run a parameter sweep on worker threads: results.arrow/csv, curves.arrow, summary.json (docs/sweeps.md)')
    .argument('<sweep>', 'sweep YAML file (base scenario + parameter space)')
    .option('--workers <n>', 'worker threads (default: available cores)')
    .option('--out <dir>', 'output folder (default results/sweeps/<name>); an existing one is reused only if bt wrote it')
    .option('--force', 'replace --out even when it is not a bt sweep folder')
    .option('--resume', 'continue the journal in --out, skipping finished configurations')
    .option('--shard <i/n>', 'run shard i of n (configurations sorted by id, every n-th)')
    .option('--no-report', 'skip the Vega-Lite sweep report (report/index.html)')
    .option('--fail-fast', 'stop at the first configuration that fails (default: record it in results.csv, go on, exit 1 at the end)')
    .addOption(new Option('--no-share-stages', 'run every configuration in full (the reference path of staged sweeps)').hideHelp());
  addGateOptions(sweep).addHelpText('after', helpExamplesText('sweep')).action(async (sweepPath: string, flags: SweepFlags) => (await import('./sweep.js')).sweepCommand(sweepPath, flags, deps));
}

function defineMerge(program: Command): void {
  const merge = program
    .command('merge')
    .description('Combine the folders of sweep shards (--shard i/n) into the table an unsharded sweep writes')
    .argument('<dirs...>', 'shard output folders (each with journal.jsonl)')
    .requiredOption('--out <dir>', 'output folder of the merged sweep (required); an existing one is replaced only if bt wrote it')
    .option('--force', 'replace --out even when it is not a bt sweep folder')
    .option('--no-report', 'skip the Vega-Lite sweep report (report/index.html)');
  addGateOptions(merge).addHelpText('after', helpExamplesText('merge')).action(async (dirs: string[], flags: MergeFlags & GateFlags) => (await import('./merge.js')).mergeCommand(dirs, flags));
}

function defineReport(program: Command): void {
  const report = program
    .command('report')
    // `bt report lp ... --quiet` is lp's --quiet: without positional options report took it, and lp printed its summary
    .enablePositionalOptions()
    .description('Rebuild the Vega-Lite report (index.html, .vl.json, .svg) of a run folder or a sweep folder')
    .argument('<dir>', 'a folder written by bt run, bt sweep or bt merge')
    .option('--x <param>', 'sweep heatmap x parameter (dotted path; default: the one with the most values)')
    .option('--y <param>', 'sweep heatmap y parameter')
    .option('--quiet', 'print nothing on success')
    .addHelpText('after', helpExamplesText('report'))
    .action(async (dir: string, flags: ReportFlags) => (await import('./report.js')).reportCommand(dir, flags));
  report
    .command('lp')
    .description('LP reports of a run: lp_weekly_YYYY-Www.pdf and .html (by default the last ISO week the run covers completely) and lp_daily_YYYY-MM-DD.md')
    .argument('<run_dir>', 'a folder written by bt run')
    .requiredOption('--out <dir>', 'where to write the reports (required); an existing folder is replaced only if bt wrote it')
    .option('--week <YYYY-Www>', 'the ISO week to report (default: the last week the run covers completely, Monday 00:00 to Sunday 24:00 UTC; if none, its last partial week, with a note)')
    .option('--all', 'every ISO week of the run')
    .option('--format <list>', 'formats to write: pdf, html, md (comma-separated)', 'pdf,html,md')
    .option('--force', 'replace --out even when it is not a bt LP report folder')
    .option('--quiet', 'print nothing on success')
    .addHelpText('after', helpExamplesText('report lp'))
    .action(async (runDir: string, flags: LpFlags) => (await import('./report-lp.js')).reportLpCommand(runDir, flags));
}

function defineCompare(program: Command): void {
  program
    .command('compare')
    .description('Compare runs (run folders) or allocator variants of one scenario: metrics side by side, bootstrap CI of the Sharpe difference')
    .argument('<inputs...>', 'two or more run folders, or one scenario YAML with --variant/--all-variants')
    .option('--variant <name>', 'allocator variant to run (repeat; the first is the reference)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--all-variants', "every registered variant (the scenario's own first)")
    .option('--rank-by <metric>', `metric to rank by (${Object.keys(RANKABLE_METRICS).join(', ')})`, 'sharpe')
    .option('--seed <n>', 'bootstrap seed', '42')
    .option('--resamples <n>', 'bootstrap resamples', '2000')
    .option('--block <n>', 'mean block length in periods (default round(n^(1/3)))')
    .option('--level <x>', 'confidence level of the interval', '0.95')
    .option('--json', 'print the comparison as JSON')
    .option('--out <dir>', 'write the compare report (index.html, compare.json, and a .vl.json and .svg per chart: compare-equity, compare-underwater, compare-monthly-returns, compare-yearly-returns); a new, empty or earlier compare report folder, replaced whole; default: print only')
    .addHelpText('after', helpExamplesText('compare'))
    .action(async (inputs: string[], flags: CompareFlags) => (await import('./compare.js')).compareCommand(inputs, flags));
}

function defineGovernance(program: Command): void {
  program
    .command('governance')
    .description('What the live system would have changed and sent: the pull request files (agents/manifest.yaml, allocation/weights.json, meta_supervisor/kill_list.yaml, runtime/*.json, portfolio_targets.json, PR.md) and the run folder\'s notifications.jsonl')
    .argument('<run_dir>', 'a folder written by bt run')
    .requiredOption('--out <dir>', 'where to write the files, laid out as in the live repository (required); an existing folder is replaced only if bt wrote it')
    .option('--at <time>', 'the state at this date/time (UTC) instead of the end of the run')
    .option('--history', 'also one change set per decision time under history/ and decisions.csv')
    .option('--kill-list <file>', "the kill list the run used (default: the path in run_info.json, else the manifest's path from ./scenarios or .; checked against the run's sha256)")
    .option('--force', 'replace --out even when it is not a bt governance folder')
    .option('--quiet', 'print nothing on success')
    .addHelpText('after', helpExamplesText('governance'))
    .action(async (runDir: string, flags: GovernanceFlags) => (await import('./governance.js')).governanceCommand(runDir, flags));
}

function defineParity(program: Command): void {
  program
    .command('parity')
    .description('Run seed-mode functions on recorded cases and write one result per case (how-to and rule: docs/parity.md; example cases: test/fixtures/parity/)')
    .requiredOption('--in <file>', 'cases, one JSON object {"id","fn","args",...} a line (required)')
    .requiredOption('--out <file>', 'results, one JSON line per case in input order (required; written atomically); an existing file is replaced only if it is a parity results file bt wrote')
    .option('--fn <name>', 'run only the cases of this function')
    .option('--check', 'compare with each case\'s "expected" (1e-9 relative), print "N/M cases match", exit 1 on a mismatch')
    .addHelpText('after', helpExamplesText('parity'))
    .action(async (opts: ParityOptions) => (await import('./parity.js')).parityCommand(opts));
}

function defineMetrics(program: Command): void {
  program
    .command('metrics')
    .description('Performance metrics per column of a CSV/Arrow file (date column + simple returns); conventions in docs/metrics.md')
    .argument('<file>', 'CSV or Arrow IPC file: first column dates, then one column per series (empty field / null = missing); or long, date + symbol + one value column (bt prices files), one series per symbol')
    .option('--prices', "columns hold prices: returns are P_t / P_(t-1) - 1, the first row dropped (a run's equity.arrow: its equity column)")
    .option('--periods-per-year <n>', 'periods per year (252 daily, 12 monthly, 8760 hourly); inferred from the dates when omitted')
    .option('--columns <names>', 'comma-separated columns to use (default: all)')
    .option('--risk-free <rate>', 'risk-free return per period for Sharpe', '0')
    .option('--mar <rate>', 'minimum acceptable return per period for Sortino', '0')
    .option('--level <p>', 'VaR/CVaR confidence level in (0.5, 1)', '0.95')
    .option('--tail <convention>', 'VaR/CVaR convention: pa (PerformanceAnalytics, strict tail, NA for a gain) or empyrical', 'pa')
    .option('--drawdown-sign <sign>', 'sign of max_drawdown: positive (PerformanceAnalytics) or negative (empyrical)', 'positive')
    .option('--benchmark <column>', 'a column of the same file (returns, or prices with --prices) to measure every column against: beta, alpha, tracking error, information ratio, capture, correlation')
    .option('--json', 'print JSON: {"periods_per_year", "columns": {<column>: {metrics..., "monthly_returns", "yearly_returns", "drawdowns", "notes"}}}')
    .addHelpText('after', helpExamplesText('metrics'))
    .action(async (file: string, o: MetricsCliOptions) => (await import('./metrics.js')).metricsCommand(file, o));
}

function defineData(program: Command): void {
  const data = program.command('data').description('Import, inspect and generate datasets (Arrow IPC files)');
  data
    .command('import')
    .description(`Import CSV / JSON / JSONL / Arrow (or the live system's files) into an Arrow file`)
    .argument('<kind>', `${IMPORT_KINDS.join(' | ')}`)
    .argument('<input>', 'input file (.csv, .jsonl, .ndjson, .json, .arrow; killlist: .yaml)')
    .option('--out <file>', 'output file (required; written to a temp file, then renamed); an existing one is replaced only if it is an Arrow file bt wrote')
    .option('--force', 'replace --out even when it is not an Arrow file bt wrote (a kill list copy always needs it)')
    .option('--map <col=field>', 'read input column COL as FIELD (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tz <zone>', 'zone of naive times: UTC, +hh:mm or an IANA name', 'UTC')
    .option('--time-format <fmt>', `${TIME_FORMATS.join(' | ')}`, 'iso')
    .option('--format <fmt>', 'csv | jsonl | json | arrow (default: from the file extension)')
    .option('--sort', 'sort rows into the kind\'s order (prices: ts, symbol; findings: ts, agent, symbol, ... as a run requires; reconciled: ts, ties keep input order)')
    .option('--max-memory-rows <n>', 'rows sorted in memory before spilling sorted runs to disk', '5000000')
    .option('--wide', 'prices: a date column plus one close column per symbol')
    .option('--symbol <name>', 'prices: symbol of every row when the input has no symbol column')
    .option('--allow-empty', 'write the file even when the input holds no rows (a header only); warns on stderr')
    .addHelpText('after', helpExamplesText('data import'))
    .action(async (kind: string, input: string, flags: ImportFlags) => (await import('./data.js')).dataImportCommand(kind, input, flags));
  data
    .command('inspect')
    .description('Summarize an Arrow file: schema, rows, time range, distinct agents/symbols, nulls, order, duplicates')
    .argument('<file>', 'Arrow IPC file written by bt')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', helpExamplesText('data inspect'))
    .action(async (file: string, flags: { json?: boolean }) => (await import('./data.js')).dataInspectCommand(file, flags));
  registerDataGenerate(data);
}

/** Registers `bt data generate` under `data`: a seeded synthetic universe (or agents over given prices) into a folder. */
export function registerDataGenerate(data: Command): void {
  data
    .command('generate')
    .description('Generate a seeded synthetic universe: prices, agents, findings, kill list, ground truth')
    .option('--seed <n>', 'random seed (integer >= 0, required); same seed and options give identical bytes')
    .option('--out <dir>', 'output folder (required; built in a temp folder, then renamed): prices.arrow, findings.arrow, agents.arrow, kill_list.yaml, universe.json')
    .option('--force', 'replace --out even when it is not a bt universe folder')
    .option('--agents <n>', 'number of agents (>= 6, one per strategy class)', '12')
    .option('--symbols <n>', 'number of simulated symbols', '20')
    .option('--start <date>', 'first bar, YYYY-MM-DD (UTC)', '2022-01-01')
    .option('--end <date>', 'last day, YYYY-MM-DD (UTC, inclusive)', '2023-12-31')
    .option('--freq <f>', 'bar spacing: 15m, 1h, 4h, 1d, 1w, ...', '1h')
    .option('--findings-per-agent-per-bar <x>', 'mean findings per agent per bar', '0.5')
    .option('--horizon-hours <h>', 'finding horizon, hours', '24')
    .option('--high-skill-ic <ic>', 'information coefficient of the high-skill agent', '0.25')
    .option('--break-fraction <f>', 'when the decaying class loses its edge, as a fraction of the sample', '0.5')
    .option('--prices <file>', 'use these prices (Arrow) instead of simulating them')
    .addHelpText('after', helpExamplesText('data generate'))
    .action(async (flags: GenerateFlags) => (await import('./data-generate.js')).dataGenerateCommand(flags));
}

function defineInit(program: Command): void {
  program
    .command('init')
    .description('Write a starter scenario.yaml and sweep.yaml for your own findings and prices files, every field commented')
    .argument('<dir>', 'folder to write (absent, empty, or one bt init wrote)')
    .option('--findings <file>', 'findings Arrow file (required; bt data import findings ...)')
    .option('--prices <file>', 'prices Arrow file (required; bt data import prices ...)')
    .option('--agents <file>', 'agents Arrow file (optional)')
    .option('--force', 'replace DIR even when bt did not write it')
    .addHelpText('after', helpExamplesText('init'))
    .action(async (dir: string, flags: InitFlags) => (await import('./init.js')).initCommand(dir, flags));
}

/** Builds the `bt` command tree (commands in help order). */
export function buildProgram(deps: CliDeps): Command {
  const program = new Command();
  program
    .name('bt')
    .description('Deterministic, event-sourced backtesting of multi-agent capital allocation')
    .version('0.1.0')
    // Options belong to the command they follow: `bt report lp ... --quiet` is lp's, not report's (report.enablePositionalOptions)
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError();
  defineRun(program, deps);
  defineReplay(program);
  defineSweep(program, deps);
  defineMerge(program);
  defineReport(program);
  defineCompare(program);
  defineGovernance(program);
  defineParity(program);
  defineMetrics(program);
  defineData(program);
  defineInit(program);
  return program;
}

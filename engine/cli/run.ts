import { relative } from 'node:path';
import type { Command } from 'commander';
import { readScenarioFile } from '../scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { loadRunData } from '../io/load-run-data.js';
import { runConfigFromScenario } from '../run/config-from-scenario.js';
import { runBacktest } from '../run/run.js';
import { runMetrics } from '../run/run-metrics.js';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { buildManifest, runInfo } from '../io/manifest.js';
import { stableStringify } from '../core/stable-json.js';
import { isoFromMs } from '../core/time.js';
import { BtInputError } from '../core/errors.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { ParamObject } from '../scenario/param-spec.js';
import type { CliDeps } from './main.js';

interface RunFlags {
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly csv?: boolean;
}

function fmtPct(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`;
}

function fmtNum(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

/** Registers `bt run SCENARIO` and `bt replay DIR`. */
export function registerRun(program: Command, deps: CliDeps): void {
  program
    .command('run')
    .description('Replay a scenario: allocations, kills, equity curve and metrics under results/')
    .argument('<scenario>', 'scenario YAML file (see scenarios/README.md)')
    .option('--out <dir>', 'output folder (overrides output.dir)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print nothing on success')
    .option('--csv', 'also write targets.csv and equity.csv (for external checks)')
    .action(async (scenarioPath: string, flags: RunFlags) => {
      const wallStart = deps.wallClockMs();
      const scenario = readScenarioFile(scenarioPath, { allocators: allocatorParamSpecs() });
      const plugin = ALLOCATORS[scenario.allocator.variant] as AllocatorPlugin;
      const d = scenario.data;
      if (d.reconciled !== undefined) {
        throw new BtInputError({ file: scenarioPath, field: 'data.reconciled', expected: 'no recorded outcomes (this version reconciles in the engine)', found: d.reconciled.rel });
      }
      if (scenario.targets.allowShort) {
        throw new BtInputError({ file: scenarioPath, field: 'targets.allow_short', expected: 'false (the book is long-only in this version)', found: 'true' });
      }
      const data = loadRunData({
        findings: d.findings.abs,
        prices: d.prices.abs,
        ...(d.agents !== undefined ? { agents: d.agents.abs } : {}),
        ...(d.killList !== undefined ? { killList: d.killList.abs } : {}),
        ...(d.regime !== undefined ? { regime: d.regime.abs } : {}),
        display: {
          findings: d.findings.rel,
          prices: d.prices.rel,
          ...(d.agents !== undefined ? { agents: d.agents.rel } : {}),
          ...(d.killList !== undefined ? { killList: d.killList.rel } : {}),
          ...(d.regime !== undefined ? { regime: d.regime.rel } : {}),
        },
      });
      const cfg = runConfigFromScenario(scenario, data);
      if (!(cfg.startMs < cfg.endMs)) {
        throw new BtInputError({ file: scenarioPath, field: 'time', expected: 'a start before the end', found: `${isoFromMs(cfg.startMs)} .. ${isoFromMs(cfg.endMs)}` });
      }
      const settings = scenario.settings as Readonly<Record<string, ParamObject>>;
      const allocatorParams = (settings['allocator'] as ParamObject)['params'] as ParamObject;
      const t0 = deps.wallClockMs();
      const result = runBacktest(data, cfg, plugin, allocatorParams);
      const replaySeconds = (deps.wallClockMs() - t0) / 1000;
      const metrics = runMetrics(result.state, cfg.initialCapital, null);
      const outDir = flags.out ?? scenario.output.dir.abs;
      let manifestText = '';
      await writeDirAtomic(outDir, (tmp) => {
        const outputs = writeRunOutputs(tmp, data, result.state, metrics, flags.csv === true);
        const manifest = buildManifest(scenario, outputs);
        manifestText = `${stableStringify(manifest, 2)}\n`;
        writeFileAtomic(`${tmp}/manifest.json`, manifestText);
        writeFileAtomic(`${tmp}/run_info.json`, `${stableStringify(runInfo(wallStart, replaySeconds, result.counters), 2)}\n`);
      });
      const c = result.counters;
      const summary = {
        scenario: scenario.name,
        out: relative(process.cwd(), outDir) || '.',
        variant: `${plugin.name} (${cfg.mode})`,
        period: `${isoFromMs(cfg.startMs).slice(0, 10)} .. ${isoFromMs(cfg.endMs).slice(0, 10)}`,
        events: c.prices + c.findings + c.reconciliations + c.ticks,
        fills: c.fills,
        kills: metrics.n_kills,
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
          `  events ${summary.events} (prices ${c.prices}, findings ${c.findings}, reconciliations ${c.reconciliations}, ticks ${c.ticks}), fills ${c.fills}, kills ${summary.kills}`,
          `  equity ${cfg.initialCapital.toFixed(0)} -> ${metrics.final_equity.toFixed(0)}: total ${fmtPct(metrics.total_return)}, annualized ${fmtPct(metrics.annualized_return)}, Sharpe ${fmtNum(metrics.sharpe)}, max drawdown ${fmtPct(metrics.max_drawdown)}`,
          `  results in ${summary.out}/ (manifest.json, events.arrow, targets.arrow, kills.arrow, equity.arrow, metrics.json)`,
          '',
        ].join('\n'),
      );
    });
}

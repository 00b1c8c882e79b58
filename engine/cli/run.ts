import { relative } from 'node:path';
import type { Command } from 'commander';
import { readScenarioFile } from '../scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { loadRunData } from '../io/load-run-data.js';
import { runScenario } from '../run/run-scenario.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { buildManifest, runInfo } from '../io/manifest.js';
import { stableStringify } from '../core/stable-json.js';
import { isoFromMs } from '../core/time.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
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
      const data = loadRunData(runDataPaths(scenario));
      const t0 = deps.wallClockMs();
      const { cfg, outcome: result, metrics } = runScenario(scenario, data, ALLOCATORS);
      const replaySeconds = (deps.wallClockMs() - t0) / 1000;
      const plugin = ALLOCATORS[scenario.allocator.variant] as AllocatorPlugin;
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

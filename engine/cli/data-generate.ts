import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { sha256Hex } from '../core/hash.js';
import { generateUniverse } from '../../datasets/generate/generate-universe.js';
import { missingOutError, parseGenerateOptions, type RawGenerateFlags } from '../../datasets/generate/parse-generate-options.js';
import { writeUniverse } from '../../datasets/generate/write-universe.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';

interface GenerateFlags extends RawGenerateFlags {
  readonly out?: string;
  readonly prices?: string;
  readonly force?: boolean;
}

/** Registers `bt data generate`: a seeded synthetic universe (or agents over given prices) into a folder. */
export function registerDataGenerate(data: Command): void {
  data
    .command('generate')
    .description('Generate a seeded synthetic universe: prices, agents, findings, kill list, ground truth')
    .option('--seed <n>', 'random seed (integer >= 0); same seed and options give identical bytes')
    .option('--out <dir>', 'output folder (built in a temp folder, then renamed)')
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
    .action(async (flags: GenerateFlags) => {
      const options = parseGenerateOptions(flags, flags.prices !== undefined);
      if (flags.out === undefined) throw missingOutError();
      const given = flags.prices !== undefined ? readPricesArrow(flags.prices) : undefined;
      const source = flags.prices !== undefined
        ? { file: basename(flags.prices), sha256: sha256Hex(readFileSync(flags.prices)) }
        : null;
      const universe = generateUniverse(options, given);
      await writeUniverse(flags.out, universe, source, flags.force === true);
      process.stdout.write(
        `bt data generate: ${universe.findings.length} findings, ${universe.roster.length} agents, ` +
          `${universe.grid.symbols.length} symbols, ${universe.grid.tsMs.length} bars -> ${flags.out}\n`,
      );
    });
}

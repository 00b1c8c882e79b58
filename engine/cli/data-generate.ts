import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256Hex } from '../core/hash.js';
import { generateUniverse } from '../../datasets/generate/generate-universe.js';
import { missingOutError, parseGenerateOptions, type RawGenerateFlags } from '../../datasets/generate/parse-generate-options.js';
import { writeUniverse } from '../../datasets/generate/write-universe.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';

/** Options of `bt data generate`. */
export interface GenerateFlags extends RawGenerateFlags {
  readonly out?: string;
  readonly prices?: string;
  readonly force?: boolean;
}

/** `bt data generate`: a seeded synthetic universe (or agents over given prices) into a folder. */
export async function dataGenerateCommand(flags: GenerateFlags): Promise<void> {
  const options = parseGenerateOptions(flags, flags.prices !== undefined);
  if (flags.out === undefined) throw missingOutError();
  const given = flags.prices !== undefined ? readPricesArrow(flags.prices) : undefined;
  const source = flags.prices !== undefined
    ? { file: basename(flags.prices), sha256: sha256Hex(readFileSync(flags.prices)) }
    : null;
  const universe = generateUniverse(options, given);
  await writeUniverse(flags.out, universe, source, flags.force === true, flags.prices !== undefined ? [flags.prices] : []);
  process.stdout.write(
    `bt data generate: ${universe.findings.length} findings, ${universe.roster.length} agents, ` +
      `${universe.grid.symbols.length} symbols, ${universe.grid.tsMs.length} bars -> ${flags.out}\n`,
  );
}

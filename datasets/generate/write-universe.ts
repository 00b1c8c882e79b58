import { join } from 'node:path';
import { writeDirAtomic, writeFileAtomic } from '../../engine/io/atomic-write.js';
import { stableStringify } from '../../engine/core/stable-json.js';
import { writeFindingsArrow } from '../write/write-findings.js';
import { writePricesArrow } from '../write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../write/write-agents.js';
import type { Universe } from './generate-universe.js';
import { summarizeUniverse, type JsonValue } from './universe-summary.js';

/** File names of a generated universe folder. */
export const UNIVERSE_FILES = {
  prices: 'prices.arrow',
  findings: 'findings.arrow',
  agents: 'agents.arrow',
  killList: 'kill_list.yaml',
  summary: 'universe.json',
} as const;

/**
 * Writes a universe folder atomically (built in a temp folder, then renamed): prices.arrow
 * (only when simulated), findings.arrow, agents.arrow, kill_list.yaml, universe.json.
 * `pricesSource` (e.g. the given prices file's name and hash) is recorded in universe.json.
 */
export async function writeUniverse(outDir: string, u: Universe, pricesSource: JsonValue = null, force = false, inputs: readonly string[] = []): Promise<void> {
  await writeDirAtomic(outDir, { kind: 'universe', force, inputs }, (tmp) => writeUniverseFiles(tmp, u, pricesSource));
}

/** Writes the universe's files into an existing folder (the non-atomic part of writeUniverse). */
export function writeUniverseFiles(dir: string, u: Universe, pricesSource: JsonValue = null): void {
  const summary = summarizeUniverse(u);
  const json = typeof summary === 'object' && summary !== null && !Array.isArray(summary)
    ? { ...summary, prices_source: pricesSource }
    : summary;
  if (u.prices !== null) writePricesArrow(join(dir, UNIVERSE_FILES.prices), u.prices);
  writeFindingsArrow(join(dir, UNIVERSE_FILES.findings), u.findings);
  writeAgentsArrow(join(dir, UNIVERSE_FILES.agents), u.agents);
  writeKillListYaml(join(dir, UNIVERSE_FILES.killList), u.killList);
  writeFileAtomic(join(dir, UNIVERSE_FILES.summary), `${stableStringify(json, 2)}\n`);
}

import type { JournalResult } from './journal.js';
import { noiseVsBest, type NoiseReport, type NoiseVerdict } from './noise-vs-best.js';
import { rankConfigs } from './rank-configs.js';

/** A sweep's ranking: each configuration's rank and its standing against the best, by config id, and the noise summary. */
export interface SweepRanking {
  readonly ranks: ReadonlyMap<string, number>;
  readonly verdicts: ReadonlyMap<string, NoiseVerdict>;
  readonly noise: NoiseReport | null;
}

/** Returns the ranking of the finished configurations `rows` (sorted by id) by `objective` in `direction`, computed once for the tables and the summary. */
export function rankSweep(rows: readonly JournalResult[], objective: string, direction: 'maximize' | 'minimize'): SweepRanking {
  const ranks = rankConfigs(rows, objective, direction);
  const { verdicts, report } = noiseVsBest(rows, ranks, objective);
  return { ranks, verdicts, noise: report };
}

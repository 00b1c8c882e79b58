import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../../engine/core/hash.js';
import { writeDirAtomic } from '../../engine/io/atomic-write.js';
import { writePricesArrow } from '../write/write-prices.js';
import { DEFAULT_GENERATE_OPTIONS, generateUniverse, type GenerateOptions } from './generate-universe.js';
import { pricesFromGrid } from './price-grid.js';
import { monthEndCloses, gridFromRows, parseSp500Csv, parseStocksCsv } from './vega-price-csv.js';
import { UNIVERSE_FILES, writeUniverseFiles } from './write-universe.js';

/**
 * Generator options of the committed real-stocks universe: monthly findings with a horizon
 * of 2232 h = 93 days, so the close at or before t + horizon is the bar three months on.
 * Three months, not one: the engine fills targets at the NEXT bar, so a one-month call made
 * at a monthly bar could never be traded before it resolves; with three, two of its months
 * are tradable.
 */
export const REAL_STOCKS_OPTIONS: GenerateOptions = {
  ...DEFAULT_GENERATE_OPTIONS,
  seed: 2000,
  agents: 12,
  startMs: Number.NaN,
  endMs: Number.NaN,
  freqMs: Number.NaN,
  findingsPerAgentPerBar: 3,
  horizonHours: 2232,
  classes: ['arb', 'funding', 'macro', 'momentum', 'sentiment'],
  decayingClass: 'sentiment',
  breakFraction: 0.5,
  highSkillIc: 0.3,
  // a short monthly sample needs a strong edge and a clear loss for the break to show
  decayingClassIc: 0.3,
  icAfterBreak: -0.2,
};

/** The monthly real-stocks span: 2000-01-01 through 2010-03-01 (the stocks.csv months). */
const LAST_MONTH_MS = Date.UTC(2010, 2, 1);

/** Returns the folder holding vega-datasets' CSVs. */
export function vegaDataDir(): string {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return join(dirname(entry), '..', 'data');
}

/**
 * Rebuilds datasets/data/ into `outDir`: real-stocks/ (5 stocks + SPX monthly, with generated
 * agents over them) and sp500-daily/ (SPX daily closes). Same inputs give the same bytes.
 */
export async function buildRealDataset(outDir: string, dataDir: string = vegaDataDir()): Promise<void> {
  const stocksText = readFileSync(join(dataDir, 'stocks.csv'), 'utf8');
  const spText = readFileSync(join(dataDir, 'sp500-2000.csv'), 'utf8');
  const daily = parseSp500Csv(spText);
  const monthlySpx = monthEndCloses(daily).filter((r) => r.tsMs <= LAST_MONTH_MS);
  const grid = gridFromRows([...parseStocksCsv(stocksText), ...monthlySpx]);
  const prices = pricesFromGrid(grid);
  const universe = generateUniverse(REAL_STOCKS_OPTIONS, prices);
  const source = {
    file: 'vega-datasets data/stocks.csv + data/sp500-2000.csv (SPX: the close of each month\'s last trading day, stamped at the 1st as stocks.csv stamps its month-end closes)',
    sha256: { 'stocks.csv': sha256Hex(stocksText), 'sp500-2000.csv': sha256Hex(spText) },
  };
  await writeDirAtomic(join(outDir, 'real-stocks'), { kind: 'universe' }, (tmp) => {
    writePricesArrow(join(tmp, UNIVERSE_FILES.prices), prices);
    writeUniverseFiles(tmp, universe, source);
  });
  await writeDirAtomic(join(outDir, 'sp500-daily'), { kind: 'universe' }, (tmp) => {
    writePricesArrow(join(tmp, UNIVERSE_FILES.prices), pricesFromGrid(gridFromRows(daily)));
  });
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const outDir = process.argv[2] ?? join('datasets', 'data');
  await buildRealDataset(outDir);
  process.stdout.write(`build-real-dataset: wrote ${join(outDir, 'real-stocks')} and ${join(outDir, 'sp500-daily')}\n`);
}

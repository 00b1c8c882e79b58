/**
 * Full passes over a run's input files, every row decoded by the old decoders and checked (the
 * first batch with a violation throws its error): what a run learns before its replay when the
 * files' edges and keys cannot tell it, and what checks the rows a replay did not read.
 */
import { streamFindingsArrow } from '../../datasets/read/read-findings.js';
import { streamPricesArrow, type PricesOutline } from '../../datasets/read/read-prices.js';
import type { DictColumn } from '../../datasets/schemas/columns.js';

function usedNames(col: DictColumn, into: Set<string>): void {
  const used = new Uint8Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i] as number;
    if (c >= 0) used[c] = 1;
  }
  for (let k = 0; k < used.length; k++) if (used[k]) into.add(col.dictionary[k] as string);
}

/** What a pass over every findings row learns: the time range and, when asked, the agents and their strategies. */
export interface FindingsPass {
  readonly first: number;
  readonly last: number;
  readonly agentNames: Set<string>;
  readonly strategyOfAgent: Map<string, string>;
}

/** Reads every findings row, checking each (throws on the first batch with a violation); `names`: also collects agents and strategies. */
export function findingsPass(file: string, names: boolean): FindingsPass {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const agentNames = new Set<string>();
  const strategyOfAgent = new Map<string, string>();
  // without names, this pass only checks rows and reads the time range: strategy is not read
  for (const b of streamFindingsArrow(file, { strategy: names, scratch: true })) {
    if (b.length === 0) continue;
    first = Math.min(first, b.tsMs[0] as number);
    last = Math.max(last, b.tsMs[b.length - 1] as number);
    if (!names) continue;
    usedNames(b.agent, agentNames);
    addFirstStrategies(b.agent, b.strategy, b.length, strategyOfAgent);
  }
  return { first, last, agentNames, strategyOfAgent };
}

/**
 * Without an agents file an agent's class is the strategy of its first finding (row order, so
 * time order), the one it joins the roster with: '' when that finding has none. A label first
 * seen on a later finding is not taken back to the join: the class would come from the future
 * (the run's class CVaR, kill list and weights from the first day would depend on it). Records
 * each agent of rows [0, n) that `into` does not hold yet, so earlier batches win.
 */
export function addFirstStrategies(agent: DictColumn, strategy: DictColumn, n: number, into: Map<string, string>): void {
  const first = new Int32Array(agent.dictionary.length).fill(-2); // -2: no row yet; else the first row's strategy code (-1: none)
  for (let i = 0; i < n; i++) {
    const a = agent.codes[i] as number;
    if (a >= 0 && (first[a] as number) === -2) first[a] = strategy.codes[i] as number;
  }
  first.forEach((c, a) => {
    const name = agent.dictionary[a] as string;
    if (c !== -2 && !into.has(name)) into.set(name, c >= 0 ? (strategy.dictionary[c] as string) : '');
  });
}

/** Reads every prices row, checking each (throws on the first batch with a violation): the symbols with prices and the time range. */
export function pricesPass(file: string): PricesOutline {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const symbols = new Set<string>();
  // each batch is done with before the next is read: decoded columns reuse their buffers
  for (const b of streamPricesArrow(file, { scratch: true })) {
    if (b.length === 0) continue;
    first = Math.min(first, b.tsMs[0] as number);
    last = Math.max(last, b.tsMs[b.length - 1] as number);
    usedNames(b.symbol, symbols);
  }
  return { symbols, first, last };
}

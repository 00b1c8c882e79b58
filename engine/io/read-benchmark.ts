import { streamPricesArrow } from '../../datasets/read/read-prices.js';
import { BtInputError } from '../core/errors.js';
import { compareCodeUnits } from '../core/stable-json.js';
import type { RunBenchmark } from '../run/run-metrics.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Returns the closes of the scenario's benchmark symbol (from benchmark.prices, or data.prices
 * when absent), read batch by batch so only that symbol's rows are kept; null when the
 * scenario names no benchmark. Throws a BtInputError when the symbol has no prices there.
 */
export function readBenchmark(scenario: Scenario): RunBenchmark | null {
  const b = scenario.benchmark;
  if (b === undefined) return null;
  const file = b.prices ?? scenario.data.prices;
  const ts: number[] = [];
  const close: number[] = [];
  let symbols: readonly string[] = [];
  for (const batch of streamPricesArrow(file.abs)) {
    symbols = batch.symbol.dictionary;
    const code = symbols.indexOf(b.symbol);
    if (code < 0) continue;
    for (let i = 0; i < batch.length; i++) {
      if (batch.symbol.codes[i] !== code) continue;
      ts.push(batch.tsMs[i] as number);
      close.push(batch.close[i] as number);
    }
  }
  if (ts.length === 0) {
    const known = [...symbols].sort(compareCodeUnits);
    const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, … (${known.length} in all)` : known.join(', ');
    throw new BtInputError({ file: scenario.file, field: 'benchmark.symbol', expected: `a symbol of ${file.rel} (${list})`, found: `'${b.symbol}'` });
  }
  return { symbol: b.symbol, prices: file.rel, tsMs: Float64Array.from(ts), close: Float64Array.from(close) };
}

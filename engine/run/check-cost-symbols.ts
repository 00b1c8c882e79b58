import { BtInputError } from '../core/errors.js';
import { compareCodeUnits } from '../core/stable-json.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunData } from './run-data.js';

/** Throws when costs.symbols names a symbol the prices file does not have (a typo would silently cost nothing). */
export function checkCostSymbols(scenario: Scenario, data: RunData): void {
  const overrides = scenario.costs.symbols;
  if (overrides === undefined) return;
  for (const sym of Object.keys(overrides).sort(compareCodeUnits)) {
    if (data.symbols.includes(sym)) continue;
    const near = didYouMean(sym, data.symbols);
    const list = data.symbols.length > 12 ? `${data.symbols.slice(0, 12).join(', ')}, … (${data.symbols.length} in all)` : data.symbols.join(', ');
    throw new BtInputError({
      file: scenario.file,
      field: `costs.symbols.${sym}`,
      expected: `a symbol of ${scenario.data.prices.rel} (${list})`,
      found: `'${sym}'`,
      ...(near === undefined ? {} : { hint: `Did you mean '${near}'?` }),
    });
  }
}

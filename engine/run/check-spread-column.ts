import { BtInputError } from '../core/errors.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunData } from './run-data.js';

/**
 * Throws when costs.spread_column is true but the prices file has no spread_bps column: the run
 * would charge half_spread_bps on every bar, as if the key were absent, which is almost surely
 * not what the user meant (a column dropped on import, or the wrong prices file).
 */
export function checkSpreadColumn(scenario: Scenario, data: RunData): void {
  if (scenario.costs.spreadColumn !== true || data.prices.spreadBps !== undefined) return;
  const line = scenario.keyLines?.['costs.spread_column'];
  const prices = scenario.data.prices.rel;
  throw new BtInputError({
    file: scenario.file,
    ...(line !== undefined ? { line } : {}),
    field: 'costs.spread_column',
    expected: "a prices file with a spread_bps column to take each bar's half spread from",
    found: `true, and ${prices} has no spread_bps column`,
    hint: 'Drop costs.spread_column (half_spread_bps then applies to every bar), or add a spread_bps column to the prices file',
  });
}

import { BtInputError } from '../core/errors.js';
import { compareCodeUnits } from '../core/stable-json.js';
import { levenshtein } from '../scenario/did-you-mean.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunData } from './run-data.js';

/** The class `cls` is likely a misspelling of: one edit away (two from 6 letters on), none under 4 letters; prefixes do not count (a shared list's 'macro' is not the run's 'macro_v2'). */
function misspelt(cls: string, classes: readonly string[]): string | undefined {
  const most = cls.length >= 6 ? 2 : cls.length >= 4 ? 1 : 0;
  let best: { name: string; dist: number } | undefined;
  for (const name of [...classes].sort(compareCodeUnits)) {
    const dist = levenshtein(cls, name);
    if (dist <= most && (best === undefined || dist < best.dist)) best = { name, dist };
  }
  return best?.name;
}

/**
 * Throws when the kill list names a class that no agent of the run has but one it does have is
 * a near spelling of: `sentimnet: DISABLED` was ignored and the sentiment class kept trading. A
 * class far from every class of the run is left alone (a kill list shared across desks lists
 * classes a backtest may not have).
 */
export function checkKillListClasses(scenario: Scenario, data: RunData): void {
  const list = data.killList;
  if (list === null) return;
  for (const cls of Object.keys(list).sort(compareCodeUnits)) {
    if (data.strategies.includes(cls)) continue;
    const near = misspelt(cls, data.strategies);
    if (near === undefined) continue;
    throw new BtInputError({
      file: scenario.data.killList?.rel ?? scenario.file,
      field: cls,
      expected: `a strategy class of the run's agents (${[...data.strategies].sort(compareCodeUnits).join(', ')})`,
      found: `'${cls}', which no agent has`,
      hint: `Did you mean '${near}'?`,
    });
  }
}

import { configId } from '../core/hash.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Returns a configuration's id: 12 hex of sha256 of the stable JSON of its resolved settings
 * (defaults filled, durations in ms), so two spellings of one configuration share an id.
 */
export function sweepConfigId(scenario: Scenario): string {
  return configId(scenario.settings);
}


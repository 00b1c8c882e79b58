import type { Scenario } from './scenario.js';

/**
 * Marks a Scenario that parseScenario validated. Not enumerable: an object spread (`{ ...sc,
 * targets: ... }`) leaves it behind, so a copy changed by hand is not taken for a validated one.
 */
const VALIDATED: unique symbol = Symbol('bt.validatedScenario');

/** Returns `sc` marked as validated as a whole (call before freezing it). */
export function markValidated(sc: Scenario): Scenario {
  Object.defineProperty(sc, VALIDATED, { value: true, enumerable: false });
  return sc;
}

/**
 * Returns true when `value` is a Scenario parseScenario returned. A Scenario holds each setting
 * twice (the camelCase tree the engine reads, the snake_case `settings` the manifest and config
 * id record), so a copy with one tree changed would run one scenario and record another.
 */
export function isValidatedScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, VALIDATED);
}

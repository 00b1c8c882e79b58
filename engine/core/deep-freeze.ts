/**
 * Freezes `value` and every object and array reachable from it, and returns it. For parsed
 * configuration that caches are keyed on by identity (a sweep's stage keys,
 * engine/sweep/stage-key.ts): a frozen tree cannot change under its cached keys; a write throws
 * (ES modules are strict).
 * Typed arrays are left as they are: their elements cannot be frozen.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  return Object.freeze(value);
}

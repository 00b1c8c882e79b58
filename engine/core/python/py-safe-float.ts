/**
 * Seed 001's `_safe()` on top of Python `float()` (core/python/py-builtins.ts). JS
 * `Number('')` is 0; Python's `float('')` raises, so `_safe('')` is the default (Q001-5).
 */
import { SeedRaise } from '../errors.js';
import { pyFloat } from './py-builtins.js';

/** Returns seed 001 `_safe(x, d)`: `float(x)`, or `d` when Python's float() raises. */
export function pySafeFloat(v: unknown, d = 0): number {
  try {
    return pyFloat(v);
  } catch (e) {
    if (e instanceof SeedRaise) return d;
    throw e;
  }
}

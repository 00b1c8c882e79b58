import { expect } from 'vitest';
import { BtInputError } from '../../engine/core/errors.js';

/** The message of the BtInputError `fn` throws (fails the test when it throws nothing or another error). */
export function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BtInputError);
    return (err as Error).message;
  }
  throw new Error('expected a BtInputError');
}

/** A decimal number as a person writes one: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Returns the number `text` writes in decimal, or NaN. Number() alone reads '' and ' ' as 0 and
 * '0x10' as 16, so a blank option (an unset shell variable) would pass as a threshold of 0.
 */
export function parseDecimalText(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/** A decimal number as a person writes one: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Returns the number `text` spells in decimal notation ('1.5', '-2e3', '.5'), or NaN. Number()
 * alone reads '' and ' ' as 0, '0x10' as 16 and 'Infinity' as a number, so a blank option (an
 * unset shell variable) would pass as a threshold of 0. For CSV fields and command-line numbers alike.
 */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

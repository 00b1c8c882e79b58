/**
 * Returns the number a trimmed text cell spells in decimal, or NaN: Number() also reads
 * '0x10' (16), '0b1010' and '0o17', which no CSV export means; those are refused, the rest of
 * Number()'s grammar (signs, '.5', '1e3') kept. Cheap enough for the import's hot loop.
 */
export function decimalNumber(t: string): number {
  if (t.length > 1 && t.charCodeAt(0) === 48) {
    const c = t.charCodeAt(1) | 0x20; // lower case
    if (c === 0x78 || c === 0x62 || c === 0x6f) return Number.NaN; // x, b, o
  }
  return Number(t);
}

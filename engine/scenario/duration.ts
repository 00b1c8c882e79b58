/** Milliseconds per duration unit: s, m (minutes), h, d (24 h, no calendar or DST). */
export const DURATION_UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const DURATION_RE = /^([0-9]+)(s|m|h|d)$/;

/**
 * Returns a duration text such as '90s', '5m', '1h', '7d' in milliseconds, or undefined when
 * the text is not a positive whole number followed by one unit (s, m, h, d).
 */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  if (m === null) return undefined;
  const count = Number(m[1]);
  const unit = m[2] as keyof typeof DURATION_UNIT_MS; // the regex admits only these units
  const ms = count * DURATION_UNIT_MS[unit];
  if (!Number.isSafeInteger(ms) || ms <= 0) return undefined;
  return ms;
}

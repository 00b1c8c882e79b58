/** Returns epoch ms as UTC to the second: 'Z' style (seed 002 timestamps, 2025-11-03T22:00:00Z) or Python's naive datetime.isoformat() (seed 000, 2025-11-03T22:00:00). */
export function formatUtc(tsMs: number, style: 'z' | 'python' = 'z'): string {
  const s = new Date(tsMs).toISOString().slice(0, 19);
  return style === 'z' ? `${s}Z` : s;
}

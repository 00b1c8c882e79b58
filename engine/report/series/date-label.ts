import { MS } from '../../core/time.js';
import { isoFromMs } from '../../core/time.js';

/** Returns a UTC label for tooltips: 'YYYY-MM-DD' at midnight, else 'YYYY-MM-DD HH:MM' (UTC). */
export function dateLabel(tsMs: number): string {
  const iso = isoFromMs(tsMs);
  return tsMs % MS.day === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

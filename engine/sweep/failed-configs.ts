import type { JournalFailure } from './journal.js';
import type { SweepRunFailure } from './pool.js';

/** Returns a worker's error as the journal keeps it: an input error's message, an internal error's message without its stack. */
export function failureText(f: SweepRunFailure): string {
  if (f.input) return f.message;
  const lines = f.message.split('\n');
  const stackAt = lines.findIndex((l) => /^\s+at /.test(l));
  return `internal error: ${(stackAt < 0 ? lines : lines.slice(0, stackAt)).join('\n')}`;
}

/** Returns the stderr report of failed configurations (the first five, each with its error's first line), or '' when none failed. */
export function failedConfigsText(failures: readonly JournalFailure[], total: number): string {
  if (failures.length === 0) return '';
  const shown = failures.slice(0, 5).map((f) => `  ${f.config_id}: ${f.error.split('\n')[0] ?? ''}`);
  const more = failures.length > 5 ? [`  … and ${failures.length - 5} more`] : [];
  return `bt: ${failures.length} of ${total} configurations failed (status and error columns of results.csv):\n${[...shown, ...more].join('\n')}\n`;
}

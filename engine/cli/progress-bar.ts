/** A one-line progress bar with ETA on a TTY (stderr); silent elsewhere. */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

/** Returns a progress bar that draws at most every 100 ms of wall time, or a no-op when stderr is not a TTY. */
export function progressBar(label: string, wallClockMs: () => number, enabled: boolean): ProgressBar {
  if (!enabled || process.stderr.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const start = wallClockMs();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = wallClockMs();
      if (now - last < 100 || total <= 0) return;
      last = now;
      const frac = Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(frac * width);
      const elapsed = (now - start) / 1000;
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ETA ${eta.toFixed(0)}s `);
      drawn = true;
    },
    finish() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

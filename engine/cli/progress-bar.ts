/** A one-line progress bar with ETA on a TTY (stderr); silent elsewhere. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Shows a phase after the counted work (e.g. 'writing outputs'), so a full bar never sits silent. */
  phase(text: string): void;
  finish(): void;
}

/** Where the bar draws: stderr, or a stand-in with the same two members (tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;

/** Returns a progress bar that draws at most every 100 ms of wall time, or a no-op when the stream is not a TTY. */
export function progressBar(label: string, wallClockMs: () => number, enabled: boolean, stream: ProgressStream = process.stderr): ProgressBar {
  if (!enabled || stream.isTTY !== true) return { update: () => undefined, phase: () => undefined, finish: () => undefined };
  const start = wallClockMs();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = wallClockMs();
      if (now - last < 100 || total <= 0) return;
      last = now;
      const frac = Math.min(1, done / total);
      const filled = Math.round(frac * WIDTH);
      const elapsed = (now - start) / 1000;
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(frac * 100).toFixed(0)}% ETA ${eta.toFixed(0)}s `);
      drawn = true;
    },
    phase(text) {
      // the counted work is done: a full bar, then what happens now (\x1b[K clears the old ETA)
      stream.write(`\r${label} [${'#'.repeat(WIDTH)}] 100% ${text}…\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** Returns m:ss (or h:mm:ss) for a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Returns one progress line: bar, done/total, percent, rate and ETA. `ranNow` configurations
 * took `elapsedMs` in this session (resumed ones are done but not timed).
 */
export function formatProgress(done: number, total: number, ranNow: number, elapsedMs: number, width = 24): string {
  const frac = total > 0 ? done / total : 1;
  const filled = Math.round(frac * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const rate = elapsedMs > 0 ? (ranNow * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
  return `[${bar}] ${done}/${total} ${Math.floor(frac * 100)}%  ${rate.toFixed(1)} configs/s  ETA ${eta}`;
}

/** Where progress goes: a TTY stream (stderr). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** A progress bar: `update` after each configuration, `finish` at the end. */
export interface Progress {
  readonly update: (done: number) => void;
  readonly finish: () => void;
}

/**
 * Returns a progress bar redrawn in place on a TTY at most 10 times a second (silent when the
 * stream is not a TTY, so logs and CI stay clean). `nowMs` is the injected wall clock.
 */
export function createProgress(total: number, startDone: number, stream: ProgressStream, nowMs: () => number): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const t0 = nowMs();
  let last = -Infinity;
  let lastDone = startDone;
  const draw = (done: number): void => {
    stream.write(`\r${formatProgress(done, total, done - startDone, nowMs() - t0)}`);
  };
  return {
    update(done) {
      lastDone = done;
      const t = nowMs();
      if (t - last < 100 && done < total) return;
      last = t;
      draw(done);
    },
    finish() {
      draw(lastDone);
      stream.write('\n');
    },
  };
}

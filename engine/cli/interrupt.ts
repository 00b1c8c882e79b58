/**
 * Ctrl-C (SIGINT) and CI cancellation (SIGTERM) while a command waits on its workers.
 *
 * bt installs no signal handler elsewhere, on purpose: a handler runs only when the event loop
 * turns, and a run replays its events in one synchronous stretch, so Ctrl-C would wait for the
 * replay (measured: up to 1.7 s on a 3.5M-event run, and not at all once the report started).
 * There the default action ends the process at once, which the output protocol is built for
 * (a kill leaves the old output; the next start removes the temp, docs/outputs.md). A sweep's
 * thread mostly waits on its worker pool, so there the signal is caught: the command unwinds
 * through its own cleanup (the journal closed, a temp folder removed, the lock released), says
 * what it left, and the process then ends by the same signal (exit 130 or 143 in a shell: main.ts).
 */
import { Interrupted, INTERRUPT_STATUS, type InterruptSignal } from '../core/errors.js';

/**
 * Awaits `work`, or rejects with Interrupted at the first SIGINT or SIGTERM (then calls `stop`,
 * which must keep `work` from touching the output any further). The handlers are removed at
 * once: a second signal, during the cleanup, ends the process by the default action, which
 * is safe (a kill at any point is) and is what a user pressing Ctrl-C twice expects.
 */
export async function untilInterrupted<T>(work: Promise<T>, stop: () => void): Promise<T> {
  let remove = (): void => {};
  const interrupted = new Promise<never>((_, reject) => {
    const on = (signal: InterruptSignal) => (): void => {
      remove();
      stop();
      reject(new Interrupted(signal));
    };
    const handlers = (Object.keys(INTERRUPT_STATUS) as InterruptSignal[]).map((s) => [s, on(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    remove = (): void => {
      for (const [s, h] of handlers) process.off(s, h);
    };
  });
  try {
    return await Promise.race([work, interrupted]);
  } finally {
    remove();
  }
}

import { tickTimes } from '../clock/schedule.js';
import { countFindings, countPrices, finishFillLag, newFillLagCounter, type FillLag } from './fill-lag.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';

/** A run's data whose batches are also counted for the fill lag as the run pulls them, and the count once it is done. */
export interface FillLagStream {
  readonly data: RunData;
  /** The count: call once the run has ended (it has then pulled every row up to its end). */
  readonly finish: () => FillLag;
}

/**
 * Returns `data` with its batch sources wrapped so that each batch the run pulls is counted for
 * the fill lag (fill-lag.ts): the rows are decoded once, for both, and
 * the kernel is untouched (so the in-memory replay and sweeps pay nothing). A resumed run pulls
 * the batches before its cursor too (run.ts openCursor), so it counts every row as well.
 * In-memory data (no `stream`) is counted whole at once.
 */
export function countingFillLag(data: RunData, cfg: Pick<RunConfig, 'startMs' | 'endMs' | 'cadenceMs' | 'tickOffsetMs' | 'defaultHorizonMs'>): FillLagStream {
  const counter = newFillLagCounter(tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs), cfg.endMs, cfg.defaultHorizonMs, data.symbols.length);
  let done: FillLag | null = null;
  const stream = data.stream;
  if (stream === undefined) {
    return {
      data,
      finish: () => {
        if (done === null) {
          countFindings(counter, data.findings);
          countPrices(counter, data.prices);
          done = finishFillLag(counter);
        }
        return done;
      },
    };
  }
  const prices = (): (() => RunData['prices'] | null) => {
    const next = stream.prices();
    return () => {
      const b = next();
      if (b !== null) countPrices(counter, b);
      return b;
    };
  };
  // a findings batch is counted when the run asks for the next one (its arrays are intact until
  // then) or ends: by then the run has pulled the prices up to its last time, so most of its
  // ticks' next closes are known and its rows are counted at once rather than copied to wait
  let pending: RunData['findings'] | null = null;
  const countPending = (): void => {
    if (pending !== null) countFindings(counter, pending);
    pending = null;
  };
  const findings = (): (() => RunData['findings'] | null) => {
    countPending();
    const next = stream.findings();
    return () => {
      countPending();
      const b = next();
      pending = b;
      return b;
    };
  };
  return {
    data: { ...data, stream: { ...stream, prices, findings } },
    finish: () => {
      countPending();
      return (done ??= finishFillLag(counter));
    },
  };
}

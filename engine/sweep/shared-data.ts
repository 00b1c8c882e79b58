import type { RunData } from '../run/run-data.js';

type Typed = Float64Array | Int32Array | Int8Array | Uint8Array;

/** Returns a copy of `a` backed by a SharedArrayBuffer (workers receive a view, not a copy). */
export function toShared<T extends Typed>(a: T): T {
  const ctor = a.constructor as new (buffer: SharedArrayBuffer) => T; // the array's own class, so the copy has its type
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never); // same element type by construction
  return out;
}

/**
 * `a` itself when it already lives in a SharedArrayBuffer (loadRunData's `shared`, a tape
 * recorded in shared memory or extended with proposals), else a shared copy.
 */
export function sharedOrCopy<T extends Typed>(a: T): T {
  return a.buffer instanceof SharedArrayBuffer ? a : toShared(a);
}

/**
 * Returns RunData whose typed arrays live in SharedArrayBuffers, copied once in the main
 * thread (those already shared are kept as they are). Posting it to a worker (workerData or
 * postMessage) shares the buffers: every configuration reads the same decoded data; only the
 * small string lists are cloned.
 */
export function shareRunData(data: RunData): RunData {
  const p = data.prices;
  const f = data.findings;
  return {
    agents: data.agents,
    symbols: data.symbols,
    strategies: data.strategies,
    agentStrategy: sharedOrCopy(data.agentStrategy),
    scheduleWeight: sharedOrCopy(data.scheduleWeight),
    agentEnabled: sharedOrCopy(data.agentEnabled),
    ...(data.agentSinceMs !== undefined ? { agentSinceMs: sharedOrCopy(data.agentSinceMs) } : {}),
    prices: {
      n: p.n,
      tsMs: sharedOrCopy(p.tsMs),
      symbolId: sharedOrCopy(p.symbolId),
      close: sharedOrCopy(p.close),
      // the cost model's columns (volume for impact, spread_bps for the half spread) when the file has them
      ...(p.volume !== undefined ? { volume: sharedOrCopy(p.volume) } : {}),
      ...(p.spreadBps !== undefined ? { spreadBps: sharedOrCopy(p.spreadBps) } : {}),
    },
    findings: {
      n: f.n,
      tsMs: sharedOrCopy(f.tsMs),
      agentId: sharedOrCopy(f.agentId),
      symbolId: sharedOrCopy(f.symbolId),
      confidence: sharedOrCopy(f.confidence),
      severityMult: sharedOrCopy(f.severityMult),
      direction: sharedOrCopy(f.direction),
      horizonHours: sharedOrCopy(f.horizonHours),
      ...(f.expectedPnlBps !== undefined ? { expectedPnlBps: sharedOrCopy(f.expectedPnlBps) } : {}),
    },
    killList: data.killList,
    regime: data.regime === null ? null : { tsMs: sharedOrCopy(data.regime.tsMs), multiplier: sharedOrCopy(data.regime.multiplier) },
    ...(data.findingsFile !== undefined ? { findingsFile: data.findingsFile } : {}),
  };
}

/** Returns true when every typed array of `data` is backed by a SharedArrayBuffer. */
export function isSharedRunData(data: RunData): boolean {
  const arrays: Typed[] = [
    data.agentStrategy, data.scheduleWeight, data.agentEnabled,
    ...(data.agentSinceMs !== undefined ? [data.agentSinceMs] : []),
    data.prices.tsMs, data.prices.symbolId, data.prices.close,
    ...(data.prices.volume !== undefined ? [data.prices.volume] : []),
    ...(data.prices.spreadBps !== undefined ? [data.prices.spreadBps] : []),
    data.findings.tsMs, data.findings.agentId, data.findings.symbolId, data.findings.confidence,
    data.findings.severityMult, data.findings.direction, data.findings.horizonHours,
    ...(data.findings.expectedPnlBps !== undefined ? [data.findings.expectedPnlBps] : []),
    ...(data.regime === null ? [] : [data.regime.tsMs, data.regime.multiplier]),
  ];
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}

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
 * Returns RunData whose typed arrays live in SharedArrayBuffers, copied once in the main
 * thread. Posting it to a worker (workerData or postMessage) shares the buffers: every
 * configuration reads the same decoded data; only the small string lists are cloned.
 */
export function shareRunData(data: RunData): RunData {
  const p = data.prices;
  const f = data.findings;
  return {
    agents: data.agents,
    symbols: data.symbols,
    strategies: data.strategies,
    agentStrategy: toShared(data.agentStrategy),
    scheduleWeight: toShared(data.scheduleWeight),
    agentEnabled: toShared(data.agentEnabled),
    ...(data.agentSinceMs !== undefined ? { agentSinceMs: toShared(data.agentSinceMs) } : {}),
    prices: { n: p.n, tsMs: toShared(p.tsMs), symbolId: toShared(p.symbolId), close: toShared(p.close) },
    findings: {
      n: f.n,
      tsMs: toShared(f.tsMs),
      agentId: toShared(f.agentId),
      symbolId: toShared(f.symbolId),
      confidence: toShared(f.confidence),
      severityMult: toShared(f.severityMult),
      direction: toShared(f.direction),
      horizonHours: toShared(f.horizonHours),
      ...(f.expectedPnlBps !== undefined ? { expectedPnlBps: toShared(f.expectedPnlBps) } : {}),
    },
    killList: data.killList,
    regime: data.regime === null ? null : { tsMs: toShared(data.regime.tsMs), multiplier: toShared(data.regime.multiplier) },
  };
}

/** Returns true when every typed array of `data` is backed by a SharedArrayBuffer. */
export function isSharedRunData(data: RunData): boolean {
  const arrays: Typed[] = [
    data.agentStrategy, data.scheduleWeight, data.agentEnabled,
    ...(data.agentSinceMs !== undefined ? [data.agentSinceMs] : []),
    data.prices.tsMs, data.prices.symbolId, data.prices.close,
    data.findings.tsMs, data.findings.agentId, data.findings.symbolId, data.findings.confidence,
    data.findings.severityMult, data.findings.direction, data.findings.horizonHours,
    ...(data.findings.expectedPnlBps !== undefined ? [data.findings.expectedPnlBps] : []),
    ...(data.regime === null ? [] : [data.regime.tsMs, data.regime.multiplier]),
  ];
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}

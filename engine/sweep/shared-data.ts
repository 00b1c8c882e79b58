import type { RunData } from '../run/run-data.js';

type Typed = Float64Array | Int32Array | Int8Array | Uint8Array;

/** Returns a copy of `a` backed by a SharedArrayBuffer (workers receive a view, not a copy). */
export function toShared<T extends Typed>(a: T): T {
  const ctor = a.constructor as new (buffer: SharedArrayBuffer) => T; // the array's own class, so the copy has its type
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never); // same element type by construction
  return out;
}

/** `a` itself when it already lives in a SharedArrayBuffer (loadRunData's `shared`), else a shared copy. */
function shared<T extends Typed>(a: T): T {
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
    agentStrategy: shared(data.agentStrategy),
    scheduleWeight: shared(data.scheduleWeight),
    agentEnabled: shared(data.agentEnabled),
    ...(data.agentSinceMs !== undefined ? { agentSinceMs: shared(data.agentSinceMs) } : {}),
    prices: {
      n: p.n,
      tsMs: shared(p.tsMs),
      symbolId: shared(p.symbolId),
      close: shared(p.close),
      // the cost model's columns (volume for impact, spread_bps for the half spread) when the file has them
      ...(p.volume !== undefined ? { volume: shared(p.volume) } : {}),
      ...(p.spreadBps !== undefined ? { spreadBps: shared(p.spreadBps) } : {}),
    },
    findings: {
      n: f.n,
      tsMs: shared(f.tsMs),
      agentId: shared(f.agentId),
      symbolId: shared(f.symbolId),
      confidence: shared(f.confidence),
      severityMult: shared(f.severityMult),
      direction: shared(f.direction),
      horizonHours: shared(f.horizonHours),
      ...(f.expectedPnlBps !== undefined ? { expectedPnlBps: shared(f.expectedPnlBps) } : {}),
    },
    killList: data.killList,
    regime: data.regime === null ? null : { tsMs: shared(data.regime.tsMs), multiplier: shared(data.regime.multiplier) },
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

import { describe, expect, it } from 'vitest';
import { isSharedRunData, shareRunData, toShared } from '../../../engine/sweep/shared-data.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';

const root = 'datasets/data/real-stocks';

describe('shareRunData', () => {
  it('copies every typed array into a SharedArrayBuffer with the same values and type', () => {
    const data = loadRunData({ findings: `${root}/findings.arrow`, prices: `${root}/prices.arrow`, agents: `${root}/agents.arrow`, display: {} });
    expect(isSharedRunData(data)).toBe(false);
    const shared = shareRunData(data);
    expect(isSharedRunData(shared)).toBe(true);
    expect(shared.findings.confidence).toBeInstanceOf(Float64Array);
    expect(Array.from(shared.findings.confidence)).toEqual(Array.from(data.findings.confidence));
    expect(Array.from(shared.prices.symbolId)).toEqual(Array.from(data.prices.symbolId));
    expect(shared.agents).toEqual(data.agents);
  });

  it("shares the prices' volume and spread_bps columns the cost model reads, with their values", () => {
    const data = loadRunData({ findings: `${root}/findings.arrow`, prices: `${root}/prices.arrow`, agents: `${root}/agents.arrow`, display: {} });
    const n = data.prices.n;
    const volume = Float64Array.from({ length: n }, (_, i) => 1000 + i);
    const spreadBps = Float64Array.from({ length: n }, (_, i) => (i % 7) + 0.5);
    const withCosts = { ...data, prices: { ...data.prices, volume, spreadBps } };
    expect(isSharedRunData(withCosts)).toBe(false);
    const shared = shareRunData(withCosts);
    expect(isSharedRunData(shared)).toBe(true);
    expect(shared.prices.volume?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.prices.volume ?? [])).toEqual(Array.from(volume));
    expect(Array.from(shared.prices.spreadBps ?? [])).toEqual(Array.from(spreadBps));
    expect(shareRunData(data).prices.volume).toBeUndefined();
  });

  it('drops no field of the run data, optional ones included (every path from the root is kept)', () => {
    const data = loadRunData({ findings: `${root}/findings.arrow`, prices: `${root}/prices.arrow`, agents: `${root}/agents.arrow`, display: {} });
    const nP = data.prices.n;
    const nF = data.findings.n;
    const nA = data.agents.length;
    const full = {
      ...data,
      agentSinceMs: new Float64Array(nA),
      prices: { ...data.prices, volume: new Float64Array(nP), spreadBps: new Float64Array(nP) },
      findings: { ...data.findings, expectedPnlBps: new Float64Array(nF) },
      regime: { tsMs: new Float64Array(1), multiplier: new Float64Array(1) },
    };
    const paths = (o: object, at = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !Array.isArray(v) ? paths(v as object, `${at}${k}.`) : [`${at}${k}`])).sort();
    expect(paths(shareRunData(full))).toEqual(paths(full));
  });

  it('keeps the columns loadRunData decoded into shared memory as they are, and shares the rest', () => {
    const loaded = loadRunData({ findings: `${root}/findings.arrow`, prices: `${root}/prices.arrow`, agents: `${root}/agents.arrow`, display: {} }, { shared: true });
    expect(loaded.findings.confidence.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(loaded.agentStrategy.buffer).toBeInstanceOf(ArrayBuffer);
    const shared = shareRunData(loaded);
    expect(isSharedRunData(shared)).toBe(true);
    expect(shared.findings.confidence).toBe(loaded.findings.confidence);
    expect(shared.prices.tsMs).toBe(loaded.prices.tsMs);
  });
});

describe('toShared', () => {
  it('copies only the view, not the whole underlying buffer', () => {
    const view = new Int8Array([1, 2, 3, 4]).subarray(1, 3);
    const s = toShared(view);
    expect(Array.from(s)).toEqual([2, 3]);
    expect(s.buffer.byteLength).toBe(2);
  });
});

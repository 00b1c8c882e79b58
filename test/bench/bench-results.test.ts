import { describe, expect, it } from 'vitest';
import { resultRows, type BenchResults } from '../../bench/bench-results.js';

function results(python: BenchResults['python']): BenchResults {
  return {
    workload: { name: 'M', doc: 'test', generate: [], generatedSeconds: null },
    machine: { node: 'v20', cpu: 'cpu', cores: 2, platform: 'linux/x64', totalMemGb: 24 },
    measuredAt: '2026-12-02T00:00:00.000Z',
    replay: {
      loadSeconds: 1, bareSeconds: 0.1, bareCpuSeconds: 0.1, bareEvents: 2_000_000, warmSeconds: 2, warmCpuSeconds: 1.6,
      counters: { prices: 1_000_000, findings: 1_000_000, reconciliations: 1_000_000, ticks: 1_000 }, events: 3_001_000,
      finalEquity: 1, fractionOfBare: 0.1, fractionOfBareWall: 0.1, benchPeakRssMb: 100,
    },
    cold: null, coldError: null, startup: null, quickstart: null, sweep: null, cliSweep: null, python,
  };
}

describe('resultRows', () => {
  it('labels an extrapolated Python prefix and divides its whole-workload time by bt warm time', () => {
    const rows = resultRows(results({
      events: 300_100, prices: 0, findings: 0, reconciliations: 0, ticks: 0, loadSeconds: 1, replaySeconds: 10, replayCpuSeconds: 7.2,
      finalEquity: 1, days: 60, fullReplaySeconds: 100, fullReplayCpuSeconds: 72,
    }));
    const py = rows.find((r) => r[0] === 'seed-Python replay');
    expect(py?.[1]).toBe('100.00 s (extrapolated)');
    // 100 s / 2 s = 50x by wall time; 72 s / 1.6 s = 45x by CPU time.
    const speedUp = rows.find((r) => r[0] === 'speed-up bt / Python');
    expect(speedUp?.[1]).toBe('50.0x');
    expect(speedUp?.[2]).toContain('by CPU time 45.0x');
  });

  it('reports warm events per second from the best run: 3,001,000 events in 2 s', () => {
    const rows = resultRows(results(null));
    expect(rows.find((r) => r[0] === 'events/s, warm')?.[1]).toBe('1.50M');
    expect(rows.some((r) => r[0] === 'seed-Python replay')).toBe(false);
  });
});

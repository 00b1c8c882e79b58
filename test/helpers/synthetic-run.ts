import { createRng } from '../../engine/core/rng.js';
import { MS } from '../../engine/core/time.js';
import type { RunConfig } from '../../engine/run/config.js';
import type { RunData } from '../../engine/run/run-data.js';

/** A small seeded universe for kernel tests: daily closes, daily findings, two classes. */
export function syntheticRunData(opts: { days?: number; seed?: number; killList?: RunData['killList'] } = {}): RunData {
  const days = opts.days ?? 200;
  const rng = createRng(opts.seed ?? 1, 'synthetic-run');
  const symbols = ['AAA', 'BBB', 'CCC', 'DDD'];
  const agents = ['arb_0', 'arb_1', 'macro_0', 'macro_1', 'macro_2', 'noise_0'];
  const strategies = ['arb', 'macro'];
  const agentStrategy = Int32Array.from([0, 0, 1, 1, 1, -1]);
  const t0 = Date.UTC(2020, 0, 1);
  const pTs: number[] = [];
  const pSym: number[] = [];
  const pClose: number[] = [];
  const closes = symbols.map(() => 100);
  const path: number[][] = [];
  for (let d = 0; d < days; d++) {
    const row: number[] = [];
    for (let s = 0; s < symbols.length; s++) {
      const r = (rng() - 0.5) * 0.04;
      closes[s] = (closes[s] as number) * (1 + r);
      row.push(closes[s] as number);
      pTs.push(t0 + d * MS.day);
      pSym.push(s);
      pClose.push(closes[s] as number);
    }
    path.push(row);
  }
  const fTs: number[] = [];
  const fAgent: number[] = [];
  const fSym: number[] = [];
  const fConf: number[] = [];
  const fSev: number[] = [];
  const fDir: number[] = [];
  for (let d = 0; d < days - 1; d++) {
    for (let a = 0; a < agents.length; a++) {
      const s = Math.floor(rng() * symbols.length);
      // arb agents see tomorrow's move (skill); macro agents are right in the first half only.
      const fut = (path[d + 1]?.[s] as number) / (path[d]?.[s] as number) - 1;
      const skilled = a < 2 || (a < 5 && d < days / 2);
      const dir = skilled ? (fut >= 0 ? 1 : -1) : rng() < 0.5 ? 1 : -1;
      fTs.push(t0 + d * MS.day);
      fAgent.push(a);
      fSym.push(s);
      fConf.push(0.3 + 0.7 * rng());
      fSev.push([0.5, 1, 1.5, 2][Math.floor(rng() * 4)] as number);
      fDir.push(dir);
    }
  }
  return {
    agents,
    symbols,
    strategies,
    agentStrategy,
    scheduleWeight: new Float64Array(agents.length).fill(0.2),
    agentEnabled: new Uint8Array(agents.length).fill(1),
    prices: { n: pTs.length, tsMs: Float64Array.from(pTs), symbolId: Int32Array.from(pSym), close: Float64Array.from(pClose) },
    findings: {
      n: fTs.length,
      tsMs: Float64Array.from(fTs),
      agentId: Int32Array.from(fAgent),
      symbolId: Int32Array.from(fSym),
      confidence: Float64Array.from(fConf),
      severityMult: Float64Array.from(fSev),
      direction: Int8Array.from(fDir),
      horizonHours: new Float64Array(fTs.length).fill(Number.NaN),
    },
    killList: opts.killList ?? null,
    regime: null,
  };
}

/** A run configuration with the seeds' defaults, daily ticks and a 24 h horizon. */
export function syntheticRunConfig(data: RunData, overrides: Partial<RunConfig> = {}): RunConfig {
  const start = data.prices.tsMs[0] as number;
  const end = data.prices.tsMs[data.prices.n - 1] as number;
  return {
    startMs: start,
    endMs: end,
    cadenceMs: MS.day,
    tickOffsetMs: 0,
    mode: 'default',
    defaultHorizonMs: 24 * MS.hour,
    expectedModel: { kind: 'score-linear', bpsPerScore: 10 },
    stats: { lookback: 250, longWindowMs: 30 * MS.day, shortWindowMs: 7 * MS.day, errorAbsBps: 200 },
    targets: { maxAgentWeight: 0.25, maxSymbolWeight: 0.4, cashBuffer: 0.1 },
    decay: { enabled: true, horizonHours: 24, halfLifeSignals: 80, lossKBps: 50, floor: 0.5, ceil: 1.1, penaltyCap: 0.08, lossAmplifier: 1.3, stabilityBoost: 0.02, stabilityGoodErrBps: 30, stabilityMinGood: 10, limitRows: 8000 },
    cvar: { windowMs: 30 * MS.day, level: 0.95, minN: 20, maxOutcomes: 5000 },
    promotion: { enabled: true, minPnlSumBps: 150, minHitRate: 0.55, maxErrorRate: 0, maxAvgAbsErrorBps: 60, minAvgPnlErrorBps: -20 },
    kill: { enabled: true, killErrorRate: 0.15, retirePnlSumBps: -1e9, retireMinOutcomes: 20, retireDrawdownBps: -1e9, classKill: true, classMinOutcomes: 20 },
    governor: { reallocationThreshold: 0, regimeDefault: 1, guardian: { enabled: false, pauseDrawdown: 0.2, resumeDrawdown: 0.1 } },
    costs: { bpsPerTurnover: 5, slippageBps: 2 },
    initialCapital: 1_000_000,
    logOutcomes: true,
    targetRows: true,
    ...overrides,
  };
}

import { createRng } from '../../engine/core/rng.js';
import { MS } from '../../engine/core/time.js';
import type { RunData } from '../../engine/run/run-data.js';

/** How a generated universe looks: calendars, density, roster. */
export interface GeneratedRunOptions {
  readonly seed: number;
  /** Length of the universe in days. */
  readonly days: number;
  /** Hours between closes, one entry per symbol (168 = weekly, 24 = daily, 1 = hourly). */
  readonly priceStepHours: readonly number[];
  /** Agents (named `<class>_<i>`); class -1 = unclassified. */
  readonly agentClasses: readonly number[];
  /** Findings per agent per day (expected). */
  readonly findingsPerDay: number;
  /** Horizons a finding may carry, in hours (NaN = the run's default). */
  readonly horizonsHours: readonly number[];
  /** Each agent's first finding comes no earlier than this many days in (0 = from the start). */
  readonly joinDay?: readonly number[];
  /** Fraction of findings that are short (direction -1). */
  readonly shortFraction?: number;
}

const CLASSES = ['arb', 'macro', 'sentiment'];

/**
 * Returns a seeded universe for kernel property tests: each symbol has its own price calendar
 * (sparser or denser than the ticks), agents can join late, horizons can mix. Some agents
 * are skilled (they see the next close), the rest guess.
 */
export function generatedRunData(o: GeneratedRunOptions): RunData {
  const rng = createRng(o.seed, 'generated-run');
  const t0 = Date.UTC(2021, 0, 4);
  const tEnd = t0 + o.days * MS.day;
  const nS = o.priceStepHours.length;
  const symbols = Array.from({ length: nS }, (_, s) => `S${String(s).padStart(2, '0')}`);
  const paths: { ts: number[]; close: number[] }[] = symbols.map((_, s) => {
    const step = (o.priceStepHours[s] as number) * MS.hour;
    const ts: number[] = [];
    const close: number[] = [];
    let c = 100;
    for (let t = t0; t <= tEnd; t += step) {
      ts.push(t);
      close.push(c);
      c *= 1 + (rng() - 0.5) * 0.06;
    }
    return { ts, close };
  });
  const prices = mergePrices(paths);
  const agents = o.agentClasses.map((k, i) => `${k >= 0 ? CLASSES[k] : 'free'}_${String(i).padStart(2, '0')}`);
  const order = agents.map((_, i) => i).sort((a, b) => (agents[a] as string).localeCompare(agents[b] as string) || a - b);
  const sortedAgents = order.map((i) => agents[i] as string);
  const usedClasses = [...new Set(o.agentClasses.filter((k) => k >= 0))].sort((a, b) => a - b);
  const strategies = usedClasses.map((k) => CLASSES[k] as string).sort();
  const agentStrategy = Int32Array.from(order, (i) => {
    const k = o.agentClasses[i] as number;
    return k < 0 ? -1 : strategies.indexOf(CLASSES[k] as string);
  });
  const rows: { ts: number; agent: number; symbol: number; conf: number; sev: number; dir: number; h: number }[] = [];
  order.forEach((orig, a) => {
    const join = t0 + (o.joinDay?.[orig] ?? 0) * MS.day;
    const skilled = orig % 2 === 0;
    const n = Math.round(o.findingsPerDay * o.days);
    for (let j = 0; j < n; j++) {
      const ts = Math.floor((join + rng() * (tEnd - join)) / MS.hour) * MS.hour;
      const s = Math.floor(rng() * nS);
      const p = paths[s] as { ts: number[]; close: number[] };
      if (ts < (p.ts[0] as number) || ts >= tEnd) continue;
      const h = o.horizonsHours[Math.floor(rng() * o.horizonsHours.length)] as number;
      const k = p.ts.findIndex((x) => x > ts);
      const up = k > 0 && (p.close[k] as number) >= (p.close[k - 1] as number);
      const guess = rng() < 0.5;
      let dir = (skilled ? up : guess) ? 1 : -1;
      if (rng() < (o.shortFraction ?? 0)) dir = -dir;
      rows.push({ ts, agent: a, symbol: s, conf: 0.2 + 0.8 * rng(), sev: [0.5, 1, 1.5, 2][Math.floor(rng() * 4)] as number, dir, h });
    }
  });
  rows.sort((x, y) => x.ts - y.ts || x.agent - y.agent || x.symbol - y.symbol);
  return {
    agents: sortedAgents,
    symbols,
    strategies,
    agentStrategy,
    scheduleWeight: new Float64Array(sortedAgents.length).fill(0.25),
    agentEnabled: new Uint8Array(sortedAgents.length).fill(1),
    prices,
    findings: {
      n: rows.length,
      tsMs: Float64Array.from(rows, (r) => r.ts),
      agentId: Int32Array.from(rows, (r) => r.agent),
      symbolId: Int32Array.from(rows, (r) => r.symbol),
      confidence: Float64Array.from(rows, (r) => r.conf),
      severityMult: Float64Array.from(rows, (r) => r.sev),
      direction: Int8Array.from(rows, (r) => r.dir),
      horizonHours: Float64Array.from(rows, (r) => r.h),
    },
    killList: null,
    regime: null,
  };
}

function mergePrices(paths: readonly { ts: number[]; close: number[] }[]): RunData['prices'] {
  const rows: { ts: number; s: number; c: number }[] = [];
  paths.forEach((p, s) => p.ts.forEach((ts, i) => rows.push({ ts, s, c: p.close[i] as number })));
  rows.sort((a, b) => a.ts - b.ts || a.s - b.s);
  return { n: rows.length, tsMs: Float64Array.from(rows, (r) => r.ts), symbolId: Int32Array.from(rows, (r) => r.s), close: Float64Array.from(rows, (r) => r.c) };
}

/** Returns a copy of `data` without the findings that `drop(row)` selects (deleting, not altering, the future). */
export function withoutFindings(data: RunData, drop: (row: number) => boolean): RunData {
  const keep: number[] = [];
  for (let i = 0; i < data.findings.n; i++) if (!drop(i)) keep.push(i);
  return withFindingRows(data, keep);
}

/** Returns a copy of `data` whose findings are its finding rows `rows`, in that order (a row may repeat). */
export function withFindingRows(data: RunData, rows: readonly number[]): RunData {
  const f = data.findings;
  const pick = <T extends Float64Array | Int32Array | Int8Array>(a: T): T => {
    const ctor = a.constructor as new (n: number) => T;
    const out = new ctor(rows.length);
    rows.forEach((i, j) => (out[j] = a[i] as number));
    return out;
  };
  return {
    ...data,
    findings: {
      n: rows.length,
      tsMs: pick(f.tsMs),
      agentId: pick(f.agentId),
      symbolId: pick(f.symbolId),
      confidence: pick(f.confidence),
      severityMult: pick(f.severityMult),
      direction: pick(f.direction),
      horizonHours: pick(f.horizonHours),
    },
  };
}

/** Returns `data` as if agent `name` had never been in the files: the roster and class ids re-interned without it. */
export function withoutAgent(data: RunData, name: string): RunData {
  const gone = data.agents.indexOf(name);
  if (gone < 0) throw new Error(`no agent ${name}`);
  const dropped = withoutFindings(data, (i) => data.findings.agentId[i] === gone);
  const keep = data.agents.map((_, a) => a).filter((a) => a !== gone);
  const classesLeft = [...new Set(keep.map((a) => data.agentStrategy[a] as number).filter((k) => k >= 0))].sort((x, y) => x - y);
  const classId = (k: number): number => (k < 0 ? -1 : classesLeft.indexOf(k));
  return {
    ...dropped,
    agents: keep.map((a) => data.agents[a] as string),
    strategies: classesLeft.map((k) => data.strategies[k] as string),
    agentStrategy: Int32Array.from(keep, (a) => classId(data.agentStrategy[a] as number)),
    scheduleWeight: Float64Array.from(keep, (a) => data.scheduleWeight[a] as number),
    agentEnabled: Uint8Array.from(keep, (a) => data.agentEnabled[a] as number),
    findings: { ...dropped.findings, agentId: Int32Array.from(dropped.findings.agentId, (a) => (a > gone ? a - 1 : a)) },
  };
}

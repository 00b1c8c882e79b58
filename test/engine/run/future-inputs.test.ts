import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { propertyCases, randomCalendarCases } from '../../helpers/random-calendar-run.js';
import { createRng } from '../../../engine/core/rng.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';

/** Every logged row and equity point at or before `cut`, names for ids. */
function outputsUpTo(data: RunData, st: RunState, cut: number): string[] {
  const name = (ids: readonly string[], id: number): string => (id >= 0 ? (ids[id] as string) : '-');
  const out: string[] = [];
  const log = expandedLog(st.log, data);
  for (let i = 0; i < log.length && (log.tsMs[i] as number) <= cut; i++) {
    out.push([log.tsMs[i], LOGGED_EVENT_KINDS[log.kind[i] as number], name(data.agents, log.agent[i] as number), name(data.symbols, log.symbol[i] as number), name(data.strategies, log.strategy[i] as number), log.v1[i], log.v2[i], log.v3[i]].join(' '));
  }
  for (let i = 0; i < st.out.equityTs.length && (st.out.equityTs.data[i] as number) <= cut; i++) out.push(`equity ${st.out.equityTs.data[i]} ${st.out.equity.data[i]} ${st.out.gross.data[i]}`);
  return out;
}

/** Returns `a` with `f(value, row)` in place of each value whose time is after `cut`. */
function altered<T extends Float64Array | Int32Array | Int8Array>(a: T, tsMs: Float64Array, cut: number, f: (x: number, i: number) => number): T {
  const out = a.slice() as T;
  for (let i = 0; i < out.length; i++) if ((tsMs[i] as number) > cut) out[i] = f(out[i] as number, i);
  return out;
}

describe('runBacktest over inputs altered after T', () => {
  // Agent 3 emits nothing before day 45 and is listed from day 40 (agents-file since); the guardian and a regime series are on.
  const base = generatedRunData({ seed: 23, days: 60, priceStepHours: [24, 168, 24, 12], agentClasses: [0, 0, 1, 1, 2, 2], findingsPerDay: 1, horizonsHours: [24, 72], joinDay: [0, 0, 0, 45, 0, 5] });
  const t0 = base.prices.tsMs[0] as number;
  const cut = t0 + 25 * MS.day;
  const since = new Float64Array(base.agents.length).fill(Number.NaN);
  since[3] = t0 + 40 * MS.day;
  const regimeTs = Float64Array.from({ length: 20 }, (_, i) => t0 + i * 3 * MS.day + MS.hour);
  const data: RunData = { ...base, agentSinceMs: since, regime: { tsMs: regimeTs, multiplier: Float64Array.from(regimeTs, (_, i) => [1, 0.4, 0.8, 0][i % 4] as number) } };
  const F = data.findings;
  const P = data.prices;
  const futures: Record<string, RunData> = {
    // every finding after T says something else: direction, confidence, severity, horizon and symbol
    findings: {
      ...data,
      findings: {
        ...F,
        direction: altered(F.direction, F.tsMs, cut, (d) => -d),
        confidence: altered(F.confidence, F.tsMs, cut, (c) => 1 - c / 2),
        severityMult: altered(F.severityMult, F.tsMs, cut, () => 2),
        horizonHours: altered(F.horizonHours, F.tsMs, cut, (h) => h * 3),
        symbolId: altered(F.symbolId, F.tsMs, cut, (s) => (s + 1) % data.symbols.length),
      },
    },
    prices: { ...data, prices: { ...P, close: altered(P.close, P.tsMs, cut, (c, i) => c * (i % 2 === 0 ? 3 : 0.2)) } },
    regime: { ...data, regime: { tsMs: regimeTs, multiplier: altered(data.regime?.multiplier ?? new Float64Array(0), regimeTs, cut, (m) => 1 - m) } },
    // the late agent is listed from day 50 instead (it joins at its first finding), and another from a time after T
    since: { ...data, agentSinceMs: Float64Array.from(since, (s, a) => (a === 3 ? t0 + 50 * MS.day : a === 5 ? cut + MS.day : s)) },
  };

  it('changes no logged row and no equity point up to T, for every variant and mode, with the guardian and a regime on', () => {
    const kill = syntheticRunConfig(data).kill;
    const changed = new Set<string>();
    const kindsUpToT = new Set<string>();
    for (const [variant, plug] of Object.entries(ALLOCATORS)) {
      for (const mode of ['seed', 'default'] as const) {
        const cfg = syntheticRunConfig(data, {
          mode,
          startMs: t0,
          endMs: t0 + 59 * MS.day,
          kill: { ...kill, killErrorRate: 0.3 },
          // pauses and resumes before T in some variants, pauses at T in others
          governor: { reallocationThreshold: 0.02, regimeDefault: 1, guardian: { enabled: true, pauseDrawdown: 0.03, resumeDrawdown: 0.015 } },
        });
        const st = runBacktest(data, cfg, plug, defaultsOf(plug)).state;
        const [upToT, all] = [outputsUpTo(data, st, cut), outputsUpTo(data, st, Number.POSITIVE_INFINITY)];
        for (const row of upToT) kindsUpToT.add(row.split(' ')[1] as string);
        for (const [input, future] of Object.entries(futures)) {
          const other = runBacktest(future, cfg, plug, defaultsOf(plug)).state;
          expect(outputsUpTo(future, other, cut), `${variant} ${mode}: ${input} after T`).toEqual(upToT);
          if (JSON.stringify(outputsUpTo(future, other, Number.POSITIVE_INFINITY)) !== JSON.stringify(all)) changed.add(input);
        }
      }
    }
    // each alteration reaches the outputs after T, so the test can tell
    expect([...changed].sort()).toEqual(Object.keys(futures).sort());
    // and the window before T holds what the guardian, the kill rules, the allocator and the roster log
    for (const kind of ['guardian_paused', 'guardian_resumed', 'agent_killed', 'agent_joined', 'weights_set', 'targets_set', 'fill']) expect(kindsUpToT, kind).toContain(kind);
  });
});

/** Returns the columns with only the rows `keep` accepts (every column of the row count filtered alike). */
function keepRows<T extends { n: number }>(cols: T, keep: (i: number) => boolean): T {
  const rows: number[] = [];
  for (let i = 0; i < cols.n; i++) if (keep(i)) rows.push(i);
  const out: Record<string, unknown> = { n: rows.length };
  for (const [k, v] of Object.entries(cols)) {
    if (k === 'n') continue;
    const col = v as unknown as Float64Array;
    out[k] = ArrayBuffer.isView(v) && col.length === cols.n ? (col.constructor as Float64ArrayConstructor).from(rows, (i) => col[i] as number) : v;
  }
  return out as T;
}

/** Every output row at or before `cut`: outputsUpTo's, then the target, weight and kill rows. */
function allOutputsUpTo(data: RunData, st: RunState, cut: number): string[] {
  const out = outputsUpTo(data, st, cut);
  const o = st.out;
  for (let i = 0; i < o.targetTs.length && (o.targetTs.data[i] as number) <= cut; i++) out.push(`target ${o.targetTs.data[i]} ${data.symbols[o.targetSymbol.data[i] as number]} ${o.targetWeight.data[i]}`);
  for (let i = 0; i < o.weightTs.length && (o.weightTs.data[i] as number) <= cut; i++) out.push(`weight ${o.weightTs.data[i]} ${data.agents[o.weightAgent.data[i] as number]} ${o.weightValue.data[i]} ${o.weightMultiplier.data[i]}`);
  for (const k of o.kills) if (k.tsMs <= cut) out.push(`kill ${JSON.stringify(k)}`);
  return out;
}

describe('runBacktest over inputs cut or altered after T, on random calendars', () => {
  it('changes no output row up to T whatever the price spacing, cadence, windows, finding times and where T falls (on a close, 1 ms either side, between)', () => {
    const cases = randomCalendarCases(20261206, propertyCases(40));
    const rng = createRng(20261206, 'future-cut');
    const changed = new Set<string>();
    for (const c of cases) {
      const { data, cfg } = c;
      const plug = ALLOCATORS[c.spec.variant] as AllocatorPlugin;
      const params = defaultsOf(plug);
      const raw = cfg.startMs + Math.floor((0.2 + 0.5 * rng()) * (cfg.endMs - cfg.startMs));
      const onClose = cfg.startMs + Math.floor((raw - cfg.startMs) / c.spec.barMs) * c.spec.barMs;
      const cut = [raw, onClose, onClose - 1, onClose + 1][Math.floor(rng() * 4)] as number;
      const P = data.prices;
      const F = data.findings;
      const after = (ts: Float64Array, i: number): boolean => (ts[i] as number) > cut;
      const futures: Record<string, RunData> = {
        'prices deleted': { ...data, prices: keepRows(P, (i) => !after(P.tsMs, i)) },
        'findings deleted': { ...data, findings: keepRows(F, (i) => !after(F.tsMs, i)) },
        'prices altered': { ...data, prices: { ...P, close: P.close.map((x, i) => (after(P.tsMs, i) ? x * (i % 2 === 0 ? 2.5 : 0.3) : x)) } },
        'findings altered': {
          ...data,
          findings: {
            ...F,
            direction: F.direction.map((d, i) => (after(F.tsMs, i) ? -d : d)),
            confidence: F.confidence.map((x, i) => (after(F.tsMs, i) ? 1 - x / 2 : x)),
            symbolId: F.symbolId.map((s, i) => (after(F.tsMs, i) ? (s + 1) % data.symbols.length : s)),
          },
        },
        ...(data.regime === null ? {} : { 'regime altered': { ...data, regime: { ...data.regime, multiplier: data.regime.multiplier.map((m, i) => (after(data.regime?.tsMs as Float64Array, i) ? 1 - m / 2 : m)) } } }),
      };
      const st = runBacktest(data, cfg, plug, params).state;
      const upToT = allOutputsUpTo(data, st, cut);
      const all = JSON.stringify(allOutputsUpTo(data, st, Number.POSITIVE_INFINITY));
      for (const [what, future] of Object.entries(futures)) {
        const other = runBacktest(future, cfg, plug, params).state;
        expect(allOutputsUpTo(future, other, cut), `${what} after T=${cut - cfg.startMs} ms in: ${JSON.stringify(c.drawn)}`).toEqual(upToT);
        if (JSON.stringify(allOutputsUpTo(future, other, Number.POSITIVE_INFINITY)) !== all) changed.add(what);
      }
    }
    // each change to the future reaches the outputs after T in some case, so the test can tell
    expect([...changed].sort()).toEqual(['findings altered', 'findings deleted', 'prices altered', 'prices deleted', 'regime altered']);
  }, 300_000);
});

import { icAt, SKILL_MODEL } from './agent-roster.js';
import type { GenerateOptions, Universe } from './generate-universe.js';
import type { GroupOutcome, OutcomeStats } from './realized-outcomes.js';
import { PRICE_MODEL } from './simulate-prices.js';

/** A JSON value as written to universe.json (no NaN, no Infinity). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** Returns an epoch-ms time as ISO 8601 UTC. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function statsJson(s: OutcomeStats): JsonValue {
  return { findings: s.findings, hit_rate: s.hitRate, pnl_sum_bps: s.pnlSumBps, max_drawdown_bps: s.maxDrawdownBps };
}

function outcomeJson(o: GroupOutcome | undefined): JsonValue {
  if (o === undefined) return null;
  return { all: statsJson(o.all), before_break: statsJson(o.beforeBreak), after_break: statsJson(o.afterBreak) };
}

function optionsJson(o: GenerateOptions, simulated: boolean): JsonValue {
  return {
    seed: o.seed, agents: o.agents, symbols: simulated ? o.symbols : null,
    start: simulated ? isoOf(o.startMs) : null, end: simulated ? isoOf(o.endMs) : null,
    freq_minutes: simulated ? o.freqMs / 60_000 : null,
    findings_per_agent_per_bar: o.findingsPerAgentPerBar, horizon_hours: o.horizonHours,
    classes: [...o.classes], decaying_class: o.decayingClass, break_fraction: o.breakFraction,
    high_skill_ic: o.highSkillIc, decaying_class_ic: o.decayingClassIc, ic_after_break: o.icAfterBreak, prices: simulated ? 'simulated' : 'given',
  };
}

/** Returns per-agent mean IC over the agent's own findings (0 for an agent without findings). */
function meanIcByAgent(u: Universe): Float64Array {
  const sum = new Float64Array(u.roster.length);
  const n = new Float64Array(u.roster.length);
  for (let i = 0; i < u.findings.length; i++) {
    const a = u.findings.agent.codes[i] ?? -1;
    const spec = u.roster[a];
    if (spec === undefined) continue;
    sum[a] = (sum[a] ?? 0) + icAt(spec, u.findings.tsMs[i] ?? 0, u.startMs, u.breakMs);
    n[a] = (n[a] ?? 0) + 1;
  }
  return sum.map((s, a) => ((n[a] ?? 0) > 0 ? s / (n[a] ?? 1) : 0));
}

/** Returns universe.json: the options, the price and skill models, and each agent's true IC path (the ground truth). */
export function summarizeUniverse(u: Universe): JsonValue {
  const simulated = u.priceTruth !== null;
  const meanIc = meanIcByAgent(u);
  const agents: JsonValue[] = u.roster.map((a, id) => ({
    agent: a.name, strategy: a.strategy, role: a.role,
    ic_start: a.icStart, ic_end: icAt(a, u.endMs, u.startMs, u.breakMs), ic_mean_over_findings: meanIc[id] ?? 0,
    decay_half_life_hours: a.decayHalfLifeMs > 0 ? a.decayHalfLifeMs / 3_600_000 : null,
    ic_after_break: a.icAfterBreak, burst_ic: a.bursts.length > 0 ? a.burstIc : null,
    bursts: a.bursts.map((w) => ({ start: isoOf(w.startMs), end: isoOf(w.endMs) })),
    realized: outcomeJson(u.agentOutcomes[id]),
  }));
  const classes: JsonValue[] = u.classes.map((c, id) => {
    const o = u.classOutcomes[id];
    return { strategy: c, realized: outcomeJson(o), drawdown_breach: o?.breachMs != null ? isoOf(o.breachMs) : null };
  });
  const t = u.priceTruth;
  let stressed = 0;
  if (t !== null) for (const r of t.regime) stressed += r;
  const priceModel: JsonValue = t === null ? null : {
    annual_drift: [...PRICE_MODEL.annualDrift], annual_vol: [...PRICE_MODEL.annualVol],
    mean_stay_hours: [...PRICE_MODEL.meanStayHours], regimes: ['calm', 'stressed'], tail_df: 4,
    factor_weight: PRICE_MODEL.factorWeight, idio_weight: PRICE_MODEL.idioWeight,
    stressed_bar_share: t.regime.length > 0 ? stressed / t.regime.length : 0,
    symbols: u.grid.symbols.map((s, i) => ({ symbol: s, factor: t.factorOf[i] ?? 0, beta: t.beta[i] ?? 0, vol_scale: t.volScale[i] ?? 0 })),
  };
  const m = SKILL_MODEL;
  return {
    generator: 'bt data generate',
    format_version: 1,
    options: optionsJson(u.options, simulated),
    sample: {
      start: isoOf(u.startMs), end: isoOf(u.endMs), break: isoOf(u.breakMs),
      bars: u.grid.tsMs.length, symbols: u.grid.symbols.length, findings: u.findings.length,
    },
    rules: {
      signal: 'signal = ic * z + sqrt(1 - ic^2) * eps; z = future return / rms of the symbol; eps ~ N(0, 1)',
      direction: 'sign(signal), +1 at 0', confidence: 'erf(|signal| / sqrt(2))',
      severity: '|signal| < 0.5 low, < 1 medium, < 1.75 high, else critical',
      realized_pnl_bps: 'direction * (close at or before ts + horizon / close at ts - 1) * 1e4',
      ic_path: 'burst_ic inside a burst; ic_after_break from the break on; else ic_start * 0.5^((t - start) / half_life)',
    },
    price_model: priceModel,
    skill_model: {
      ic_range: [...m.icRange], decaying_ic_range: [...m.decayingIcRange], default_ic_after_break: m.icAfterBreak,
      half_life_spans: [...m.halfLifeSpans], breaking_share: m.breakingShare, bursts_range: [...m.burstsRange],
      burst_spans: [...m.burstSpans], min_burst_ic: m.minBurstIc, burst_signal_scale: m.burstSignalScale,
    },
    agents,
    classes,
  };
}

/**
 * The scenario file's fields as data: types, ranges, defaults and docs in one place, driving
 * validation (param-spec.ts), the resolved Scenario (resolve.ts) and scenarios/README.md
 * (render-scenario-docs.ts). YAML keys are snake_case; resolve.ts maps them to camelCase.
 * Defaults are the seeds' tunables: 003 (confidence_decay constants, the §4 promotion gate),
 * 001 (compute_weights hard gates), 002 (Capital Governor threshold, guardian, regime).
 */
import { compareCodeUnits } from '../core/stable-json.js';
import type { FieldSpec, ObjectSpec } from './param-spec.js';

const fraction = (doc: string, dflt: number): FieldSpec => ({ kind: 'number', doc, default: dflt, min: 0, max: 1 });
const positive = (doc: string, dflt: number): FieldSpec => ({ kind: 'number', doc, default: dflt, min: 0, minExclusive: true });
const nonNegative = (doc: string, dflt: number): FieldSpec => ({ kind: 'number', doc, default: dflt, min: 0 });
const anyNumber = (doc: string, dflt: number): FieldSpec => ({ kind: 'number', doc, default: dflt });
const flag = (doc: string, dflt: boolean): FieldSpec => ({ kind: 'boolean', doc, default: dflt });

/** Cost fields a symbol can override (all optional: absent = off, so older scenarios keep their config id). */
type NumberField = Extract<FieldSpec, { kind: 'number' }>;

const SYMBOL_COST_FIELDS: Readonly<Record<string, NumberField>> = {
  half_spread_bps: { kind: 'number', doc: 'Half the quoted spread, paid on each fill, in bps of traded notional. Absent: 0', optional: true, min: 0 },
  impact_k: { kind: 'number', doc: 'Square-root impact coefficient k: impact = k x sigma x sqrt(|traded| / ADV) of traded notional; needs a volume column in the prices file (without one, no impact). Absent: 0', optional: true, min: 0 },
  min_trade_notional: { kind: 'number', doc: 'Skip a fill whose |traded notional| is below this, in currency units; a buy cut for cash below it does not fill either (it waits for cash). Absent: 0', optional: true, min: 0 },
  min_trade_fraction: { kind: 'number', doc: 'Skip a fill whose |traded notional| is below this fraction of equity, in [0, 1]; a buy cut for cash below it does not fill either (it waits for cash). Absent: 0', optional: true, min: 0, max: 1 },
  no_trade_band: { kind: 'number', doc: "Skip a fill whose |target weight - current weight| is below this, fraction of equity in [0, 1]. Absent: 0", optional: true, min: 0, max: 1 },
};

/** Returns cost fields as optional overrides whose absence means the section's own value. */
function overridesOf(fields: Readonly<Record<string, NumberField>>): ObjectSpec {
  const out: Record<string, FieldSpec> = {};
  for (const [key, f] of Object.entries(fields)) out[key] = { ...f, optional: true, doc: `${f.doc.replace(/\. Absent: .*$/, '')}. Absent: costs.${key}` };
  return out;
}

/** The `allocator` section; `variant` choices and `params` fields are filled per run from the registry (parse.ts). */
export const ALLOCATOR_SPEC: ObjectSpec = {
  variant: { kind: 'string', doc: 'Allocator plug-in to run, by name (see "allocator.params by variant")', choices: [] },
  mode: { kind: 'string', doc: "'seed' reproduces the seeds' Python quirks; 'default' corrects them", default: 'default', choices: ['seed', 'default'] },
  params: { kind: 'object', doc: "The variant's own parameters, checked against its spec; defaults filled", fields: {} },
};

/** The whole scenario file, section by section. */
export const SCENARIO_SPEC: ObjectSpec = {
  name: { kind: 'string', doc: 'Scenario name; names the results folder', pattern: { source: '^(?!\\.\\.?$)[a-z0-9._-]+$', doc: "made of a-z, 0-9, '.', '_' and '-', other than '.' and '..' (a folder name)" } },
  description: { kind: 'string', doc: 'Free text shown in reports', optional: true },
  seed: { kind: 'number', doc: "A label recorded in manifest.json (and part of the config id): a run draws no random numbers in this version, so its outputs do not depend on it (bt sweep notes a grid over it as unread). For runs over random desks, generate them: bt data generate --seed N", default: 0, min: 0, integer: true },
  data: {
    kind: 'object',
    doc: 'Input files, relative to the scenario file\'s folder',
    fields: {
      findings: { kind: 'path', doc: 'Findings (signals) file, Arrow IPC' },
      prices: { kind: 'path', doc: 'Prices file, Arrow IPC' },
      agents: { kind: 'path', doc: "Agents file; absent: every agent in findings is enabled with weight 1, strategy from findings or 'unclassified'", optional: true },
      kill_list: { kind: 'path', doc: 'Strategy-class kill list (YAML)', optional: true },
      reconciled: { kind: 'path', doc: 'Recorded outcomes (reconciled.arrow, datasets/README.md), for a later version: this one reconciles every finding against the prices itself: bt run and bt compare refuse a scenario that sets it (exit 2), and every configuration of a bt sweep over it fails with that message', optional: true },
      regime: { kind: 'path', doc: 'Regime file, CSV with the header ts,risk_multiplier: times as scenario dates (a date, or a date-time with Z or an offset), strictly increasing; multipliers in [0, 1]', optional: true },
    },
  },
  benchmark: {
    kind: 'object',
    doc: 'Benchmark of the benchmark-relative metrics (beta, alpha, tracking error, capture; docs/metrics.md); absent: none',
    optional: true,
    fields: {
      symbol: { kind: 'string', doc: 'Symbol whose closes are the benchmark (a symbol of `prices`, or of data.prices when `prices` is absent)' },
      prices: { kind: 'path', doc: 'Prices file (Arrow IPC, the prices schema) holding the benchmark; absent: data.prices', optional: true },
    },
  },
  metrics: {
    kind: 'object',
    doc: "How metrics.json annualizes; absent: periods per year inferred from the equity curve's dates (docs/metrics.md)",
    optional: true,
    fields: {
      periods_per_year: { kind: 'number', doc: "Periods per year of the equity curve (one period per price time): e.g. 252 daily closes, 1764 for 7 hourly bars a trading day, 8760 hourly around the clock. Absent: inferred from the curve's dates", optional: true, min: 0, minExclusive: true },
    },
  },
  time: {
    kind: 'object',
    doc: 'Backtest window; start must be before end',
    fields: {
      start: { kind: 'date', doc: 'Start of the run, UTC: ticks, fills and the equity curve start here (the first tick is the first time of the tick grid, clock.cadence and clock.offset, at or after it; a close stamped exactly at the start is the equity base, not a period). Earlier findings and prices are still replayed, as a warm-up: agents join and outcomes are reconciled at their own times, so the first tick counts them (to leave data out, drop its rows); bt governance and bt report lp report from here too (docs/reports.md). Absent: the first price or finding', optional: true },
      end: { kind: 'date', doc: 'Last instant simulated, UTC, included: a price or tick stamped exactly at it counts; absent: the last price (findings after it can be neither filled nor reconciled: left out, with a note)', optional: true },
    },
  },
  clock: {
    kind: 'object',
    doc: 'Supervisor schedule',
    fields: {
      cadence: { kind: 'duration', doc: 'Supervisor tick period; ticks fall on the epoch multiples of it (UTC), moved by clock.offset, from time.start to time.end, both included, whatever time of day the start has: 1d at 00:00 UTC, 7d on Thursdays (1970-01-01 was one), 7h at hours that shift from day to day' },
      offset: { kind: 'duration', doc: "Where the ticks sit within a cadence: at offset + k x cadence since 1970-01-01 00:00 UTC, below clock.cadence. 7d with offset 4d ticks on Mondays at 00:00 UTC (with 117h, 4 days and 21 hours, on Mondays at 21:00: after a US close stamped then); 1d with offset 21h ticks daily at 21:00 UTC. Absent: 0", optional: true },
    },
  },
  reconcile: {
    kind: 'object',
    doc: 'How findings become outcomes (expected vs realized PnL)',
    fields: {
      horizon_hours: positive('Outcome horizon in hours, for findings without horizon_hours (003 HORIZON_HOURS)', 24),
      expected_model: {
        kind: 'string',
        doc: "Model of a finding's expected PnL: 'score-linear' (the seeds'), 'ridge' (seed 003 §6: trained on reconciled outcomes, reconcile.ridge; score-linear until the first fit) or 'column' (the findings' own expected_pnl_bps; score-linear where it is null)",
        default: 'score-linear',
        choices: ['score-linear', 'ridge', 'column'],
      },
      expected_bps_per_score: {
        kind: 'number',
        doc: 'expected_pnl_bps = this x confidence x severity multiplier (bps; positive: the agent expects to be right in its own direction, and realized_pnl_bps is already signed by direction; at most 1e6, an expectation of 20,000 % at the highest score: far larger ones overflow to Infinity in the outcome columns)',
        default: 10,
        min: 0,
        max: 1e6,
      },
      error_abs_bps: positive('An outcome with abs_error_bps above this counts as an error (error_rate), in bps', 200),
      ridge: {
        kind: 'object',
        doc: 'The ridge expectation (expected_model: ridge; docs/modules/expected-model.md): features confidence, severity, direction, horizon, agent and class indicators; fit on the outcomes reconciled by each retrain time',
        optional: true,
        // No spec defaults: an omitted field is absent from the settings (and config ids) of every
        // scenario, ridge or not; the run uses RIDGE_DEFAULTS (run/config-from-scenario.ts), as each doc says.
        fields: {
          lambda: { kind: 'number', doc: "Penalty on every coefficient but the intercept, in the units of X'X, at least 1e-6 (a smaller one vanishes in X'X's rounding and leaves collinear features, such as the indicators or a horizon every finding shares, singular); absent: 1", optional: true, min: 1e-6 },
          retrain: { kind: 'duration', doc: 'Retrain cadence: a fit at the first tick at or after each epoch multiple of it; absent: 7d', optional: true },
          min_outcomes: { kind: 'number', doc: 'Reconciled outcomes needed before the first fit (score-linear until then); absent: 50', optional: true, min: 1, integer: true },
        },
      },
    },
  },
  stats: {
    kind: 'object',
    doc: 'Windows of the per-agent statistics',
    fields: {
      window_days: positive('Window of sharpe_30d, winrate_30d and max_dd_30d, in days (calendar days on any price or tick spacing); read by allocator.variant capital-governor only', 30),
      pnl_window_days: positive('Window of pnl_7d, in days (calendar days on any price or tick spacing); read by allocator.variant capital-governor only', 7),
      lookback_outcomes: { kind: 'number', doc: 'Outcomes per agent kept for pnl_sum_bps, hit_rate, error_rate and the averages; in allocator.mode default also the most the confidence decay reads per agent. At most 1e6: each agent keeps a ring of this many outcomes', default: 250, min: 1, max: 1_000_000, integer: true },
    },
  },
  allocator: { kind: 'object', doc: 'Which allocator plug-in runs, and its parameters', fields: ALLOCATOR_SPEC },
  targets: {
    kind: 'object',
    doc: 'Caps applied when agent weights become per-symbol targets (000 CapitalAllocator)',
    fields: {
      max_agent_weight: { kind: 'number', doc: "Largest share of capital one agent's findings take in the targets, fraction in (0, 1]: it caps the targets, not agent_weights.arrow (the allocator's weights; risk-penalized caps those with allocator.params.max_weight). allocator.mode seed clips each finding's agent weight to it before the symbols are normalized, so there it is no share of capital (docs/modules/targets.md)", default: 0.25, min: 0, max: 1, minExclusive: true },
      max_symbol_weight: { kind: 'number', doc: 'Largest target of one symbol, fraction of capital in (0, 1]', default: 0.2, min: 0, max: 1, minExclusive: true },
      cash_buffer: { kind: 'number', doc: 'Fraction of capital kept in cash, in [0, 1)', default: 0.1, min: 0, max: 1, maxExclusive: true },
      allow_short: { kind: 'boolean', doc: 'Allow negative (short) targets', default: false, only: false, onlyWhy: 'the book is long-only in this version' },
    },
  },
  decay: {
    kind: 'object',
    doc: 'Per-agent confidence multipliers from reconciled outcomes (003 update_confidence_multipliers); only allocator.variant risk-penalized weighs agents by them (the other variants record them in agent_weights.arrow)',
    fields: {
      enabled: flag('Apply confidence decay', true),
      half_life_signals: {
        kind: 'number',
        doc: "Half-life of an outcome's weight, in reconciled signals per agent, >= 1: seed 003 takes max(this, 1), so a shorter one would act as 1 (003 HALF_LIFE_SIGNALS)",
        default: 80,
        min: 1,
      },
      loss_k_bps: positive('Penalty scale: penalty = x / (x + loss_k_bps) x penalty_cap, x = abs_error_bps (003 LOSS_K_BPS)', 50),
      floor: { kind: 'number', doc: 'Lowest multiplier, in (0, 1] (003 FLOOR)', default: 0.5, min: 0, max: 1, minExclusive: true },
      ceil: { kind: 'number', doc: 'Highest multiplier, >= floor and at most 1e6 (risk-penalized weighs agents by the multiplier: one near the float limit overflows the weights) (003 CEIL)', default: 1.1, min: 0, minExclusive: true, max: 1e6 },
      penalty_cap: { kind: 'number', doc: 'Largest penalty of one outcome, in [0, 1) (003 PENALTY_CAP)', default: 0.08, min: 0, max: 1, maxExclusive: true },
      loss_amplifier: { kind: 'number', doc: 'Penalty factor when realized PnL < 0, >= 1, with penalty_cap x this at most 1 (003 LOSS_AMPLIFIER)', default: 1.3, min: 1 },
      stability_boost: nonNegative('Multiplier boost for a clean streak, fraction (003 STABILITY_BOOST)', 0.02),
      stability_good_err_bps: nonNegative('An outcome with realized > 0 and abs_error_bps <= this is good, in bps (003 STABILITY_GOOD_ERR_BPS)', 30),
      stability_min_good: { kind: 'number', doc: 'Good outcomes needed (and no bad one) for the boost (003 STABILITY_MIN_GOOD); at most decay.limit_rows (in allocator.mode default, at most stats.lookback_outcomes too: the rows the decay reads)', default: 10, min: 0, integer: true },
      limit_rows: { kind: 'number', doc: 'Most recent reconciled rows read (003 limit_rows): in seed mode, of the whole log at the decay horizon; in default mode, of each agent, and at most stats.lookback_outcomes. At most 1e7: a ring of this many rows is kept', default: 8000, min: 1, max: 10_000_000, integer: true },
    },
  },
  cvar: {
    kind: 'object',
    doc: 'Per-strategy CVaR of the expected-vs-realized gap (003 §5); read by allocator.variant risk-penalized only, through allocator.params.cvar_penalty_k',
    fields: {
      window_days: positive('Window of outcomes used, in days (calendar days on any price or tick spacing)', 30),
      level: { kind: 'number', doc: 'CVaR confidence level, in (0.5, 1)', default: 0.95, min: 0.5, max: 1, minExclusive: true, maxExclusive: true },
      min_n: { kind: 'number', doc: 'Fewest outcomes for a CVaR value; fewer: no penalty. At most cvar.max_outcomes', default: 20, min: 1, integer: true },
      max_outcomes: { kind: 'number', doc: "Most recent outcomes per strategy class used, at most (bounds each tick's work)", default: 5000, min: 1, integer: true },
    },
  },
  promotion: {
    kind: 'object',
    doc: "Promotion gate (003 §4): an agent is promoted when every condition holds. A promotion sets the agent's status (events, bt governance's PR), never its weight",
    fields: {
      enabled: flag('Apply the promotion gate', true),
      min_pnl_sum_bps: anyNumber('pnl_sum_bps must be above this, in bps', 150),
      min_hit_rate: fraction('hit_rate must be at least this, fraction in [0, 1]', 0.55),
      max_error_rate: fraction('error_rate must be at most this, fraction in [0, 1]', 0),
      max_avg_abs_error_bps: nonNegative('avg_abs_error_bps must be at most this, in bps', 60),
      min_avg_pnl_error_bps: anyNumber('avg_pnl_error_bps must be at least this, in bps', -20),
    },
  },
  kill: {
    kind: 'object',
    doc: 'Kill and retirement rules (001 hard gates, 004 retirement and class kill lists)',
    fields: {
      enabled: flag('Apply kill and retirement rules', true),
      kill_error_rate: fraction('KILL an agent whose error_rate is above this, fraction in [0, 1]', 0.15),
      retire_pnl_sum_bps: anyNumber('RETIRE an agent whose pnl_sum_bps is at or below this, in bps', -200),
      retire_min_outcomes: { kind: 'number', doc: "Outcomes an agent needs before any decision on it (KILL, RETIRE, PROMOTE): a few early misses are not an error rate. Counted in its last stats.lookback_outcomes outcomes, so at most that", default: 20, min: 0, integer: true },
      retire_drawdown_bps: anyNumber('RETIRE an agent whose max_drawdown_bps is below this, in bps', -500),
      class_kill: flag('Apply the strategy-class kill list (data.kill_list)', true),
      class_min_outcomes: { kind: 'number', doc: 'Outcomes a strategy class needs before its kill-list thresholds can fire (DISABLED acts at once)', default: 100, min: 0, integer: true },
    },
  },
  governor: {
    kind: 'object',
    doc: 'Capital Governor (002): reallocation threshold, regime multiplier, guardian',
    fields: {
      reallocation_threshold: fraction('Reallocate only when some symbol target changes by at least this (the first targets always go through), fraction in [0, 1]', 0.1),
      regime_default: fraction('Risk multiplier without a regime file or before its first row, in [0, 1]', 1),
      guardian: {
        kind: 'object',
        doc: 'Drawdown guardian: holds targets while paused',
        fields: {
          enabled: flag('Apply the guardian', true),
          pause_drawdown: { kind: 'number', doc: 'Pause when portfolio drawdown passes this, fraction in (0, 1)', default: 0.2, min: 0, max: 1, minExclusive: true, maxExclusive: true },
          resume_drawdown: { kind: 'number', doc: 'Resume when drawdown falls below this, fraction in [0, pause_drawdown); 0 never resumes (a drawdown is never below 0: at a new high it is 0), so a pause holds the targets to the end', default: 0.1, min: 0, max: 1, maxExclusive: true },
        },
      },
    },
  },
  costs: {
    kind: 'object',
    doc: 'Trading costs of each fill: fixed + half spread + square-root impact (engine/portfolio/costs.ts), paid from cash; a fill inside the no-trade band or below the minimum size is skipped whole, and so is a buy cut for cash below the minimum. bps_per_turnover + slippage_bps + half_spread_bps at most 10000 (here and in each costs.symbols entry), and the impact term and a bar\'s spread_bps are capped so that a fill never costs more than it trades',
    fields: {
      bps_per_turnover: nonNegative('Commission per unit of turnover, in bps', 5),
      slippage_bps: nonNegative('Slippage per unit of turnover, in bps', 2),
      ...SYMBOL_COST_FIELDS,
      spread_column: { kind: 'boolean', doc: "Take the half spread from the prices file's spread_bps column (half of it) where the bar has one; elsewhere (a null) half_spread_bps. A prices file without the column is an error. Absent: false", optional: true },
      impact_window: { kind: 'number', doc: 'Closes in the trailing window of the impact term: sigma = sample stdev of the last N close-to-close returns, ADV = mean close x volume of the last N bars with a volume, at or before the fill. A symbol with fewer than N returns has no sigma and no impact (metrics.json notes count those fills). At most 1e5: each symbol keeps rings of N. Absent: 20', optional: true, min: 2, max: 100_000, integer: true },
      symbols: {
        kind: 'record',
        doc: 'Per-symbol overrides: SYMBOL -> any of bps_per_turnover, slippage_bps, half_spread_bps, impact_k, min_trade_notional, min_trade_fraction, no_trade_band',
        optional: true,
        value: {
          kind: 'object',
          doc: 'Cost fields of one symbol; absent fields take the defaults above',
          fields: overridesOf({
            bps_per_turnover: { kind: 'number', doc: 'Commission per unit of turnover, in bps', min: 0 },
            slippage_bps: { kind: 'number', doc: 'Slippage per unit of turnover, in bps', min: 0 },
            ...SYMBOL_COST_FIELDS,
          }),
        },
      },
    },
  },
  portfolio: {
    kind: 'object',
    doc: 'Starting portfolio',
    fields: {
      initial_capital: { kind: 'number', doc: 'Starting capital, in currency units (at most 1e15: larger sums overflow the run\'s arithmetic)', default: 1_000_000, min: 0, minExclusive: true, max: 1e15 },
    },
  },
  output: {
    kind: 'object',
    doc: 'Where results go',
    fields: {
      dir: { kind: 'path', doc: 'Results folder, relative to the current directory; absent: results/<name>', optional: true, base: 'cwd' },
    },
  },
};

/** Returns the sorted allocator names (code-unit order) of a registry of param specs. */
export function allocatorNames(allocators: Readonly<Record<string, ObjectSpec>>): readonly string[] {
  return Object.keys(allocators).sort(compareCodeUnits);
}

/** Returns a plug-in's params spec with each field's `seedMin` as its lower bound (allocator.mode seed). */
function seedModeParams(params: ObjectSpec): ObjectSpec {
  const out: Record<string, FieldSpec> = {};
  for (const [key, f] of Object.entries(params)) {
    if (f.kind !== 'number' || f.seedMin === undefined) {
      out[key] = f;
      continue;
    }
    const { seedMin, ...rest } = f;
    out[key] = { ...rest, min: seedMin.min, minExclusive: seedMin.exclusive, rangeHint: seedMin.why };
  }
  return out;
}

/**
 * Returns `spec` with `allocator.variant` choices set to the registry's names and, when
 * `variant` names a registered plug-in, `allocator.params` checked by its spec (with its
 * seed-mode bounds when `mode` is 'seed'). When it does not, `params` is left out (parse.ts
 * drops it from the input: the variant error says enough).
 */
export function scenarioSpecFor(
  spec: ObjectSpec,
  allocators: Readonly<Record<string, ObjectSpec>>,
  variant?: string,
  mode?: string,
): ObjectSpec {
  const section = spec['allocator'];
  if (section?.kind !== 'object') return spec;
  const variantSpec = section.fields['variant'];
  const paramsSpec = section.fields['params'];
  const fields: Record<string, FieldSpec> = { ...section.fields };
  if (variantSpec?.kind === 'string') fields['variant'] = { ...variantSpec, choices: allocatorNames(allocators) };
  const pluginSpec = variant !== undefined && Object.hasOwn(allocators, variant) ? allocators[variant] : undefined;
  if (pluginSpec !== undefined && paramsSpec?.kind === 'object') fields['params'] = { ...paramsSpec, fields: mode === 'seed' ? seedModeParams(pluginSpec) : pluginSpec };
  else if (variant !== undefined) delete fields['params'];
  return { ...spec, allocator: { ...section, fields } };
}

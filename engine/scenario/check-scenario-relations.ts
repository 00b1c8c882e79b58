import { describeFound } from './describe-field.js';
import { isPlainObject, type ParamObject } from './param-spec.js';
import { report, type ValidationContext } from './validation-context.js';

function section(obj: unknown, ...keys: readonly string[]): Readonly<Record<string, unknown>> | undefined {
  let cur: unknown = obj;
  for (const k of keys) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return isPlainObject(cur) ? cur : undefined;
}

function num(obj: Readonly<Record<string, unknown>> | undefined, key: string): number | undefined {
  const v = obj?.[key];
  return typeof v === 'number' ? v : undefined;
}

/**
 * Adds the cross-field violations of a validated scenario `config` to `ctx`: decay.ceil >=
 * decay.floor, decay.penalty_cap x decay.loss_amplifier <= 1, time.start < time.end, clock.offset < clock.cadence, governor.guardian.resume_drawdown < pause_drawdown,
 * the counts a count window must be able to reach (checkReachableCounts), and the fixed costs of a
 * fill at most its notional (costs and each costs.symbols entry).
 * Each check runs only when both fields passed their own checks; `raw` (the parsed YAML)
 * gives the texts as written for the message.
 */
export function checkScenarioRelations(config: ParamObject, raw: unknown, ctx: ValidationContext): void {
  const decay = section(config, 'decay');
  const floor = num(decay, 'floor');
  const ceil = num(decay, 'ceil');
  if (floor !== undefined && ceil !== undefined && ceil < floor) {
    report(ctx, 'decay.ceil', { field: 'decay.ceil', expected: `a number >= decay.floor (${floor})`, found: describeFound(ceil) });
  }
  // one row's factor is 1 - x / (x + loss_k_bps) x penalty_cap x w (x loss_amplifier on a loss): a
  // product above 1 lets it go negative, and two such losses multiply back to a positive multiplier
  const cap = num(decay, 'penalty_cap');
  const amp = num(decay, 'loss_amplifier');
  if (cap !== undefined && amp !== undefined && cap * amp > 1) {
    report(ctx, ctx.keyLines.has('decay.penalty_cap') || !ctx.keyLines.has('decay.loss_amplifier') ? 'decay.penalty_cap' : 'decay.loss_amplifier', {
      field: 'decay.penalty_cap',
      expected: `decay.penalty_cap x decay.loss_amplifier at most 1 (a larger product lets one loss's factor 1 - penalty go below 0, and two such losses multiply back to a positive multiplier: more losses, more confidence)`,
      found: `${cap} x ${amp} = ${cap * amp}`,
    });
  }
  const time = section(config, 'time');
  const startMs = num(time, 'start');
  const endMs = num(time, 'end');
  if (startMs !== undefined && endMs !== undefined && startMs >= endMs) {
    const rawTime = section(raw, 'time');
    report(ctx, 'time.end', {
      field: 'time.end',
      expected: `a date after time.start (${describeFound(rawTime?.['start'])})`,
      found: describeFound(rawTime?.['end']),
    });
  }
  const clock = section(config, 'clock');
  const cadenceMs = num(clock, 'cadence');
  const offsetMs = num(clock, 'offset');
  if (cadenceMs !== undefined && offsetMs !== undefined && offsetMs >= cadenceMs) {
    const rawClock = section(raw, 'clock');
    report(ctx, 'clock.offset', {
      field: 'clock.offset',
      expected: `a duration below clock.cadence (${describeFound(rawClock?.['cadence'])}): the grid repeats every cadence`,
      found: describeFound(rawClock?.['offset']),
    });
  }
  const guardian = section(config, 'governor', 'guardian');
  const pause = num(guardian, 'pause_drawdown');
  const resume = num(guardian, 'resume_drawdown');
  if (pause !== undefined && resume !== undefined && resume >= pause) {
    report(ctx, 'governor.guardian.resume_drawdown', {
      field: 'governor.guardian.resume_drawdown',
      expected: `a number in [0, governor.guardian.pause_drawdown) = [0, ${pause})`,
      found: describeFound(resume),
    });
  }
  checkReachableCounts(config, ctx);
  checkFixedCostsBelowNotional(section(config, 'costs'), ctx);
}

/**
 * Reports a count threshold above the most outcomes its window ever holds, which would switch a
 * rule off without a word: kill.retire_min_outcomes above stats.lookback_outcomes (an agent's
 * n_outcomes is counted in its last lookback_outcomes outcomes, so no agent would ever be killed,
 * retired or promoted), cvar.min_n above cvar.max_outcomes (no class would ever have a CVaR) and
 * decay.stability_min_good above the rows the decay reads (decay.limit_rows; in allocator.mode
 * default at most stats.lookback_outcomes per agent: no agent would ever get the boost). Reported
 * at whichever of the two keys the file writes (the threshold's when both).
 */
function checkReachableCounts(config: ParamObject, ctx: ValidationContext): void {
  const at = (threshold: string, bound: string): string => (ctx.keyLines.has(threshold) || !ctx.keyLines.has(bound) ? threshold : bound);
  const atMostCount = (threshold: string, value: number | undefined, bound: string, boundValue: number | undefined, why: string): void => {
    if (value === undefined || boundValue === undefined || value <= boundValue) return;
    report(ctx, at(threshold, bound), { field: threshold, expected: `an integer <= ${bound} (${boundValue}): ${why}`, found: describeFound(value) });
  };
  const stats = section(config, 'stats');
  const lookback = num(stats, 'lookback_outcomes');
  const kill = section(config, 'kill');
  const promotion = section(config, 'promotion');
  if (kill?.['enabled'] !== false || promotion?.['enabled'] !== false) {
    atMostCount('kill.retire_min_outcomes', num(kill, 'retire_min_outcomes'), 'stats.lookback_outcomes', lookback, "an agent's n_outcomes counts its last stats.lookback_outcomes outcomes, so no agent would ever be killed, retired or promoted");
  }
  const cvar = section(config, 'cvar');
  atMostCount('cvar.min_n', num(cvar, 'min_n'), 'cvar.max_outcomes', num(cvar, 'max_outcomes'), 'a class CVaR reads at most cvar.max_outcomes outcomes, so no class would ever have one');
  const decay = section(config, 'decay');
  if (decay?.['enabled'] === false) return;
  const seed = section(config, 'allocator')?.['mode'] === 'seed';
  const limitRows = num(decay, 'limit_rows');
  const minGood = num(decay, 'stability_min_good');
  const why = 'the decay counts good outcomes among the rows it reads, so no agent would ever get the stability boost';
  if (seed || limitRows === undefined || lookback === undefined || limitRows <= lookback) atMostCount('decay.stability_min_good', minGood, 'decay.limit_rows', limitRows, why);
  else atMostCount('decay.stability_min_good', minGood, 'stats.lookback_outcomes', lookback, `${why} (allocator.mode default reads at most stats.lookback_outcomes rows per agent)`);
}

/** The cost fields in bps of traded notional, summed into one fill's fixed cost. */
const BPS_COST_FIELDS = ['bps_per_turnover', 'slippage_bps', 'half_spread_bps'] as const;

/**
 * Reports a cost section (and each per-symbol override, merged over it) whose bps fields sum past
 * 10,000 bps: a fill would cost more than it trades, so a sale would take cash instead of raising it.
 */
function checkFixedCostsBelowNotional(costs: Readonly<Record<string, unknown>> | undefined, ctx: ValidationContext): void {
  if (costs === undefined) return;
  const check = (path: string, valueOf: (key: string) => number | undefined): void => {
    const parts = BPS_COST_FIELDS.map((key) => ({ key, value: valueOf(key) ?? 0 }));
    const sum = parts.reduce((acc, p) => acc + p.value, 0);
    if (sum <= 1e4) return;
    report(ctx, path, {
      field: path,
      expected: `${BPS_COST_FIELDS.join(' + ')} at most 10000 bps (a fill costing more than it trades)`,
      found: `${parts.map((p) => `${p.key} ${p.value}`).join(' + ')} = ${sum} bps`,
    });
  };
  check('costs', (key) => num(costs, key));
  const symbols = section(costs, 'symbols');
  if (symbols === undefined) return;
  for (const symbol of Object.keys(symbols).sort()) {
    const own = section(symbols, symbol);
    if (BPS_COST_FIELDS.every((key) => num(own, key) === undefined)) continue; // the section's sum, reported above
    check(`costs.symbols.${symbol}`, (key) => num(own, key) ?? num(costs, key));
  }
}

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
 * decay.floor, time.start < time.end, clock.offset < clock.cadence, governor.guardian.resume_drawdown < pause_drawdown, and
 * the fixed costs of a fill at most its notional (costs and each costs.symbols entry).
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
  checkFixedCostsBelowNotional(section(config, 'costs'), ctx);
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

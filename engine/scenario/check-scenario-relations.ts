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
 * decay.floor, time.start < time.end, governor.guardian.resume_drawdown < pause_drawdown.
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
}

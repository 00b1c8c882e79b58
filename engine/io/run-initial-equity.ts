import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { isPlainObject } from '../scenario/param-spec.js';

const isCapital = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Returns the capital a run folder's run started from: metrics.json's `initial_equity`, else
 * manifest.json's resolved `scenario.portfolio.initial_capital` (the value bt run writes as
 * initial_equity: the same number, not a guess). Neither: refused, naming the file and field.
 * The equity curve cannot stand in: its first point is after the first period, whose return
 * (and any cost paid at the first price time) every figure counts. Readers fell back silently
 * to that first point (bt compare, the run report) or to 1 (bt governance, bt report lp: a total
 * return of 305,895,597 %).
 */
export function runInitialEquity(dir: string, metrics: Readonly<Record<string, unknown>>, manifest: Readonly<Record<string, unknown>>): number {
  const recorded = metrics['initial_equity'];
  if (isCapital(recorded)) return recorded;
  const scenario = manifest['scenario'];
  const portfolio = isPlainObject(scenario) ? scenario['portfolio'] : undefined;
  const capital = isPlainObject(portfolio) ? portfolio['initial_capital'] : undefined;
  if (isCapital(capital)) return capital;
  throw new BtInputError({
    file: join(dir, 'metrics.json'),
    field: 'initial_equity',
    expected: 'the capital the run started from, a number > 0 (as bt run writes it), or manifest.json scenario.portfolio.initial_capital',
    found: `${recorded === undefined ? 'no such field' : JSON.stringify(recorded)}, and ${capital === undefined ? 'no scenario.portfolio.initial_capital in manifest.json' : `manifest.json scenario.portfolio.initial_capital ${JSON.stringify(capital)}`}`,
    hint: 'Rerun the scenario with this bt to write a complete run folder',
  });
}

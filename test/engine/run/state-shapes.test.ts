import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { prepareScenarioRun } from '../../../engine/run/run-scenario.js';
import { runBacktest } from '../../../engine/run/run.js';
import { withLogging } from '../../../engine/run/config.js';
import { dueBlockOf } from '../../../engine/run/stages/outcomes.js';
import { newPairsTapeRecorder } from '../../../engine/run/staged/pairs-tape.js';

/**
 * Paths of the plain objects (made by a literal, `{ ... }`) under `root` that hold another object
 * in a field. V8 records such a field's object type at a literal site's first run and widens it
 * at the second, throwing away the optimized code of every function that relied on it: a
 * process's second run took about twice its steady-state time (bench/RESULTS.md, twentieth
 * session). Class instances keep their field types. Plain objects of numbers, strings and
 * booleans widen nothing, so they may stay literals. Objects in `owned` (the scenario's own,
 * built once per scenario) are not the run's and are skipped.
 */
function literalsHoldingObjects(root: object, name: string, owned: ReadonlySet<object>): string[] {
  const found: string[] = [];
  const seen = new Set<object>(owned);
  const visit = (o: object, path: string): void => {
    if (seen.has(o)) return;
    seen.add(o);
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer) return;
    const entries = Array.isArray(o) ? o.map((v, i) => [String(i), v] as const) : Object.entries(o);
    const isLiteral = !Array.isArray(o) && Object.getPrototypeOf(o) === Object.prototype;
    if (isLiteral && entries.some(([, v]) => typeof v === 'object' && v !== null)) found.push(path);
    for (const [k, v] of entries) if (typeof v === 'object' && v !== null) visit(v, Array.isArray(o) ? `${path}[${k}]` : `${path}.${k}`);
  };
  visit(root, name);
  return found;
}

/** Every object reachable from `root`. */
function reachable(root: object): Set<object> {
  const out = new Set<object>();
  const visit = (o: object): void => {
    if (out.has(o)) return;
    out.add(o);
    for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) visit(v);
  };
  visit(root);
  return out;
}

const scenario = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
const data = loadRunData(runDataPaths(scenario));

describe('the objects a run builds for itself', () => {
  it('are class instances wherever they hold other objects, so a second run keeps the first run\'s field types', () => {
    const { cfg, plugin, params } = prepareScenarioRun(scenario, data, ALLOCATORS);
    const outcome = runBacktest(data, cfg, plugin, params);
    const owned = reachable(scenario);
    expect([...literalsHoldingObjects(cfg, 'cfg', owned), ...literalsHoldingObjects(outcome, 'outcome', owned)]).toEqual([]);
  });

  it('builds stage 1\'s due block as a class instance (a worker\'s second run built it from the literal site again)', () => {
    const { cfg, plugin, params } = prepareScenarioRun(scenario, data, ALLOCATORS);
    const outcome = runBacktest(data, cfg, plugin, params);
    expect(literalsHoldingObjects(dueBlockOf(outcome.state, 0), 'dueBlock', new Set())).toEqual([]);
  });

  it('builds the pairs tape recorder as a class instance (a worker records a tape per upstream group)', () => {
    expect(literalsHoldingObjects(newPairsTapeRecorder(), 'pairsRecorder', new Set())).toEqual([]);
  });

  it('gives a sweep\'s runs a RunConfig of a class, with every field of the scenario\'s in its order and only the logging switched', () => {
    const { cfg } = prepareScenarioRun(scenario, data, ALLOCATORS);
    const quiet = withLogging(cfg, false, false);
    expect(literalsHoldingObjects(quiet, 'cfg', reachable(scenario))).toEqual([]);
    expect(Object.keys(quiet)).toEqual(Object.keys(cfg));
    // one class for both: stages reading the configuration see one map, not two to tell apart
    expect(Object.getPrototypeOf(quiet)).toBe(Object.getPrototypeOf(cfg));
    expect({ ...quiet }).toEqual({ ...cfg, logOutcomes: false, targetRows: false });
    expect(withLogging(cfg, false, true).targetRows).toBe(true);
  });
});

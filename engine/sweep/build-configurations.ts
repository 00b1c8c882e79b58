import { BtInputError, formatInputError, type InputErrorDetail } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { linesOfKeysNotSet, parseScenarioValue, type ParseScenarioOptions } from '../scenario/parse.js';
import { parseYamlWithLines, type YamlWithLines } from '../scenario/parse-yaml-with-lines.js';
import { settingAt, type FieldSpec, type ObjectSpec, type ParamValue } from '../scenario/param-spec.js';
import { SCENARIO_SPEC, scenarioSpecFor } from '../scenario/schema.js';
import type { Scenario } from '../scenario/scenario.js';
import { applyOverrides, isPlainTree, overriddenValue } from './apply-overrides.js';
import { sweepConfigId } from './config-id.js';
import type { SweepFile } from './parse-sweep-file.js';
import { expandSpace, spacePaths, type Overrides } from './space.js';

/** One configuration of a sweep: its id, where it came from, and its validated scenario. */
export interface SweepConfig {
  readonly id: string;
  /** 0-based position in the expanded space (messages only). */
  readonly index: number;
  readonly overrides: Overrides;
  readonly scenario: Scenario;
  /** Resolved value of each swept path (null when the configuration has none there). */
  readonly params: Readonly<Record<string, ParamValue | null>>;
}

/** Every distinct configuration of a sweep, sorted by id. */
export interface SweepConfigurations {
  readonly base: Scenario;
  readonly paths: readonly string[];
  readonly configs: readonly SweepConfig[];
  /** Configurations dropped because an earlier one resolved to the same settings (same id). */
  readonly duplicates: number;
}

/** How buildConfigurations reads each configuration. */
export interface BuildConfigurationsOptions extends ParseScenarioOptions {
  /** Write and parse every configuration's YAML (the reference the fast path must equal); default false. */
  readonly referencePath?: boolean;
}

/** Returns the line key of an override in the sweep file ('space.grid.targets.cash_buffer'). */
function overrideKey(sweep: SweepFile, index: number, path: string): string {
  if (sweep.space.kind === 'list') return `space.list.${index}.${path}`;
  if (sweep.space.kind === 'random') return `space.random.params.${path}`;
  return `space.grid.${path}`;
}

/** Returns why `path` names no scenario field under `spec`, or undefined when it does. */
function pathProblem(spec: ObjectSpec, path: string): { at: string; key: string; choices: readonly string[] } | undefined {
  let fields: ObjectSpec | undefined = spec;
  let field: FieldSpec | undefined;
  const keys = path.split('.');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (field?.kind === 'record') {
      field = field.value;
      fields = field.kind === 'object' ? field.fields : undefined;
      continue;
    }
    if (fields === undefined || !Object.hasOwn(fields, key)) return { at: keys.slice(0, i).join('.'), key, choices: fields === undefined ? [] : Object.keys(fields) };
    field = fields[key] as FieldSpec;
    fields = field.kind === 'object' ? field.fields : undefined;
  }
  return undefined;
}

/**
 * Returns the scenario of one configuration. The fast path sets the overrides on a copy of the
 * base's parsed data and validates that; when it finds anything to report (or a path only the
 * YAML can judge) the reference path writes the configuration's YAML and parses it, so every
 * message carries the lines a user would see. Both give the same Scenario where both succeed
 * (test/engine/sweep/build-configurations.test.ts). Either keeps the base file's lines of the
 * keys no override sets (`baseLines`; Scenario.keyLines): a later message names the line the
 * user wrote, and none for a value the sweep file sets.
 */
function configScenario(baseText: string, baseYaml: YamlWithLines | null, baseLines: ReadonlyMap<string, number>, overrides: Overrides, baseFile: string, opts: ParseScenarioOptions): Scenario {
  const kept = linesOfKeysNotSet(baseLines, overrides.map(([p]) => p));
  const value = baseYaml === null ? null : overriddenValue(baseYaml.value, overrides);
  if (baseYaml !== null && value !== null) {
    try {
      return parseScenarioValue(value, baseYaml.keyLines, baseFile, opts, kept);
    } catch (err) {
      if (!(err instanceof BtInputError)) throw err;
    }
  }
  const text = applyOverrides(baseText, overrides);
  const yaml = parseYamlWithLines(text, baseFile);
  return parseScenarioValue(yaml.value, yaml.keyLines, baseFile, opts, kept);
}

function describeOverrides(o: Overrides): string {
  return o.map(([p, v]) => `${p}=${typeof v === 'string' ? v : stableStringify(v)}`).join(', ');
}

/**
 * Returns every configuration of the sweep: the base scenario YAML with each set of overrides
 * applied, validated by parseScenario, keyed by configId of its resolved settings and sorted
 * by id. Throws one BtInputError listing each distinct violation at its sweep-file line.
 */
export function buildConfigurations(sweep: SweepFile, baseText: string, baseFile: string, opts: BuildConfigurationsOptions): SweepConfigurations {
  const baseYaml = parseYamlWithLines(baseText, baseFile);
  const base = parseScenarioValue(baseYaml.value, baseYaml.keyLines, baseFile, opts);
  const fast = opts.referencePath !== true && isPlainTree(baseYaml.value) ? baseYaml : null;
  const expanded = expandSpace(sweep.space);
  const paths = spacePaths(sweep.space);
  const seen = new Map<string, string>();
  const errors: InputErrorDetail[] = [];
  const byId = new Map<string, SweepConfig>();
  let duplicates = 0;
  expanded.forEach((overrides, index) => {
    const where = (path: string): { file: string; line?: number } => {
      const line = sweep.keyLines.get(overrideKey(sweep, index, path));
      return line === undefined ? { file: sweep.file } : { file: sweep.file, line };
    };
    const hint = `In configuration ${index + 1} of ${expanded.length} (${describeOverrides(overrides)}) over ${baseFile}`;
    const add = (d: InputErrorDetail): void => {
      const key = formatInputError({ ...d, hint: '' });
      if (!seen.has(key)) {
        seen.set(key, key);
        errors.push({ ...d, hint: d.hint === undefined ? hint : `${d.hint} ${hint}` });
      }
    };
    const variantOverride = overrides.find(([p]) => p === 'allocator.variant')?.[1];
    const variant = typeof variantOverride === 'string' ? variantOverride : base.allocator.variant;
    const spec = scenarioSpecFor(SCENARIO_SPEC, opts.allocators, variant);
    // a path that names no field is reported, and the configuration's other overrides are still
    // checked without it: a typo in one key and a bad value in another come out in one round
    const badPaths = new Set<string>();
    for (const [path] of overrides) {
      const problem = pathProblem(spec, path);
      if (problem === undefined) continue;
      badPaths.add(path);
      const near = didYouMean(problem.key, problem.choices);
      const under = problem.at === '' ? 'at the top level' : `under '${problem.at}'`;
      add({ ...where(path), field: path, expected: `a scenario field ${under}`, found: `'${problem.key}'`, hint: near !== undefined ? `Did you mean '${near}'?` : `Fields there: ${problem.choices.join(', ') || 'none'}.` });
    }
    const checked = badPaths.size === 0 ? overrides : overrides.filter(([p]) => !badPaths.has(p));
    let scenario: Scenario;
    try {
      scenario = configScenario(baseText, fast, baseYaml.keyLines, checked, baseFile, opts);
    } catch (err) {
      if (!(err instanceof BtInputError)) throw err;
      for (const d of err.details) {
        const path = overrides.map(([p]) => p).find((p) => d.field !== undefined && (d.field === p || d.field.startsWith(`${p}.`)));
        add(path === undefined ? d : { ...d, ...where(path) });
      }
      return;
    }
    if (badPaths.size > 0) return;
    const id = sweepConfigId(scenario);
    if (byId.has(id)) {
      duplicates += 1;
      return;
    }
    const params: Record<string, ParamValue | null> = {};
    for (const p of paths) params[p] = settingAt(scenario.settings, p);
    byId.set(id, { id, index, overrides, scenario, params });
  });
  if (errors.length > 0) throw new BtInputError(errors.slice(0, 20), Math.max(0, errors.length - 20));
  const configs = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { base, paths, configs, duplicates };
}

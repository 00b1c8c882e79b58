import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { assert } from '../core/errors.js';
import { isPlainObject, type FieldSpec, type ObjectSpec, type ParamObject, type ParamValue } from './param-spec.js';
import type { Scenario, ScenarioPath } from './scenario.js';

/** Folders that relative paths start from. */
export interface ResolveBases {
  /** The scenario file as given (relative to `cwd` or absolute). */
  readonly file: string;
  /** Absolute current directory (output.dir and a relative `file` start from it). */
  readonly cwd: string;
}

/** Returns a snake_case YAML key in camelCase ('loss_k_bps' -> 'lossKBps'). */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Returns `written` resolved against the absolute folder `baseAbs`, with a portable `rel`. */
export function resolvePath(written: string, baseAbs: string): ScenarioPath {
  const abs = resolve(baseAbs, written);
  const rel = relative(baseAbs, abs).split(sep).join('/');
  return { rel: rel === '' ? '.' : rel, abs };
}

interface Converted {
  readonly camel: unknown;
  readonly settings: ParamValue;
}

interface Folders {
  readonly scenarioDir: string;
  readonly cwd: string;
  /** Each key's line in the scenario file, by dotted path (a path keeps its line for messages). */
  readonly keyLines?: ReadonlyMap<string, number>;
}

function convertValue(v: ParamValue, spec: FieldSpec, folders: Folders, key: string): Converted {
  if (spec.kind === 'path') {
    assert(typeof v === 'string', 'validated path is a string');
    const p = resolvePath(v, spec.base === 'cwd' ? folders.cwd : folders.scenarioDir);
    const line = folders.keyLines?.get(key);
    return { camel: line === undefined ? { ...p, key } : { ...p, key, line }, settings: p.rel };
  }
  if (spec.kind === 'object') {
    assert(isPlainObject(v), 'validated object is a mapping');
    return convertObject(v as ParamObject, spec.fields, folders, key);
  }
  if (spec.kind === 'record') {
    assert(isPlainObject(v), 'validated record is a mapping');
    const camel: Record<string, unknown> = {};
    const settings: Record<string, ParamValue> = {};
    for (const [name, item] of Object.entries(v as ParamObject)) {
      const c = convertValue(item, spec.value, folders, `${key}.${name}`);
      // free keys are names (e.g. strategy classes), not fields: they keep their spelling
      Object.defineProperty(camel, name, { value: c.camel, enumerable: true });
      Object.defineProperty(settings, name, { value: c.settings, enumerable: true });
    }
    return { camel, settings };
  }
  return { camel: v, settings: v };
}

/**
 * Returns the camelCase tree (durations and dates get an `Ms` suffix, paths become
 * ScenarioPath) and the snake_case settings tree (paths as `rel`) of a validated object.
 */
export function convertObject(value: ParamObject, spec: ObjectSpec, folders: Folders, parentKey = ''): { camel: Record<string, unknown>; settings: ParamObject } {
  const camel: Record<string, unknown> = {};
  const settings: Record<string, ParamValue> = {};
  for (const [key, field] of Object.entries(spec)) {
    const v = value[key];
    if (v === undefined) continue;
    const c = convertValue(v, field, folders, parentKey === '' ? key : `${parentKey}.${key}`);
    const name = field.kind === 'duration' || field.kind === 'date' ? `${camelCase(key)}Ms` : camelCase(key);
    camel[name] = c.camel;
    settings[key] = c.settings;
  }
  return { camel, settings };
}

/**
 * Returns the Scenario for a validated config (validateObject output for `spec`, the
 * effective spec with the variant's params): data paths resolved against the scenario file's
 * folder, output.dir against `cwd` (default results/<name>), keys in camelCase.
 */
export function resolveScenario(config: ParamObject, spec: ObjectSpec, bases: ResolveBases, keyLines?: ReadonlyMap<string, number>, kept: ReadonlyMap<string, number> | undefined = keyLines): Scenario {
  assert(isAbsolute(bases.cwd), 'cwd is absolute');
  const folders = { scenarioDir: dirname(resolve(bases.cwd, bases.file)), cwd: bases.cwd, ...(keyLines !== undefined ? { keyLines } : {}) };
  const { camel, settings } = convertObject(config, spec, folders);
  const name = config['name'];
  assert(typeof name === 'string', 'validated scenario has a name');
  const output = camel['output'];
  const dir = isPlainObject(output) ? output['dir'] : undefined;
  camel['output'] = { dir: dir ?? resolvePath(`results/${name}`, bases.cwd) };
  const allocator = camel['allocator'];
  const allocatorSettings = settings['allocator'];
  if (isPlainObject(allocator) && isPlainObject(allocatorSettings)) {
    // plug-in params keep the spec's own keys: the plug-in reads them by those names
    camel['allocator'] = { ...allocator, params: allocatorSettings['params'] ?? {} };
  }
  const { output: _omitted, ...portable } = settings;
  // the spec (schema.ts) and the Scenario interface describe the same tree; the tests pin it
  return { ...camel, file: bases.file, settings: portable, ...(kept !== undefined ? { keyLines: Object.fromEntries(kept) } : {}) } as unknown as Scenario;
}

import { resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { checkScenarioRelations } from './check-scenario-relations.js';
import { describeFound } from './describe-field.js';
import { isPlainObject, validateObject, type ObjectSpec } from './param-spec.js';
import { parseYamlWithLines } from './parse-yaml-with-lines.js';
import { resolveScenario } from './resolve.js';
import { SCENARIO_SPEC, scenarioSpecFor } from './schema.js';
import type { Scenario } from './scenario.js';
import { createValidationContext, throwViolations } from './validation-context.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { markValidated } from './validated-scenario.js';

export type { Scenario, ScenarioPath } from './scenario.js';

/** What a scenario is checked against, and where relative paths start. */
export interface ParseScenarioOptions {
  /** Param spec of each registered allocator plug-in, by the name a scenario gives as allocator.variant. */
  readonly allocators: Readonly<Record<string, ObjectSpec>>;
  /** Absolute current directory (a relative `file` and output.dir start here); default: the process's. */
  readonly cwd?: string;
}

/** Returns `raw` without allocator.params (used when the variant is unknown: its params cannot be checked). */
function withoutAllocatorParams(raw: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const allocator = raw['allocator'];
  if (!isPlainObject(allocator) || !Object.hasOwn(allocator, 'params')) return raw;
  const { params: _dropped, ...rest } = allocator;
  return { ...raw, allocator: rest };
}

/**
 * Returns the Scenario in YAML `text` read from `file` (used in messages and as the base of
 * data paths), or throws one BtInputError listing every violation with its line: malformed
 * YAML, wrong types, out-of-range values, unknown keys (with a did-you-mean), missing required
 * keys, bad durations and dates, cross-field relations, unknown allocator variants and
 * allocator params that break the plug-in's spec.
 */
export function parseScenario(text: string, file: string, opts: ParseScenarioOptions): Scenario {
  const { value, keyLines } = parseYamlWithLines(text, file);
  return parseScenarioValue(value, keyLines, file, opts);
}

/**
 * Returns the key lines of a scenario file but those of the keys `paths` set (and the keys under
 * them): where a sweep or loadScenario's `set` gives a value, the file's line would name another.
 */
export function linesOfKeysNotSet(keyLines: ReadonlyMap<string, number>, paths: readonly string[]): Map<string, number> {
  return new Map([...keyLines].filter(([key]) => !paths.some((p) => key === p || key.startsWith(`${p}.`))));
}

/**
 * Returns the Scenario in `value` (a YAML document as plain data, `keyLines` its key lines for
 * messages), or throws one BtInputError listing every violation, as parseScenario does. `kept`:
 * the lines the Scenario keeps for later messages (Scenario.keyLines; a sweep configuration's
 * are its base file's, build-configurations.ts).
 */
export function parseScenarioValue(value: unknown, keyLines: ReadonlyMap<string, number>, file: string, opts: ParseScenarioOptions, kept: ReadonlyMap<string, number> = keyLines): Scenario {
  const ctx = createValidationContext(file, keyLines);
  if (!isPlainObject(value)) {
    const expected = `a mapping of scenario sections (${Object.keys(SCENARIO_SPEC).join(', ')})`;
    throw new BtInputError({ file, expected, found: describeFound(value) });
  }
  const allocator = value['allocator'];
  const rawVariant = isPlainObject(allocator) ? allocator['variant'] : undefined;
  const variant = typeof rawVariant === 'string' ? rawVariant : '';
  const rawMode = isPlainObject(allocator) ? allocator['mode'] : undefined;
  const spec = scenarioSpecFor(SCENARIO_SPEC, opts.allocators, variant, typeof rawMode === 'string' ? rawMode : undefined);
  const known = Object.hasOwn(opts.allocators, variant);
  const config = validateObject(known ? value : withoutAllocatorParams(value), spec, '', ctx);
  checkScenarioRelations(config, value, ctx);
  throwViolations(ctx);
  // frozen: what is derived from a scenario is cached by its identity (engine/sweep/stage-key.ts)
  return deepFreeze(markValidated(resolveScenario(config, spec, { file, cwd: opts.cwd ?? resolve('.') }, keyLines, kept)));
}

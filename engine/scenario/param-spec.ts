/**
 * Declarative field specs shared by the scenario sections and each allocator plug-in's params:
 * one description drives validation, defaults and the generated docs (scenarios/README.md).
 */
import { assert } from '../core/errors.js';
import { parseDateMs } from './date.js';
import { describeExpected, describeFound } from './describe-field.js';
import { didYouMean } from './did-you-mean.js';
import { parseDurationMs } from './duration.js';
import { joinPath, report, type ValidationContext } from './validation-context.js';

export type { ValidationContext } from './validation-context.js';

/** A string pattern: an anchored regex source and the words used in messages and docs. */
export interface StringPattern {
  readonly source: string;
  readonly doc: string;
}

/** One field: its kind, a one-line doc with units, a default or `optional`, and its range. */
export type FieldSpec =
  | {
      readonly kind: 'number';
      readonly doc: string;
      readonly default?: number;
      readonly optional?: boolean;
      readonly min?: number;
      readonly max?: number;
      readonly minExclusive?: boolean;
      readonly maxExclusive?: boolean;
      readonly integer?: boolean;
      /** A sibling key of the same mapping whose value this one may not exceed (min_alloc <= max_alloc). */
      readonly atMost?: string;
      /** A tighter lower bound in allocator.mode seed, where the seed's code fails below it; `why` says how. */
      readonly seedMin?: { readonly min: number; readonly exclusive: boolean; readonly why: string };
      /** Said after a range violation (set by scenarioSpecFor from seedMin). */
      readonly rangeHint?: string;
    }
  | {
      readonly kind: 'string';
      readonly doc: string;
      readonly default?: string;
      readonly optional?: boolean;
      readonly choices?: readonly string[];
      readonly pattern?: StringPattern;
    }
  | { readonly kind: 'boolean'; readonly doc: string; readonly default?: boolean; readonly optional?: boolean; /** The one value this version accepts (a switch kept for the format, e.g. allow_short: false). */ readonly only?: boolean; readonly onlyWhy?: string }
  /** '90s', '5m', '1h', '1d', '7d': resolved to milliseconds (> 0). */
  | { readonly kind: 'duration'; readonly doc: string; readonly default?: string; readonly optional?: boolean }
  /** '2020-01-01' or ISO 8601 with Z/offset: resolved to epoch milliseconds UTC. */
  | { readonly kind: 'date'; readonly doc: string; readonly default?: string; readonly optional?: boolean }
  /** A file path, relative to the scenario file's folder ('scenario', the default) or the current directory ('cwd'). */
  | { readonly kind: 'path'; readonly doc: string; readonly optional?: boolean; readonly base?: 'scenario' | 'cwd' }
  /** A fixed set of keys; an absent optional object stays absent, an absent required one gets its defaults. */
  | { readonly kind: 'object'; readonly doc: string; readonly fields: ObjectSpec; readonly optional?: boolean }
  /** Free keys (e.g. per-class thresholds), each value checked by `value`. */
  | { readonly kind: 'record'; readonly doc: string; readonly value: FieldSpec; readonly optional?: boolean };

/** A set of named fields: a scenario section or an allocator's params. */
export type ObjectSpec = Readonly<Record<string, FieldSpec>>;

/** A validated value: durations and dates are already milliseconds; paths stay as written. */
export type ParamValue = number | string | boolean | ParamObject;

/** A validated mapping with defaults filled; absent optional keys are omitted. */
export interface ParamObject {
  readonly [key: string]: ParamValue;
}

/** Returns true when a field has no default and is not optional, so the file must set it. */
export function isRequired(spec: FieldSpec): boolean {
  if (spec.optional === true) return false;
  if (spec.kind === 'object' || spec.kind === 'record') return false; // absent: filled from defaults
  if (spec.kind === 'path') return true;
  return spec.default === undefined;
}

/** Returns true when `v` is a plain mapping (not null, not a list). */
export function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns the resolved value at a dotted path of a settings tree, or null when absent. */
export function settingAt(settings: ParamObject, path: string): ParamValue | null {
  let node: ParamValue = settings;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return null;
    node = (node as ParamObject)[key] as ParamValue;
  }
  return node;
}

/** Returns the field spec at a dotted path through nested objects of `spec` ('decay.floor'), or undefined when the path names none. */
export function fieldSpecAt(spec: ObjectSpec, path: string): FieldSpec | undefined {
  let field: FieldSpec | undefined = { kind: 'object', doc: '', fields: spec };
  for (const key of path.split('.')) field = field?.kind === 'object' && Object.hasOwn(field.fields, key) ? field.fields[key] : undefined;
  return field;
}

function setKey(out: Record<string, ParamValue>, key: string, v: ParamValue): void {
  // defineProperty, not assignment: a free key named '__proto__' must stay a plain key
  Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
}

function reportMismatch(ctx: ValidationContext, path: string, spec: FieldSpec, found: unknown, hint?: string): undefined {
  const d = { field: path, expected: describeExpected(spec), found: describeFound(found) };
  report(ctx, path, hint === undefined ? d : { ...d, hint });
  return undefined;
}

function inRange(spec: Extract<FieldSpec, { kind: 'number' }>, x: number): boolean {
  if (spec.integer === true && !Number.isInteger(x)) return false;
  if (spec.min !== undefined && (spec.minExclusive === true ? x <= spec.min : x < spec.min)) return false;
  if (spec.max !== undefined && (spec.maxExclusive === true ? x >= spec.max : x > spec.max)) return false;
  return true;
}

/** Returns the validated value of one present field, or undefined after reporting a violation. */
export function validateField(raw: unknown, spec: FieldSpec, path: string, ctx: ValidationContext): ParamValue | undefined {
  switch (spec.kind) {
    case 'number':
      // + 0 turns a -0 into 0 (and leaves every other number as it is): `-0` and `0` are one setting
      return typeof raw === 'number' && Number.isFinite(raw) && inRange(spec, raw) ? raw + 0 : reportMismatch(ctx, path, spec, raw, spec.rangeHint);
    case 'string': {
      if (typeof raw !== 'string') return reportMismatch(ctx, path, spec, raw);
      if (spec.choices !== undefined && !spec.choices.includes(raw)) {
        const near = didYouMean(raw, spec.choices);
        return reportMismatch(ctx, path, spec, raw, near === undefined ? undefined : `Did you mean '${near}'?`);
      }
      if (spec.pattern !== undefined && !new RegExp(spec.pattern.source).test(raw)) return reportMismatch(ctx, path, spec, raw);
      return raw;
    }
    case 'boolean':
      return typeof raw === 'boolean' && (spec.only === undefined || raw === spec.only) ? raw : reportMismatch(ctx, path, spec, raw);
    case 'duration': {
      const ms = typeof raw === 'string' ? parseDurationMs(raw) : undefined;
      return ms ?? reportMismatch(ctx, path, spec, raw);
    }
    case 'date': {
      const ms = typeof raw === 'string' ? parseDateMs(raw) : undefined;
      return ms ?? reportMismatch(ctx, path, spec, raw);
    }
    case 'path':
      return typeof raw === 'string' && raw.trim() !== '' ? raw : reportMismatch(ctx, path, spec, raw);
    case 'object':
      return isPlainObject(raw) ? validateObject(raw, spec.fields, path, ctx) : reportMismatch(ctx, path, spec, raw, sectionHint(spec.fields, path, raw));
    case 'record': {
      if (!isPlainObject(raw)) return reportMismatch(ctx, path, spec, raw);
      const out: Record<string, ParamValue> = {};
      for (const key of Object.keys(raw)) {
        const v = validateField(raw[key], spec.value, joinPath(path, key), ctx);
        if (v !== undefined) setKey(out, key, v);
      }
      return out;
    }
  }
}

/** Returns the value an absent, non-required field takes: its default (converted), {} or nothing. */
function defaultOf(spec: FieldSpec, path: string, ctx: ValidationContext): ParamValue | undefined {
  switch (spec.kind) {
    case 'object':
      return spec.optional === true ? undefined : validateObject({}, spec.fields, path, ctx);
    case 'record':
      return spec.optional === true ? undefined : {};
    case 'path':
      return undefined;
    case 'duration': {
      if (spec.default === undefined) return undefined;
      const ms = parseDurationMs(spec.default);
      assert(ms !== undefined, `default of ${path} is a duration`);
      return ms;
    }
    case 'date': {
      if (spec.default === undefined) return undefined;
      const ms = parseDateMs(spec.default);
      assert(ms !== undefined, `default of ${path} is a date`);
      return ms;
    }
    default:
      return spec.default;
  }
}

/**
 * Returns how to write a section given a value (`allocator: pnl-weighted`): the value under the
 * key whose choices hold it (`variant`), else the section's keys on the lines below it.
 */
function sectionHint(spec: ObjectSpec, path: string, value: unknown): string {
  const name = path.slice(path.lastIndexOf('.') + 1);
  const owner = typeof value === 'string' ? Object.keys(spec).find((k) => { const f = spec[k]; return f?.kind === 'string' && f.choices?.includes(value) === true; }) : undefined;
  if (owner !== undefined) return `Write it under its key: '${name}:' then, on the next line, indented, '${owner}: ${String(value)}'`;
  return `A section: write its keys on the lines below '${name}:', indented (${Object.keys(spec).join(', ')})`;
}

/**
 * Returns `value` checked against `spec` at dotted `path`, with defaults filled, durations and
 * dates in milliseconds and paths as written. Every violation (wrong type, out of range, not a
 * choice, unknown key with a did-you-mean, missing required key) is added to `ctx` with its
 * line; fields that fail are left out of the result. `undefined` or null counts as {}.
 */
export function validateObject(value: unknown, spec: ObjectSpec, path: string, ctx: ValidationContext): ParamObject {
  const out: Record<string, ParamValue> = {};
  const src = value === undefined || value === null ? {} : value;
  if (!isPlainObject(src)) {
    report(ctx, path, { field: path === '' ? 'document' : path, expected: 'a mapping', found: describeFound(src) });
    return out;
  }
  const known = Object.keys(spec);
  for (const key of Object.keys(src)) {
    if (Object.hasOwn(spec, key)) continue;
    const near = didYouMean(key, known);
    const where = path === '' ? 'at the top level' : `under '${path}'`;
    report(ctx, joinPath(path, key), {
      message: `unknown key '${key}'`,
      hint: near !== undefined ? `Did you mean '${near}'?` : `Allowed keys ${where}: ${known.join(', ')}`,
    });
  }
  for (const key of known) {
    const field = spec[key];
    assert(field !== undefined, `spec has ${key}`);
    const p = joinPath(path, key);
    const raw = src[key];
    let v: ParamValue | undefined;
    if (raw === undefined || raw === null) {
      if (isRequired(field)) {
        const found = raw === null ? 'nothing (an empty value)' : 'nothing (the key is missing)';
        report(ctx, raw === null ? p : path, { field: p, expected: describeExpected(field), found });
        continue;
      }
      v = defaultOf(field, p, ctx);
    } else {
      v = validateField(raw, field, p, ctx);
    }
    if (v !== undefined) setKey(out, key, v);
  }
  checkAtMost(out, spec, path, ctx);
  return out;
}

/** Reports each number above the sibling its spec names in `atMost`, when both passed their own checks. */
function checkAtMost(out: ParamObject, spec: ObjectSpec, path: string, ctx: ValidationContext): void {
  for (const [key, field] of Object.entries(spec)) {
    if (field.kind !== 'number' || field.atMost === undefined) continue;
    const v = out[key];
    const bound = out[field.atMost];
    if (typeof v !== 'number' || typeof bound !== 'number' || v <= bound) continue;
    const p = joinPath(path, key);
    report(ctx, p, { field: p, expected: `a number <= ${joinPath(path, field.atMost)} (${bound})`, found: describeFound(v) });
  }
}

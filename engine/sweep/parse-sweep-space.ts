import { describeFound } from '../scenario/describe-field.js';
import { groupThousands } from '../core/group-thousands.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { isPlainObject } from '../scenario/param-spec.js';
import { joinPath, report, type ValidationContext } from '../scenario/validation-context.js';
import { spaceSize, type Override, type RandomParam, type SweepSpace } from './space.js';

const KINDS = ['grid', 'list', 'random'] as const;
const DISTS = ['range', 'log_range', 'int_range', 'choices'] as const;
/** Sections a sweep may not vary: every configuration must read the same data (loaded once). */
const FIXED_SECTIONS = ['data', 'output'] as const;

/** Returns why a dotted path cannot be swept, or undefined when it can. */
export function sweepPathProblem(path: string): string | undefined {
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) return 'a dotted scenario path such as targets.cash_buffer';
  const head = path.split('.')[0] ?? '';
  if ((FIXED_SECTIONS as readonly string[]).includes(head)) {
    return `a path outside ${FIXED_SECTIONS.join(' and ')} (every configuration shares the base scenario's data, loaded once)`;
  }
  if (head === 'benchmark') return "a path outside benchmark (every configuration is measured against the base scenario's benchmark, loaded once)";
  return undefined;
}

function checkPath(path: string, at: string, ctx: ValidationContext): boolean {
  const problem = sweepPathProblem(path);
  if (problem !== undefined) report(ctx, at, { field: at, expected: problem, found: `'${path}'` });
  return problem === undefined;
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function checkValue(v: unknown, at: string, ctx: ValidationContext): boolean {
  if (isScalar(v) || isPlainObject(v)) return true;
  report(ctx, at, { field: at, expected: 'a value (number, string, boolean or mapping)', found: describeFound(v) });
  return false;
}

/**
 * Reports each path that sets a mapping holding another path of the same configuration
 * ('targets' and 'targets.cash_buffer'): the one applied later overrode the other, so a grid's
 * values of targets.cash_buffer vanished into one configuration without a word.
 */
function checkNested(paths: readonly string[], at: (path: string) => string, ctx: ValidationContext): boolean {
  let ok = true;
  for (const outer of paths) {
    for (const inner of paths) {
      if (!inner.startsWith(`${outer}.`)) continue;
      ok = false;
      report(ctx, at(inner), { field: at(inner), expected: `a path set once (${outer} sets it too)`, found: `'${inner}' and '${outer}'`, hint: `Sweep ${inner} alone, or give its value in the mapping ${outer} sets` });
    }
  }
  return ok;
}

function parseGrid(raw: unknown, at: string, ctx: ValidationContext): SweepSpace | undefined {
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    report(ctx, at, { field: at, expected: 'a non-empty mapping of dotted path -> list of values', found: describeFound(raw) });
    return undefined;
  }
  const params: { path: string; values: unknown[] }[] = [];
  for (const [path, values] of Object.entries(raw)) {
    const p = joinPath(at, path);
    if (!checkPath(path, p, ctx)) continue;
    if (!Array.isArray(values) || values.length === 0) {
      report(ctx, p, { field: p, expected: 'a non-empty list of values', found: describeFound(values) });
      continue;
    }
    if (values.every((v, i) => checkValue(v, joinPath(p, String(i)), ctx))) params.push({ path, values });
  }
  if (!checkNested(Object.keys(raw), (path) => joinPath(at, path), ctx)) return undefined;
  return { kind: 'grid', params };
}

function parseList(raw: unknown, at: string, ctx: ValidationContext): SweepSpace | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    report(ctx, at, { field: at, expected: 'a non-empty list of mappings dotted path -> value', found: describeFound(raw) });
    return undefined;
  }
  const configs: Override[][] = [];
  raw.forEach((item: unknown, i) => {
    const p = joinPath(at, String(i));
    if (!isPlainObject(item)) {
      report(ctx, p, { field: p, expected: 'a mapping of dotted path -> value', found: describeFound(item) });
      return;
    }
    const config: Override[] = [];
    for (const [path, v] of Object.entries(item)) {
      if (checkPath(path, joinPath(p, path), ctx) && checkValue(v, joinPath(p, path), ctx)) config.push([path, v]);
    }
    checkNested(Object.keys(item), (path) => joinPath(p, path), ctx);
    configs.push(config);
  });
  return { kind: 'list', configs };
}

function bounds(v: unknown, integer: boolean, positive: boolean): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [lo, hi] = v as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) return undefined;
  if (integer && !(Number.isInteger(lo) && Number.isInteger(hi))) return undefined;
  if (positive && !(lo > 0)) return undefined;
  return [lo, hi];
}

function parseDist(raw: unknown, at: string, ctx: ValidationContext): RandomParam | undefined {
  const keys = isPlainObject(raw) ? Object.keys(raw) : [];
  const kind = keys[0];
  if (!isPlainObject(raw) || keys.length !== 1 || kind === undefined || !(DISTS as readonly string[]).includes(kind)) {
    const near = kind !== undefined ? didYouMean(kind, DISTS) : undefined;
    report(ctx, at, {
      field: at,
      expected: `a mapping with one of ${DISTS.join(', ')}`,
      found: describeFound(raw),
      ...(near !== undefined ? { hint: `Did you mean '${near}'?` } : {}),
    });
    return undefined;
  }
  const v = raw[kind];
  const p = joinPath(at, kind);
  if (kind === 'choices') {
    if (Array.isArray(v) && v.length > 0 && v.every((x, i) => checkValue(x, joinPath(p, String(i)), ctx))) return { kind, values: v };
    if (!Array.isArray(v) || v.length === 0) report(ctx, p, { field: p, expected: 'a non-empty list of values', found: describeFound(v) });
    return undefined;
  }
  const b = bounds(v, kind === 'int_range', kind === 'log_range');
  if (b !== undefined) return { kind: kind as 'range' | 'log_range' | 'int_range', lo: b[0], hi: b[1] };
  const what = kind === 'int_range' ? 'integers' : kind === 'log_range' ? 'numbers > 0' : 'numbers';
  report(ctx, p, { field: p, expected: `[lo, hi]: two ${what} with lo <= hi`, found: describeFound(v) });
  return undefined;
}

function parseRandom(raw: unknown, at: string, ctx: ValidationContext): SweepSpace | undefined {
  if (!isPlainObject(raw)) {
    report(ctx, at, { field: at, expected: 'a mapping with n, seed and params', found: describeFound(raw) });
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (['n', 'seed', 'params'].includes(key)) continue;
    const near = didYouMean(key, ['n', 'seed', 'params']);
    report(ctx, joinPath(at, key), { message: `unknown key '${key}'`, hint: near !== undefined ? `Did you mean '${near}'?` : 'Allowed keys: n, seed, params' });
  }
  const n = raw['n'];
  const seed = raw['seed'] ?? 0;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) report(ctx, joinPath(at, 'n'), { field: joinPath(at, 'n'), expected: 'an integer >= 1', found: describeFound(n) });
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0) report(ctx, joinPath(at, 'seed'), { field: joinPath(at, 'seed'), expected: 'an integer >= 0', found: describeFound(seed) });
  const rawParams = raw['params'];
  const pp = joinPath(at, 'params');
  if (!isPlainObject(rawParams) || Object.keys(rawParams).length === 0) {
    report(ctx, pp, { field: pp, expected: 'a non-empty mapping of dotted path -> {range | log_range | int_range | choices}', found: describeFound(rawParams) });
    return undefined;
  }
  const params: { path: string; dist: RandomParam }[] = [];
  for (const [path, d] of Object.entries(rawParams)) {
    if (!checkPath(path, joinPath(pp, path), ctx)) continue;
    const dist = parseDist(d, joinPath(pp, path), ctx);
    if (dist !== undefined) params.push({ path, dist });
  }
  checkNested(Object.keys(rawParams), (path) => joinPath(pp, path), ctx);
  return typeof n === 'number' && typeof seed === 'number' ? { kind: 'random', n, seed, params } : undefined;
}

/**
 * The most configurations a sweep expands to. Every configuration is built and validated up
 * front (about 0.7 ms and 9 KB each: 100,000 took 65 s and 0.9 GB before the first run), so a
 * grid of 10^9 ran out of memory after two minutes instead of being refused.
 */
export const MAX_SWEEP_CONFIGURATIONS = 100_000;

/** Returns the space, or undefined after reporting it at its line when it expands past MAX_SWEEP_CONFIGURATIONS. */
function withinLimit(space: SweepSpace | undefined, at: string, ctx: ValidationContext): SweepSpace | undefined {
  if (space === undefined) return undefined;
  const n = spaceSize(space);
  if (n <= MAX_SWEEP_CONFIGURATIONS) return space;
  const count = Number.isFinite(n) ? groupThousands(n) : 'more than 10^308';
  const found = space.kind === 'grid' ? `${count} (${space.params.map((p) => p.values.length).join(' x ')} values)` : count;
  report(ctx, at, {
    field: at,
    expected: `at most ${groupThousands(MAX_SWEEP_CONFIGURATIONS)} configurations`,
    found,
    // a random search is already a sample: only its n can shrink
    hint: space.kind === 'random'
      ? 'Every configuration is built before the first runs: draw fewer (a smaller n), or split the search into several sweeps with other seeds'
      : 'Every configuration is built before the first runs: split the space into several sweeps, or sample it with space.random',
  });
  return undefined;
}

/** Returns the validated `space` section, or undefined after adding each violation (with its line) to `ctx`. */
export function parseSweepSpace(raw: unknown, ctx: ValidationContext): SweepSpace | undefined {
  const keys = isPlainObject(raw) ? Object.keys(raw) : [];
  const kind = keys[0];
  if (!isPlainObject(raw) || keys.length !== 1 || kind === undefined || !(KINDS as readonly string[]).includes(kind)) {
    const near = kind !== undefined && keys.length === 1 ? didYouMean(kind, KINDS) : undefined;
    report(ctx, 'space', {
      field: 'space',
      expected: `a mapping with exactly one of ${KINDS.join(', ')}`,
      found: isPlainObject(raw) ? (keys.length === 0 ? 'an empty mapping' : `keys ${keys.join(', ')}`) : describeFound(raw),
      ...(near !== undefined ? { hint: `Did you mean '${near}'?` } : {}),
    });
    return undefined;
  }
  const at = joinPath('space', kind);
  if (kind === 'grid') return withinLimit(parseGrid(raw[kind], at, ctx), at, ctx);
  if (kind === 'list') return withinLimit(parseList(raw[kind], at, ctx), at, ctx);
  return withinLimit(parseRandom(raw[kind], at, ctx), joinPath(at, 'n'), ctx);
}

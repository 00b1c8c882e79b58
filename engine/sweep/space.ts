import { createRng } from '../core/rng.js';
import { compareCodeUnits, stableStringify } from '../core/stable-json.js';

/** One override: a dotted scenario path ('targets.cash_buffer') and the YAML value set there. */
export type Override = readonly [path: string, value: unknown];

/** The overrides that make one configuration, in the order they are applied. */
export type Overrides = readonly Override[];

/** How a random-search parameter is drawn (bounds inclusive of lo; int_range inclusive of both). */
export type RandomParam =
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'log_range'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'int_range'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'choices'; readonly values: readonly unknown[] };

/** A sweep's parameter space: a full grid, an explicit list, or seeded random draws. */
export type SweepSpace =
  | { readonly kind: 'grid'; readonly params: readonly { readonly path: string; readonly values: readonly unknown[] }[] }
  | { readonly kind: 'list'; readonly configs: readonly Overrides[] }
  | { readonly kind: 'random'; readonly n: number; readonly seed: number; readonly params: readonly { readonly path: string; readonly dist: RandomParam }[] };

/** Returns the number of configurations the space expands to (before de-duplication by id). */
export function spaceSize(space: SweepSpace): number {
  if (space.kind === 'list') return space.configs.length;
  if (space.kind === 'random') return space.n;
  return space.params.reduce((n, p) => n * p.values.length, 1);
}

/**
 * Returns the dotted paths the space sets in the order the sweep file writes them (a list:
 * each path where it first appears): the results table's parameter columns, read in the order
 * the grid was written. Nothing hashed depends on it: config ids hash the resolved settings.
 */
export function spacePaths(space: SweepSpace): readonly string[] {
  const paths = new Set<string>();
  if (space.kind === 'list') for (const c of space.configs) for (const [p] of c) paths.add(p);
  else for (const p of space.params) paths.add(p.path);
  return [...paths];
}

function expandGrid(params: Extract<SweepSpace, { kind: 'grid' }>['params']): Overrides[] {
  // itertools.product order: the first parameter varies slowest
  let out: Override[][] = [[]];
  for (const p of params) {
    const next: Override[][] = [];
    for (const prefix of out) for (const v of p.values) next.push([...prefix, [p.path, v]]);
    out = next;
  }
  return out;
}

/** Returns one draw of `dist` from a uniform u in [0, 1). */
export function drawParam(dist: RandomParam, u: number): unknown {
  switch (dist.kind) {
    case 'range':
      return dist.lo + u * (dist.hi - dist.lo);
    case 'log_range':
      return Math.exp(Math.log(dist.lo) + u * (Math.log(dist.hi) - Math.log(dist.lo)));
    case 'int_range':
      return Math.min(dist.hi, dist.lo + Math.floor(u * (dist.hi - dist.lo + 1)));
    case 'choices':
      return dist.values[Math.min(dist.values.length - 1, Math.floor(u * dist.values.length))];
  }
}

/**
 * Returns every configuration of the space as ordered overrides (the file's order). Random
 * search draws from createRng(seed, 'sweep.random'): configuration k takes its parameters'
 * draws in the order of their paths (UTF-16 code units) and picks a choice from the values in
 * the order of their JSON text, so the same parameters written in another order (a YAML
 * mapping's keys mean no order) or a choices list reordered give the same configurations.
 */
export function expandSpace(space: SweepSpace): Overrides[] {
  if (space.kind === 'grid') return expandGrid(space.params);
  if (space.kind === 'list') return space.configs.map((c) => [...c]);
  const rng = createRng(space.seed, 'sweep.random');
  const params = space.params.map((p) => ({ path: p.path, dist: canonicalDist(p.dist) }));
  const byPath = params.map((p, j) => ({ path: p.path, dist: p.dist, j })).sort((a, b) => compareCodeUnits(a.path, b.path));
  const out: Overrides[] = [];
  for (let k = 0; k < space.n; k++) {
    const values: unknown[] = new Array<unknown>(params.length);
    for (const { dist, j } of byPath) values[j] = drawParam(dist, rng());
    out.push(params.map((p, j): Override => [p.path, values[j]]));
  }
  return out;
}

/** A choices list in the order of its values' JSON text (duplicates kept: they weigh the draw); other draws as they are. */
function canonicalDist(dist: RandomParam): RandomParam {
  if (dist.kind !== 'choices') return dist;
  const keyed = dist.values.map((v) => ({ v, key: stableStringify(v) }));
  keyed.sort((a, b) => compareCodeUnits(a.key, b.key));
  return { kind: 'choices', values: keyed.map((x) => x.v) };
}

import { createRng } from '../core/rng.js';

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
 * Returns every configuration of the space as ordered overrides. Random search draws from
 * createRng(seed, 'sweep.random'): configuration k takes its parameters' draws in file order.
 */
export function expandSpace(space: SweepSpace): Overrides[] {
  if (space.kind === 'grid') return expandGrid(space.params);
  if (space.kind === 'list') return space.configs.map((c) => [...c]);
  const rng = createRng(space.seed, 'sweep.random');
  const out: Overrides[] = [];
  for (let k = 0; k < space.n; k++) out.push(space.params.map((p): Override => [p.path, drawParam(p.dist, rng())]));
  return out;
}

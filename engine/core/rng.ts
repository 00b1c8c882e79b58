import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * Returns a named, seeded random stream (seedrandom ARC4 on `${seed}:${label}`).
 * One stream per consumer, so adding a consumer shifts nobody else's draws.
 */
export function createRng(seed: number | string, label: string): Rng {
  const prng = seedrandom(`${seed}:${label}`);
  return () => prng.double();
}

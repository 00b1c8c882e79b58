import { createRng, type Rng } from '../../engine/core/rng.js';

/** 2^32 and 2^53, for turning 32-bit words into doubles in [0, 1). */
const TWO_32 = 4294967296;
const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;

/**
 * Returns a fast seeded uniform stream on [0, 1) for the generator's hot loops: the sfc32
 * generator (Chris Doty-Humphrey, PractRand) keyed by four 32-bit words drawn from
 * createRng(seed, label), so every stream still comes from one named createRng stream.
 * Each draw joins two 32-bit outputs into 53 bits (27 high + 26 low), as Math.random does.
 * About 10x faster than seedrandom's ARC4 `double()`, which dominated 10M-finding runs.
 */
export function createFastRng(seed: number | string, label: string): Rng {
  const key = createRng(seed, label);
  let a = Math.floor(key() * TWO_32) | 0;
  let b = Math.floor(key() * TWO_32) | 0;
  let c = Math.floor(key() * TWO_32) | 0;
  let d = 1; // sfc32's counter starts at 1 (PractRand seeding)
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32(); // PractRand discards the first outputs after seeding
  return () => ((next32() >>> 5) * TWO_26 + (next32() >>> 6)) / TWO_53;
}

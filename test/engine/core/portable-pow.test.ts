import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portablePow } from '../../../engine/core/portable-pow.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** Every .ts file under dir, recursively, in name order. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('portablePow', () => {
  it('gives `**`\'s value at the edges: zero, infinities, NaN, negative bases', () => {
    const cases: [number, number][] = [[-Infinity, 3], [-Infinity, -3], [-Infinity, 2], [-3, 0.25], [0, 0], [NaN, 0], [0, NaN], [-0, 3], [-0, -3], [0, -1], [-2, 3], [-2, 0.5], [-Infinity, 0.5], [-Infinity, -0.5], [Infinity, 0.5], [Infinity, -1.5], [0, 0.5], [-0, 0.5], [0, -0.5], [1, Infinity], [0.5, Infinity], [2, -Infinity], [0, Infinity], [0, -Infinity]];
    for (const [x, y] of cases) expect([x, y, portablePow(x, y)]).toEqual([x, y, x ** y]);
  });

  it('is exact where the power is a double: powers of two, small integer powers of integers, square roots', () => {
    expect(portablePow(2, 10)).toBe(1024);
    expect(portablePow(2, -100)).toBe(2 ** -100);
    expect(portablePow(10, 22)).toBe(1e22);
    expect(portablePow(10, -2)).toBe(0.01); // 1 / 100, one rounding
    expect(portablePow(3, 5)).toBe(243);
    expect(portablePow(2, 0.5)).toBe(Math.SQRT2);
  });

  it('is within a few ulp of the true power on annualization-like arguments', () => {
    let s = 7;
    const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20_000; i++) {
      const x = 0.2 + 3 * rnd();
      const y = 12 / (1 + Math.floor(rnd() * 300));
      expect(Math.abs(portablePow(x, y) - x ** y)).toBeLessThanOrEqual(8 * Number.EPSILON * x ** y);
    }
  });

  it('pins bits that `**` does not give on every Node version (Node 24 calls the C library\'s pow)', () => {
    // exp(y log x), V8's own fdlibm functions: these are the bits on Node 20, 22 and 24 alike
    expect(portablePow(1.7, 0.3)).toBe(Math.exp(0.3 * Math.log(1.7)));
    expect(portablePow(0.5, 1 / 3)).toBe(Math.exp((1 / 3) * Math.log(0.5)));
  });
});

// `**` and Math.pow are the C library's pow on Node 24 (V8's --use-std-math-pow): results would
// differ between Node versions and between Linux, macOS and Windows. `2 ** <integer>` is exact
// everywhere and allowed.
const PLATFORM_POW = /\bMath\.pow\(|(?<!\b2 ?)\*\*/;

describe('engine/, strategies/ and datasets/', () => {
  it('compute powers with portablePow, never with ** or Math.pow (2 ** an integer aside: exact everywhere)', () => {
    const hits: string[] = [];
    for (const dir of ['engine', 'strategies', 'datasets']) {
      for (const file of sources(join(root, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/, '').replace(/'[^']*'|`[^`]*`/g, "''");
            if (/^\s*(\*|\/\*\*)/.test(code)) return; // doc comments
            if (PLATFORM_POW.test(code)) hits.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(hits).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function bench(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'bench', 'run-bench.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('run-bench', () => {
  it('exits 2 on an unknown workload before generating anything', () => {
    const r = bench('--workload', 'XL');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--workload: expected one of S, M, L, found 'XL'");
  });

  it('exits 2 on a guard that is not a fraction', () => {
    const r = bench('--guard', '15');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--guard: expected a fraction in (0, 1), found '15'");
  });
});

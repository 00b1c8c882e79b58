import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = process.cwd();

/** Result of one bt process. */
export interface BtResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/bt.js ...args` in `cwd` (env adds to process.env) and waits for it. */
export function btSync(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): BtResult {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs bt without blocking. */
export function btAsync(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<BtResult> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => res({ code, stdout, stderr }));
  });
}

/** The generate flags of the tiny universe: 6 agents, 3 symbols, 90 daily bars (~0.5 s per run). */
export const TINY_GENERATE = ['--agents', '6', '--symbols', '3', '--start', '2022-01-01', '--end', '2022-03-31', '--freq', '1d'] as const;

/**
 * Fills `dir` with a tiny universe (u/), a scenario over it (tiny.yaml), a 4-configuration
 * sweep (tiny-sweep.yaml) and a prices CSV (p.csv).
 */
export function makeTinyWorkspace(dir: string): void {
  const g = btSync(dir, ['data', 'generate', '--seed', '5', '--out', 'u', ...TINY_GENERATE]);
  if (g.code !== 0) throw new Error(`bt data generate failed: ${g.stderr}`);
  writeFileSync(
    join(dir, 'tiny.yaml'),
    ['name: tiny', 'seed: 3', 'data:', '  findings: u/findings.arrow', '  prices: u/prices.arrow', '  agents: u/agents.arrow', '  kill_list: u/kill_list.yaml', 'clock:', '  cadence: 1d', 'allocator:', '  variant: risk-penalized', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'tiny-sweep.yaml'),
    ['name: tiny-sweep', 'base: tiny.yaml', 'objective: sharpe', 'direction: maximize', 'space:', '  grid:', '    allocator.params.max_weight: [0.15, 0.35]', '    targets.cash_buffer: [0.05, 0.2]', ''].join('\n'),
  );
  const rows = ['ts,symbol,close'];
  for (let d = 1; d <= 28; d++) rows.push(`2022-02-${String(d).padStart(2, '0')},A,${100 + d}`, `2022-02-${String(d).padStart(2, '0')},B,${50 + d}`);
  writeFileSync(join(dir, 'p.csv'), `${rows.join('\n')}\n`);
}

/** Returns every file under `dir` (relative path -> sha256), hidden ones included. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Returns the names in `dir` that bt leaves only while it works (temps, asides, locks). */
export function btLeftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => /^\.bt-(tmp|old|lock)-/.test(n)).sort() : [];
}

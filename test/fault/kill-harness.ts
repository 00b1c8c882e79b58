import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../engine/core/rng.js';

const repo = process.cwd();

/** Where a kill lands: at a named pause (BT_FAULT_PAUSE) or after a delay. */
export type KillPoint = { readonly phase: string } | { readonly delayMs: number };

/** Kill points per command (BT_FAULT_POINTS overrides; the default keeps CI within a few minutes). */
export const POINTS = Number(process.env['BT_FAULT_POINTS'] ?? 8);

/** Seed of the kill points (BT_FAULT_SEED overrides, to explore other points locally). */
export const SEED = Number(process.env['BT_FAULT_SEED'] ?? 2026);

/**
 * Returns `n` kill points: each of `phases` once, then seeded ones alternating between a
 * delay in [0, maxDelayMs) and a pause before write op 1..maxWrite (inside the write phase).
 */
export function killPoints(label: string, n: number, phases: readonly string[], maxWrite: number, maxDelayMs: number): KillPoint[] {
  const rng = createRng(SEED, `fault-${label}`);
  const points: KillPoint[] = phases.slice(0, n).map((phase) => ({ phase }));
  for (let i = points.length; i < n; i++) {
    if (i % 2 === 1) {
      points.push({ delayMs: Math.floor(rng() * maxDelayMs) });
      continue;
    }
    points.push({ phase: `write@${1 + Math.floor(rng() * maxWrite)}` });
  }
  return points;
}

/** Names a kill point in test titles. */
export function describePoint(p: KillPoint): string {
  return 'phase' in p ? `pause ${p.phase}` : `${p.delayMs} ms`;
}

/** How runAndKill stops bt: the signal (SIGKILL unless given) and, for a second Ctrl-C, the delay before it is sent again. */
export interface StopWith {
  readonly signal?: NodeJS.Signals;
  readonly againAfterMs?: number;
}

/**
 * Runs bt and sends it SIGKILL (or `stop.signal`) at `point`; returns whether the signal landed
 * before it exited, its exit code or the signal that ended it, and its stderr.
 */
export function runAndKill(cwd: string, args: readonly string[], point: KillPoint, stop: StopWith = {}): Promise<{ killed: boolean; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((res) => {
    const env = 'phase' in point ? { ...process.env, BT_FAULT_PAUSE: point.phase } : process.env;
    const child = spawn(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killed = true;
      child.kill(stop.signal ?? 'SIGKILL');
      if (stop.againAfterMs !== undefined) setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(stop.signal ?? 'SIGKILL'), stop.againAfterMs);
    };
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('bt: fault pause at') && !killed) kill();
    });
    const timer = 'delayMs' in point ? setTimeout(kill, point.delayMs) : null;
    child.on('exit', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      res({ killed, code, signal, stderr });
    });
  });
}

/** Returns the files of manifest.json whose sha256 does not match (empty: the folder verifies). */
export function manifestMismatches(runDir: string): string[] {
  const m = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
  return Object.keys(m.outputs)
    .sort()
    .filter((f) => createHash('sha256').update(readFileSync(join(runDir, f))).digest('hex') !== m.outputs[f]);
}

/** Creates `dir/name` holding a user's file (keep.txt), which no kill may touch; returns its path. */
export function folderWithUserFile(dir: string, name: string): string {
  const parent = join(dir, name);
  mkdirSync(parent);
  writeFileSync(join(parent, 'keep.txt'), 'a user file beside the output');
  return parent;
}

/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof` writes *.cpuprofile):
 * each sample's time delta goes to the function on top of the stack at that sample.
 *
 *   node dist/bench/cpu-profile-top.js FILE.cpuprofile [--top 15]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's self time, microseconds, and share of all sampled time (fraction). */
export interface SelfTime {
  readonly name: string;
  readonly micros: number;
  readonly share: number;
}

/** Returns functions by self time, largest first (ties by name), from a parsed profile. */
export function topSelfTime(profile: CpuProfile, root: string): SelfTime[] {
  const nameOf = new Map<number, string>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const file = f.url.startsWith('file://') ? relative(root, fileURLToPath(f.url)) : f.url;
    nameOf.set(n.id, `${f.functionName || '(anonymous)'} ${file === '' ? '' : `${file}:${f.lineNumber + 1}`}`.trim());
  }
  const micros = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const name = nameOf.get(profile.samples[i] as number) ?? '(unknown)';
    const dt = profile.timeDeltas[i] ?? 0;
    micros.set(name, (micros.get(name) ?? 0) + dt);
    total += dt;
  }
  return [...micros.entries()]
    .map(([name, us]) => ({ name, micros: us, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.micros - a.micros || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node dist/bench/cpu-profile-top.js FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  const top = i >= 0 ? Number(process.argv[i + 1]) : 15;
  const rows = topSelfTime(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, process.cwd());
  const total = rows.reduce((s, r) => s + r.micros, 0);
  process.stdout.write(`total sampled: ${(total / 1e6).toFixed(2)} s\n| self time | share | function |\n| --- | --- | --- |\n`);
  for (const r of rows.slice(0, top)) process.stdout.write(`| ${(r.micros / 1e6).toFixed(2)} s | ${(r.share * 100).toFixed(1)}% | ${r.name} |\n`);
}

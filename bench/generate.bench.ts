/**
 * Bench: `bt data generate` on the engine's bench universe (2 years hourly, 200 agents,
 * 500 symbols, ~10M findings). Prints generation and write throughput (findings/s) and the
 * peak RSS. Run: `npx vitest bench bench/generate.bench.ts` (BT_BENCH_SCALE=0.1 for a tenth).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, generateUniverse } from '../datasets/generate/generate-universe.js';
import { writeUniverse } from '../datasets/generate/write-universe.js';

const scale = Number(process.env['BT_BENCH_SCALE'] ?? '1');
const AGENTS = 200;
const BARS = 2 * 365 * 24;
const TARGET_FINDINGS = 10_000_000 * scale;

const options = {
  ...DEFAULT_GENERATE_OPTIONS,
  seed: 1,
  agents: AGENTS,
  symbols: Math.max(1, Math.round(500 * scale)),
  startMs: Date.UTC(2022, 0, 1),
  endMs: Date.UTC(2024, 0, 1),
  findingsPerAgentPerBar: TARGET_FINDINGS / (AGENTS * BARS),
};

function seconds(fromNs: bigint): number {
  return Number(process.hrtime.bigint() - fromNs) / 1e9;
}

describe('bt data generate (bench universe)', () => {
  bench(
    `generate + write ${Math.round(TARGET_FINDINGS / 1e6)}M findings`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bt-gen-bench-'));
      try {
        const t0 = process.hrtime.bigint();
        const u = generateUniverse(options);
        const genS = seconds(t0);
        const t1 = process.hrtime.bigint();
        await writeUniverse(join(dir, 'u'), u);
        const writeS = seconds(t1);
        const n = u.findings.length;
        const mb = statSync(join(dir, 'u', 'findings.arrow')).size / 1e6;
        const rssMb = process.resourceUsage().maxRSS / 1024;
        process.stdout.write(
          `| generate | ${n} findings, ${u.grid.symbols.length} symbols x ${u.grid.tsMs.length} bars | ` +
            `generate ${genS.toFixed(2)} s (${(n / genS / 1e6).toFixed(2)}M findings/s) | ` +
            `write ${writeS.toFixed(2)} s (findings.arrow ${mb.toFixed(0)} MB) | peak RSS ${rssMb.toFixed(0)} MB | Node ${process.version} |\n`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});

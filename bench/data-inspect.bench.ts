/**
 * Bench: `bt data inspect` on a 10M-row findings Arrow file written here into a temp folder
 * (50 agents, 500 symbols). Prints rows/s and peak RSS as a markdown line and records it in
 * bench/RESULTS.md, section "data".
 * Run: `npx vitest bench bench/data-inspect.bench.ts` (BT_BENCH_SCALE=0.1 for a tenth).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { inspectArrowFile } from '../datasets/inspect.js';
import { readFindingsArrow } from '../datasets/read/read-findings.js';
import { writeFindingsArrow } from '../datasets/write/write-findings.js';
import { recordDataResult } from './data-import.bench.js';

const scale = Number(process.env['BT_BENCH_SCALE'] ?? '1');
const ROWS = Math.round(10_000_000 * scale);

function writeFile(path: string): void {
  const t0 = Date.UTC(2022, 0, 1);
  const codes = (m: number, k: number) => Int32Array.from({ length: ROWS }, (_, i) => (i * k) % m);
  writeFindingsArrow(path, {
    length: ROWS,
    tsMs: Float64Array.from({ length: ROWS }, (_, i) => t0 + i * 1000),
    agent: { dictionary: Array.from({ length: 50 }, (_, i) => `agent_${i}`), codes: codes(50, 1) },
    symbol: { dictionary: Array.from({ length: 500 }, (_, i) => `SYM${i}`), codes: codes(500, 7) },
    severity: { dictionary: ['low', 'medium', 'high', 'critical'], codes: codes(4, 1) },
    confidence: Float64Array.from({ length: ROWS }, (_, i) => (i % 1000) / 1000),
    direction: new Int8Array(ROWS).fill(1),
    horizonHours: new Float64Array(ROWS).fill(Number.NaN),
    strategy: { dictionary: [], codes: new Int32Array(ROWS).fill(-1) },
  });
}

describe('bt data inspect (10M-row findings file)', () => {
  bench(
    `inspect + read ${ROWS} findings rows`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'bt-inspect-bench-'));
      try {
        const path = join(dir, 'f.arrow');
        writeFile(path);
        let t0 = process.hrtime.bigint();
        const r = inspectArrowFile(path);
        const inspectS = Number(process.hrtime.bigint() - t0) / 1e9;
        t0 = process.hrtime.bigint();
        const cols = readFindingsArrow(path);
        const readS = Number(process.hrtime.bigint() - t0) / 1e9;
        const rssMb = process.resourceUsage().maxRSS / 1024;
        const line = `- inspect: ${r.rows} findings rows in ${inspectS.toFixed(2)} s = ${Math.round(r.rows / inspectS)} rows/s; readFindingsArrow ${cols.length} rows in ${readS.toFixed(2)} s = ${Math.round(cols.length / readS)} rows/s; peak RSS ${rssMb.toFixed(0)} MB (\`npx vitest bench bench/data-inspect.bench.ts\`, Node ${process.version}, ${process.platform}/${process.arch})`;
        process.stdout.write(`${line}\n`);
        recordDataResult('- inspect:', line);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});

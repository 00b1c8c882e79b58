/**
 * Bench: `bt data import findings` on a 10M-row findings CSV generated here into a temp
 * folder (sorted input, 50 agents, 500 symbols). Prints rows/s and peak RSS as a markdown
 * line and records it in bench/RESULTS.md, section "data".
 * Run: `npx vitest bench bench/data-import.bench.ts` (BT_BENCH_SCALE=0.1 for a tenth).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { importDataset } from '../datasets/import/import-dataset.js';

const scale = Number(process.env['BT_BENCH_SCALE'] ?? '1');
const ROWS = Math.round(10_000_000 * scale);
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

/** Writes a sorted findings CSV of `rows` rows (ts one second apart from 2022-01-01). */
function writeCsv(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'ts,agent,symbol,severity,confidence\n');
  const t0 = Date.UTC(2022, 0, 1);
  for (let i = 0; i < rows; i += 100_000) {
    const part: string[] = [];
    for (let j = i; j < Math.min(rows, i + 100_000); j++) {
      part.push(`${new Date(t0 + j * 1000).toISOString()},agent_${j % 50},SYM${(j * 7) % 500},${SEVERITIES[j % 4]},${((j % 1000) / 1000).toFixed(3)}`);
    }
    writeSync(fd, `${part.join('\n')}\n`);
  }
  closeSync(fd);
}

/** Replaces (or appends) the line starting with `key` in the "data" section of bench/RESULTS.md. */
export function recordDataResult(key: string, line: string): void {
  const path = join(import.meta.dirname, 'RESULTS.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Bench results\n';
  const lines = text.split('\n');
  let start = lines.findIndex((l) => l.trim() === '## data');
  if (start < 0) {
    if (lines[lines.length - 1] === '') lines.pop();
    lines.push('', '## data', '');
    start = lines.length - 2;
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end).filter((l) => l.trim() !== '' && !l.startsWith(key));
  body.push(line);
  body.sort();
  lines.splice(start + 1, end - start - 1, '', ...body, '');
  writeFileSync(path, lines.join('\n').replace(/\n{3,}/g, '\n\n'));
}

describe('bt data import (10M-row findings CSV)', () => {
  bench(
    `import ${ROWS} findings rows`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bt-import-bench-'));
      try {
        writeCsv(join(dir, 'f.csv'), ROWS);
        const t0 = process.hrtime.bigint();
        const r = await importDataset({ kind: 'findings', input: join(dir, 'f.csv'), out: join(dir, 'f.arrow'), maps: [], tz: 'UTC', timeFormat: 'iso', sort: false, maxMemoryRows: 5_000_000, wide: false });
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        const rssMb = process.resourceUsage().maxRSS / 1024;
        const line = `- import: ${r.rows} findings rows from CSV in ${s.toFixed(1)} s = ${Math.round(r.rows / s)} rows/s, peak RSS ${rssMb.toFixed(0)} MB (\`npx vitest bench bench/data-import.bench.ts\`, Node ${process.version}, ${process.platform}/${process.arch})`;
        process.stdout.write(`${line}\n`);
        recordDataResult('- import:', line);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});

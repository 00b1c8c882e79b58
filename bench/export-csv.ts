/**
 * Exports a workload's decoded run data as CSV for the Python reference (pyarrow is not
 * installed there): findings.csv, prices.csv, agents.csv with interned integer ids, in
 * the engine's row order. Written to a temp folder, then renamed into place.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunData } from '../engine/run/run-data.js';

function writeRows(path: string, header: string, n: number, row: (i: number) => string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${header}\n`);
    let chunk: string[] = [];
    for (let i = 0; i < n; i++) {
      chunk.push(row(i));
      if (chunk.length === 65_536) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Writes the CSV files into `dir` unless it already exists (the data under it never change). */
export function exportCsv(data: RunData, dir: string): void {
  if (existsSync(join(dir, 'agents.csv'))) return;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const F = data.findings;
  const P = data.prices;
  // Numbers print in JS shortest round-trip form, which Python's float() reads back exactly.
  writeRows(join(tmp, 'findings.csv'), 'ts_ms,agent_id,symbol_id,confidence,severity_mult,direction,horizon_hours', F.n, (i) =>
    `${F.tsMs[i]},${F.agentId[i]},${F.symbolId[i]},${F.confidence[i]},${F.severityMult[i]},${F.direction[i]},${F.horizonHours[i]}`);
  writeRows(join(tmp, 'prices.csv'), 'ts_ms,symbol_id,close', P.n, (i) => `${P.tsMs[i]},${P.symbolId[i]},${P.close[i]}`);
  const strategy = (a: number): string => {
    const k = data.agentStrategy[a] as number;
    return k >= 0 ? (data.strategies[k] as string) : 'unclassified';
  };
  writeRows(join(tmp, 'agents.csv'), 'agent_id,name,strategy,schedule_weight,enabled', data.agents.length, (a) =>
    `${a},${data.agents[a]},${strategy(a)},${data.scheduleWeight[a]},${data.agentEnabled[a]}`);
  writeFileSync(join(tmp, 'symbols.csv'), `symbol_id,name\n${data.symbols.map((s, i) => `${i},${s}`).join('\n')}\n`);
  renameSync(tmp, dir);
}

import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { acquireOutputLock } from '../io/output-lock.js';
import { isRunDir } from '../report/read-run-dir.js';
import { otherEngineNote } from '../io/run-json.js';
import { isSweepDir, readSweepTable, sweepHashes } from '../report/read-sweep-dir.js';

/** Options of `bt report`. */
export interface ReportFlags {
  readonly x?: string;
  readonly y?: string;
  readonly quiet?: boolean;
}

// Report writers are loaded on demand: vega and vega-lite take ~0.5 s to import,
// which every other command (and `bt --version`) would otherwise pay.

/** `bt report DIR`: (re)builds DIR/report/ of a run folder or a sweep folder, told apart by their files. */
export async function reportCommand(dir: string, flags: ReportFlags): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BtInputError({ file: dir, expected: 'a run or sweep folder', found: existsSync(dir) ? 'a file' : 'no such folder' });
  // the folder's lock (bt run and bt sweep take it to replace or append to it): no run replaces
  // the folder between the read and the write of its report/
  const release = acquireOutputLock(resolve(dir), { shown: dir });
  let kind: string;
  try {
    kind = await writeReportOf(dir, flags);
  } finally {
    release();
  }
  const note = otherEngineNote(dir);
  if (note !== null) process.stderr.write(`bt report: note: ${note}\n`);
  if (flags.quiet !== true) process.stdout.write(`bt report: ${kind} report in ${relative(process.cwd(), `${dir}/report`) || '.'}/ (index.html, *.vl.json, *.svg)\n`);
}

/** Writes DIR/report/ of a run or sweep folder; returns which. */
async function writeReportOf(dir: string, flags: ReportFlags): Promise<string> {
  let kind: string;
  if (isSweepDir(dir)) {
    // each table checked against manifest.json on the bytes read: an edited one is the error to report, before what its content causes
    const hashes = sweepHashes(dir);
    const table = readSweepTable(dir, hashes);
    const params = table.params.map((p) => p.path);
    for (const [flag, v] of [['--x', flags.x], ['--y', flags.y]] as const) {
      if (v !== undefined && !params.includes(v)) throw new BtInputError({ field: flag, expected: `a swept parameter (${params.join(', ')})`, found: `'${v}'` });
    }
    await (await import('../report/write-sweep-report.js')).writeSweepReport(dir, { ...(flags.x !== undefined ? { x: flags.x } : {}), ...(flags.y !== undefined ? { y: flags.y } : {}) }, { table, hashes });
    kind = 'sweep';
  } else if (isRunDir(dir)) {
    await (await import('../report/write-run-report.js')).writeRunReport(dir);
    kind = 'run';
  } else {
    throw new BtInputError({ file: dir, expected: 'a run folder (equity.arrow, metrics.json, manifest.json, ...) or a sweep folder (results.arrow)', found: 'neither' });
  }
  return kind;
}

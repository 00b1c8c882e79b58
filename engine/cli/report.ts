import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { isRunDir } from '../report/read-run-dir.js';
import { isSweepDir, readSweepTable } from '../report/read-sweep-dir.js';

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
  let kind: string;
  if (isSweepDir(dir)) {
    const params = readSweepTable(dir).params.map((p) => p.path);
    for (const [flag, v] of [['--x', flags.x], ['--y', flags.y]] as const) {
      if (v !== undefined && !params.includes(v)) throw new BtInputError({ field: flag, expected: `a swept parameter (${params.join(', ')})`, found: `'${v}'` });
    }
    await (await import('../report/write-sweep-report.js')).writeSweepReport(dir, { ...(flags.x !== undefined ? { x: flags.x } : {}), ...(flags.y !== undefined ? { y: flags.y } : {}) });
    kind = 'sweep';
  } else if (isRunDir(dir)) {
    await (await import('../report/write-run-report.js')).writeRunReport(dir);
    kind = 'run';
  } else {
    throw new BtInputError({ file: dir, expected: 'a run folder (equity.arrow, metrics.json, manifest.json, ...) or a sweep folder (results.arrow)', found: 'neither' });
  }
  if (flags.quiet !== true) process.stdout.write(`bt report: ${kind} report in ${relative(process.cwd(), `${dir}/report`) || '.'}/ (index.html, *.vl.json, *.svg)\n`);
}

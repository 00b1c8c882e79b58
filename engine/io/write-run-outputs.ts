import { join } from 'node:path';
import { btKindMetadata, columnsToIpc, type OutColumn } from './arrow-table.js';
import { eventsArrowBytes } from './events-arrow-bytes.js';
import { stableStringify } from '../core/stable-json.js';
import { sha256Hex } from '../core/hash.js';
import { toI32, type GrowableF64 } from '../core/growable.js';
import { targetsColumns, TARGETS_METADATA } from './targets-file.js';
import { agentWeightsColumns, AGENT_WEIGHTS_METADATA } from './agent-weights-file.js';
import type { RunData } from '../run/run-data.js';
import type { RunBenchmark } from '../run/run-metrics.js';
import type { RunState } from '../run/state.js';
import { finalStateOf } from '../run/final-state.js';
import { outputFs } from './output-fs.js';
import { assert } from '../core/errors.js';
import { arrowCsvText } from './arrow-csv.js';
import { csvNumber, csvTime } from '../core/csv-cell.js';

/** Returns the name of an Arrow output's CSV twin (`bt run --csv`): events.arrow -> events.csv. */
export function csvTwinOf(arrowName: string): string {
  return arrowName.replace(/\.arrow$/, '.csv');
}

/** The files a run writes, in the order they are hashed. */
export const RUN_OUTPUT_FILES = ['events.arrow', 'targets.arrow', 'agent_weights.arrow', 'kills.arrow', 'equity.arrow', 'metrics.json', 'final_state.json'] as const;

const KILLS_METADATA = btKindMetadata('kills');
const EQUITY_METADATA = btKindMetadata('equity');

/** A run's output files in memory, by file name (what `bt run` writes; the library returns them). */
export type RunOutputFiles = Readonly<Record<string, Uint8Array | string>>;

/** No file written as the run went (runOutputFiles' default: a run in memory). */
const NONE_WRITTEN: ReadonlySet<string> = new Set();

/**
 * Returns the bytes of every output file of a run, without touching the disk, but those in
 * `written`: events.arrow, targets.arrow and agent_weights.arrow when the run wrote them batch
 * by batch as it went (bt run --out: the log's spill and the row sinks, run.ts), their rows no
 * longer in memory. With `csv`, also the CSV twin of each Arrow file it returns (arrow-csv.ts; a
 * written file's twin is written from the file, writeArrowCsv) and (with a benchmark) its closes
 * as benchmark.csv, for pandas, R and external checks (test/reference/tearsheet_reference.R).
 */
export function runOutputFiles(data: RunData, st: RunState, metrics: unknown, csv: boolean, benchmark: RunBenchmark | null = null, initialEquity = Number.NaN, written: ReadonlySet<string> = NONE_WRITTEN): RunOutputFiles {
  // the log knows whether it spilled: a caller that says otherwise would get a partial events.arrow
  assert(written.has('events.arrow') === (st.log.sink !== null), 'events.arrow is written as the run goes exactly when its log spills');
  const files: Record<string, Uint8Array | string> = {};
  if (!written.has('events.arrow')) files['events.arrow'] = eventsArrowBytes(st.log, data);
  const o = st.out;
  if (!written.has('targets.arrow')) files['targets.arrow'] = columnsToIpc(targetsColumns(view(o.targetTs), toI32(o.targetSymbol), view(o.targetWeight), data.symbols), o.targetTs.length, TARGETS_METADATA);
  if (!written.has('agent_weights.arrow')) files['agent_weights.arrow'] = columnsToIpc(agentWeightsColumns(view(o.weightTs), toI32(o.weightAgent), view(o.weightValue), view(o.weightMultiplier), data.agents), o.weightTs.length, AGENT_WEIGHTS_METADATA);
  const kills = o.kills;
  const killCols: OutColumn[] = [
    { name: 'ts', type: 'timestamp-ms', values: Float64Array.from(kills, (k) => k.tsMs) },
    { name: 'kind', type: 'utf8', values: kills.map((k) => k.kind) },
    { name: 'agent', type: 'utf8', values: kills.map((k) => k.agent) },
    { name: 'strategy', type: 'utf8', values: kills.map((k) => k.strategy) },
    { name: 'reason', type: 'utf8', values: kills.map((k) => k.reason) },
    { name: 'stats', type: 'utf8', values: kills.map((k) => k.stats) },
  ];
  files['kills.arrow'] = columnsToIpc(killCols, kills.length, KILLS_METADATA);
  files['equity.arrow'] = columnsToIpc(
    [
      { name: 'ts', type: 'timestamp-ms', values: view(o.equityTs) },
      { name: 'equity', type: 'float64', values: view(o.equity) },
      { name: 'gross_exposure', type: 'float64', values: view(o.gross) },
    ],
    o.equityTs.length,
    // The curve starts at its first close; the initial capital before it is the first period's
    // base (metrics.json counts that period), so `bt metrics equity.arrow --prices` can too.
    Number.isFinite(initialEquity) ? new Map([...EQUITY_METADATA, ['bt.initial_equity', String(initialEquity)]]) : EQUITY_METADATA,
  );
  files['metrics.json'] = `${stableStringify(metrics, 2)}\n`;
  files['final_state.json'] = `${stableStringify(finalStateOf(data, st), 2)}\n`;
  if (csv) {
    for (const name of Object.keys(files).sort()) {
      const body = files[name];
      if (name.endsWith('.arrow') && body instanceof Uint8Array) files[csvTwinOf(name)] = arrowCsvText(body);
    }
    if (benchmark !== null) files['benchmark.csv'] = csvOf(['ts', 'ts_ms', 'close'], benchmark.tsMs.length, (i) => [csvTime(benchmark.tsMs[i] as number), String(benchmark.tsMs[i]), csvNumber(benchmark.close[i] as number)]);
  }
  return files;
}

/** The column's values in place: encoded before the run state changes again, so no copy is needed (each first-touches fresh pages). */
function view(g: GrowableF64): Float64Array {
  return g.data.subarray(0, g.length);
}

/** Writes `files` into `dir` (a temp folder the caller renames) and returns their sha256 by name. */
export function writeRunOutputs(dir: string, files: RunOutputFiles): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) {
    const body = files[name] as Uint8Array | string;
    outputFs.writeFile(join(dir, name), body);
    hashes[name] = sha256Hex(body);
  }
  return hashes;
}

function csvOf(header: readonly string[], n: number, row: (i: number) => string[]): string {
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) lines.push(row(i).join(','));
  return `${lines.join('\n')}\n`;
}

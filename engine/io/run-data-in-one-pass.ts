/**
 * loadRunData's decoding of whole files by the run decoders: each record batch decoded and
 * checked in one pass per column (findings-run-batch.ts, prices-run-batch.ts; a doubtful batch
 * by the old decoders, as a streamed run decodes it) and copied into columns sized once from
 * the batches' headers, instead of every batch held, then decoded column by column into file-wide
 * codes and mapped to run ids. Null at the first doubt (an invalid row, an unknown name, a file
 * it cannot read): the caller decodes the files the old way, which words every error as it
 * always did (the whole file's violations, findings before prices).
 */
import { openArrowFile } from '../../datasets/read/open-arrow-file.js';
import { streamFindingsForRun } from '../../datasets/read/read-findings.js';
import { pricesOutline, streamPricesForRun } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import type { FindingsRunBatch } from '../../datasets/read/findings-run-batch.js';
import type { PricesRunBatch } from '../../datasets/read/prices-run-batch.js';
import { buildIdMap, type IdMap } from '../core/ids.js';
import type { RunData } from '../run/run-data.js';
import type { RunDataPaths } from './load-run-data.js';
import { readRegimeCsv } from './read-regime-csv.js';
import { findingsPass } from './input-passes.js';
import { rosterFields, runRoster } from './run-roster.js';
import { findingsColumnsToRun, pricesColumnsToRun } from './columns-to-run-batch.js';

/** Where loadRunData puts the decoded columns. */
export interface LoadOptions {
  /**
   * In SharedArrayBuffers (the findings' and prices' columns): a sweep posts them to its workers
   * as they are, where a copy after the load would touch as much fresh memory again (~0.7 GB on M).
   */
  readonly shared?: boolean;
}

/** A typed array constructor as loadRunData allocates with it. */
type Columns<T> = { new (length: number): T; new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** Allocates a column of n values. */
type Alloc = <T>(ctor: Columns<T>, n: number) => T;

/** Returns an allocator of columns of n values, in SharedArrayBuffers when `shared`. */
function columnsIn(shared: boolean): Alloc {
  return (ctor, n) => (shared ? new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT)) : new ctor(n));
}

/** Returns the run's inputs read, checked and interned as loadRunData returns them, or null when anything is doubtful. */
export function loadRunDataInOnePass(paths: RunDataPaths, opts: LoadOptions = {}): RunData | null {
  try {
    return decodeWhole(paths, columnsIn(opts.shared === true));
  } catch {
    return null; // the old decoding throws the error, worded as it always was
  }
}

function decodeWhole(paths: RunDataPaths, alloc: Alloc): RunData | null {
  const agentsFile = paths.agents !== undefined ? readAgentsArrow(paths.agents) : null;
  const outline = pricesOutline(paths.prices);
  if (outline === null) return null;
  // without an agents file the agents and their classes are the findings' (a pass over them)
  const roster = runRoster(agentsFile, agentsFile === null ? findingsPass(paths.findings, true) : null);
  const symbolMap = buildIdMap(outline.symbols);
  const prices = wholePrices(paths.prices, symbolMap, alloc);
  const findings = wholeFindings(paths.findings, roster.agentMap, symbolMap, paths.display, alloc);
  if (prices === null || findings === null) return null;
  const killList = paths.killList !== undefined ? readKillListYaml(paths.killList) : null;
  const regime = paths.regime !== undefined ? readRegimeCsv(paths.regime, paths.display['regime'] ?? paths.regime) : null;
  return {
    ...rosterFields(roster),
    symbols: symbolMap.names,
    prices,
    findings,
    killList,
    regime,
    findingsFile: paths.display['findings'] ?? 'findings',
  };
}

/** A column of the whole file: each batch's values copied in at their rows. */
function copyInto<T extends Float64Array | Int32Array | Int8Array>(whole: T, part: T, at: number, n: number): void {
  whole.set(part.subarray(0, n) as never, at);
}

/** The whole prices file as a run reads it, or null when the batches' rows do not add up to the headers'. */
function wholePrices(path: string, symbolMap: IdMap, alloc: Alloc): PricesRunBatch | null {
  const f = openArrowFile(path, 'prices');
  const n = f.rowCount();
  const has = (name: string): boolean => f.schema.fields.some((x) => x.name === name);
  const tsMs = alloc(Float64Array, n);
  const symbolId = alloc(Int32Array, n);
  const close = alloc(Float64Array, n);
  const volume = has('volume') ? alloc(Float64Array, n) : undefined;
  const spreadBps = has('spread_bps') ? alloc(Float64Array, n) : undefined;
  let at = 0;
  for (const b of streamPricesForRun(path, {}, symbolMap.idOf, pricesColumnsToRun(symbolMap))) {
    if (at + b.n > n || (volume !== undefined) !== (b.volume !== undefined) || (spreadBps !== undefined) !== (b.spreadBps !== undefined)) return null;
    copyInto(tsMs, b.tsMs, at, b.n);
    copyInto(symbolId, b.symbolId, at, b.n);
    copyInto(close, b.close, at, b.n);
    if (volume !== undefined) copyInto(volume, b.volume as Float64Array, at, b.n);
    if (spreadBps !== undefined) copyInto(spreadBps, b.spreadBps as Float64Array, at, b.n);
    at += b.n;
  }
  if (at !== n) return null;
  return { n, tsMs, symbolId, close, ...(volume === undefined ? {} : { volume }), ...(spreadBps === undefined ? {} : { spreadBps }) };
}

/** The whole findings file as a run reads it, or null when the batches' rows do not add up to the headers'. */
function wholeFindings(path: string, agentMap: IdMap, symbolMap: IdMap, display: Readonly<Record<string, string>>, alloc: Alloc): FindingsRunBatch | null {
  const f = openArrowFile(path, 'findings');
  const n = f.rowCount();
  const tsMs = alloc(Float64Array, n);
  const agentId = alloc(Int32Array, n);
  const symbolId = alloc(Int32Array, n);
  const confidence = alloc(Float64Array, n);
  const severityMult = alloc(Float64Array, n);
  const direction = alloc(Int8Array, n);
  const horizonHours = alloc(Float64Array, n);
  const expectedPnlBps = f.schema.fields.some((x) => x.name === 'expected_pnl_bps') ? alloc(Float64Array, n) : undefined;
  let at = 0;
  // every row checked as it is decoded; the strategy column is the roster's business, not the rows'
  const batches = streamFindingsForRun(path, { strategy: false }, { agent: agentMap.idOf, symbol: symbolMap.idOf }, findingsColumnsToRun(agentMap, symbolMap, display));
  for (const b of batches) {
    if (at + b.n > n || (expectedPnlBps !== undefined) !== (b.expectedPnlBps !== undefined)) return null;
    copyInto(tsMs, b.tsMs, at, b.n);
    copyInto(agentId, b.agentId, at, b.n);
    copyInto(symbolId, b.symbolId, at, b.n);
    copyInto(confidence, b.confidence, at, b.n);
    copyInto(severityMult, b.severityMult, at, b.n);
    copyInto(direction, b.direction, at, b.n);
    copyInto(horizonHours, b.horizonHours, at, b.n);
    if (expectedPnlBps !== undefined) copyInto(expectedPnlBps, b.expectedPnlBps as Float64Array, at, b.n);
    at += b.n;
  }
  if (at !== n) return null;
  return { n, tsMs, agentId, symbolId, confidence, severityMult, direction, horizonHours, ...(expectedPnlBps === undefined ? {} : { expectedPnlBps }) };
}

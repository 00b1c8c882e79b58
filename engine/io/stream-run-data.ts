import { findingsEdgeTimes, streamFindingsForRun } from '../../datasets/read/read-findings.js';
import { pricesOutline, streamPricesForRun } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { openArrowFile } from '../../datasets/read/open-arrow-file.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import { buildIdMap } from '../core/ids.js';
import type { RunDataPaths } from './load-run-data.js';
import { readRegimeCsv } from './read-regime-csv.js';
import { findingsPass, pricesPass, type FindingsPass } from './input-passes.js';
import { rosterFields, runRoster } from './run-roster.js';
import { findingsColumnsToRun, pricesColumnsToRun } from './columns-to-run-batch.js';
import type { RunData } from '../run/run-data.js';

/** The batch source a replay pulls: each call the iterator's next batch, or null at its end. */
function nextOrNull<T>(it: Iterator<T>): () => T | null {
  return () => {
    const r = it.next();
    return r.done === true ? null : r.value;
  };
}

/** Checks the rows a replay did not read: reads its last pass on to the end, or makes a full one when it read none. */
function readOn(last: Iterator<unknown> | null, fullPass: () => unknown): void {
  if (last === null) fullPass();
  else while (last.next().done !== true);
}

/**
 * What `read` learns from a file's edge batches and keys, or null when only a full pass can tell
 * (or word what is wrong): the full pass reports the first problem in file order (a damaged last
 * batch after an invalid row), as it always did.
 */
function outlineOrNull<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** A run's inputs opened for a batch-by-batch replay (openRunStream). */
export interface RunStream {
  readonly data: RunData;
  /**
   * Runs `replay` (a run of the kernel over `data`) and returns what it returns once every
   * input row is known valid: rows the replay did not read (after the end, or a stop) are
   * checked after it. When it throws, an invalid findings row wins over its error, as when
   * every row was checked before the replay.
   */
  readonly replay: <T>(replay: () => T) => T;
  /**
   * Throws the first invalid input row's error, if any, among the rows a replay would check
   * as it reads them: for a caller whose own step failed before the replay ran (an input
   * error it would otherwise report instead of the invalid row's, which came first before).
   */
  readonly checkInputs: () => void;
}

/**
 * Opens a run's inputs for batch-by-batch replay: the prices' outline (symbol keys, first and
 * last batches) gives the symbols with prices and the time range, and the replay's own decoding
 * checks the price rows as it reads them; with an agents file, findings rows are checked so too
 * (the time range comes from the file's first and last batches), else a pass over the findings
 * learns the agents. The replay decodes, interns and checks one record batch at a time, so
 * decoded input is never held whole. Same ids, checks and messages as loadRunData, and the same
 * error first: an invalid prices row before anything the findings or the replay would report.
 */
export function openRunStream(paths: RunDataPaths): RunStream {
  const agentsFile = paths.agents !== undefined ? readAgentsArrow(paths.agents) : null;
  const killList = paths.killList !== undefined ? readKillListYaml(paths.killList) : null;
  const regime = paths.regime !== undefined ? readRegimeCsv(paths.regime, paths.display['regime'] ?? paths.regime) : null;
  // A pass over the prices would decode and check every row only to learn the symbols and the
  // time range: the outline reads those, the replay checks the rows it reads (one decoding of
  // the file, not two), `replay` the rest. An edge row without a ts: the full pass, as before.
  const outline = outlineOrNull(() => pricesOutline(paths.prices));
  const pricesAsRead = outline !== null;
  const priced = outline ?? pricesPass(paths.prices);
  /** Throws the first invalid price row's error, if any: what a failing step reports instead of its own. */
  const pricesFirst = (): void => {
    if (pricesAsRead) pricesPass(paths.prices);
  };
  // With an agents file a findings pass would only check rows and find the time range: the
  // replay checks the rows it reads instead (one decoding of the file, not two), `replay` the rest.
  const edges = agentsFile !== null ? outlineOrNull(() => findingsEdgeTimes(paths.findings)) : null;
  const checkAsRead = edges !== null;
  let pass: FindingsPass | null = null;
  try {
    pass = edges === null ? findingsPass(paths.findings, agentsFile === null) : null;
  } catch (err) {
    pricesFirst(); // an invalid price row is reported before the findings' errors, as it always was
    throw err;
  }
  const range = edges ?? (pass as FindingsPass);
  const roster = runRoster(agentsFile, pass);
  const agentMap = roster.agentMap;
  const symbolMap = buildIdMap(priced.symbols);
  /** The prices pass the replay read last: `replay` reads on to its end. */
  let lastPrices: Iterator<RunData['prices']> | null = null;
  const prices = (): (() => RunData['prices'] | null) => {
    /** A batch the one-pass decoding did not take, decoded in full: its names mapped to ids here. */
    const decoded = pricesColumnsToRun(symbolMap);
    // checks each row as it decodes it, unless the full pass above did
    const it = streamPricesForRun(paths.prices, { checked: !pricesAsRead }, symbolMap.idOf, decoded)[Symbol.iterator]();
    lastPrices = it;
    return nextOrNull(it);
  };
  /** The findings pass the replay read last: `replay` reads on to its end. */
  let lastPass: Iterator<RunData['findings']> | null = null;
  const findings = (): (() => RunData['findings'] | null) => {
    /** A batch the one-pass decoding did not take, decoded in full: its names mapped to ids here, each unknown one worded. */
    const decoded = findingsColumnsToRun(agentMap, symbolMap, paths.display);
    // the replay reads an agent's strategy from the agents file or the first pass, never from the rows
    const it = streamFindingsForRun(paths.findings, { checked: !checkAsRead, strategy: false }, { agent: agentMap.idOf, symbol: symbolMap.idOf }, decoded)[Symbol.iterator]();
    lastPass = it;
    return nextOrNull(it);
  };
  const checkInputs = (): void => {
    pricesFirst(); // throws the first invalid row's error, if any: prices, then findings
    if (checkAsRead) findingsPass(paths.findings, false);
  };
  const replay = <T>(run: () => T): T => {
    if (!pricesAsRead && !checkAsRead) return run();
    let result: T;
    try {
      result = run();
    } catch (err) {
      checkInputs();
      throw err;
    }
    // rows the replay did not read (after the end, or a stop) are checked too, as before it: prices first
    if (pricesAsRead) readOn(lastPrices, () => pricesPass(paths.prices));
    if (checkAsRead) readOn(lastPass, () => findingsPass(paths.findings, false));
    return result;
  };
  // only a size hint: a file whose headers cannot tell gives none, and its rows report any problem as they always did
  const findingsRows = outlineOrNull(() => openArrowFile(paths.findings, 'findings').rowEstimate());
  const none = { n: 0, tsMs: new Float64Array(0) };
  const data: RunData = {
    ...rosterFields(roster),
    symbols: symbolMap.names,
    // no rows, but the file's optional columns (empty): what a check before the replay reads (check-spread-column.ts)
    prices: { ...none, symbolId: new Int32Array(0), close: new Float64Array(0), ...optionalPriceColumns(paths.prices) },
    findings: {
      ...none,
      agentId: new Int32Array(0),
      symbolId: new Int32Array(0),
      confidence: new Float64Array(0),
      severityMult: new Float64Array(0),
      direction: new Int8Array(0),
      horizonHours: new Float64Array(0),
    },
    killList,
    regime,
    findingsFile: paths.display['findings'] ?? 'findings',
    stream: { prices, findings, priceSpan: { first: priced.first, last: priced.last }, findingSpan: { first: range.first, last: range.last }, ...(findingsRows !== null ? { findingsRows } : {}) },
  };
  return { data, replay, checkInputs };
}

/** Empty columns for the optional cost columns (volume, spread_bps) the prices file has: its schema, from the footer. */
function optionalPriceColumns(path: string): { volume?: Float64Array; spreadBps?: Float64Array } {
  const names = new Set(openArrowFile(path, 'prices').schema.fields.map((f) => f.name));
  return { ...(names.has('volume') ? { volume: new Float64Array(0) } : {}), ...(names.has('spread_bps') ? { spreadBps: new Float64Array(0) } : {}) };
}

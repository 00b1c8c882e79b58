import { findingsEdgeTimes, streamFindingsArrow, streamFindingsForRun } from '../../datasets/read/read-findings.js';
import { ScratchColumns } from '../../datasets/read/scratch-columns.js';
import { pricesOutline, streamPricesArrow, streamPricesForRun, type PricesOutline } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import { SEVERITY_MULTIPLIER, type DictColumn, type FindingsColumns, type PricesColumns, type Severity } from '../../datasets/schemas/columns.js';
import { ViolationCollector } from '../core/errors.js';
import { buildIdMap, type IdMap } from '../core/ids.js';
import { agentSinceOf, costColumns, readRegimeCsv, type RunDataPaths } from './load-run-data.js';
import type { RunData } from '../run/run-data.js';

/**
 * Writes run ids for `codes` into `out` through `lut` (-1 stays -1) and returns the first row
 * whose value has no id, or -1. A loop of its own over typed arrays: V8 optimizes it once for
 * every batch and column.
 */
function mapCodes(codes: Int32Array, lut: Int32Array, out: Int32Array): number {
  let missing = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const id = c < 0 ? -1 : (lut[c] as number);
    out[i] = id;
    if (c >= 0 && id < 0 && missing < 0) missing = i;
  }
  return missing;
}

/**
 * Maps a batch's dictionary codes to run ids; the lookup table follows the file-wide dictionary
 * as it grows. The ids are written into one buffer reused batch after batch (a replay is done
 * with a batch before it asks for the next).
 */
function codeMapper(map: IdMap): (col: DictColumn, onMissing: (i: number, value: string) => void) => Int32Array {
  let lut = new Int32Array(0);
  let seen: readonly string[] = [];
  const ids = new ScratchColumns();
  return (col, onMissing) => {
    if (col.dictionary !== seen || col.dictionary.length !== lut.length) {
      seen = col.dictionary;
      lut = Int32Array.from(col.dictionary, (name) => map.idOf.get(name) ?? -1);
    }
    const out = ids.i32('ids', col.codes.length);
    const first = mapCodes(col.codes, lut, out);
    if (first < 0) return out;
    for (let i = first; i < out.length; i++) {
      const c = col.codes[i] as number;
      if (c >= 0 && (out[i] as number) < 0) onMissing(i, col.dictionary[c] as string);
    }
    return out;
  };
}

/** Writes each row's severity multiplier (NaN for a code without one) into `out`, through `byCode`. */
function severityMultipliers(codes: Int32Array, byCode: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    out[i] = c >= 0 && c < byCode.length ? (byCode[c] as number) : Number.NaN;
  }
  return out;
}

function usedNames(col: DictColumn, into: Set<string>): void {
  const used = new Uint8Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i] as number;
    if (c >= 0) used[c] = 1;
  }
  for (let k = 0; k < used.length; k++) if (used[k]) into.add(col.dictionary[k] as string);
}

/** What a pass over every findings row learns: the time range and, when asked, the agents and their strategies. */
interface FindingsPass {
  readonly first: number;
  readonly last: number;
  readonly agentNames: Set<string>;
  readonly strategyOfAgent: Map<string, string>;
}

/** Reads every findings row, checking each (throws on the first batch with a violation); `names`: also collects agents and strategies. */
function findingsPass(file: string, names: boolean): FindingsPass {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const agentNames = new Set<string>();
  const strategyOfAgent = new Map<string, string>();
  // without names, this pass only checks rows and reads the time range: strategy is not read
  for (const b of streamFindingsArrow(file, { strategy: names, scratch: true })) {
    if (b.length === 0) continue;
    first = Math.min(first, b.tsMs[0] as number);
    last = Math.max(last, b.tsMs[b.length - 1] as number);
    if (!names) continue;
    usedNames(b.agent, agentNames);
    for (let i = 0; i < b.length; i++) {
      const c = b.strategy.codes[i] as number;
      const name = b.agent.dictionary[b.agent.codes[i] as number] as string;
      if (c >= 0 && !strategyOfAgent.has(name)) strategyOfAgent.set(name, b.strategy.dictionary[c] as string);
    }
  }
  return { first, last, agentNames, strategyOfAgent };
}

/** Reads every prices row, checking each (throws on the first batch with a violation): the symbols with prices and the time range. */
function pricesPass(file: string): PricesOutline {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const symbols = new Set<string>();
  // each batch is done with before the next is read: decoded columns reuse their buffers
  for (const b of streamPricesArrow(file, { scratch: true })) {
    if (b.length === 0) continue;
    first = Math.min(first, b.tsMs[0] as number);
    last = Math.max(last, b.tsMs[b.length - 1] as number);
    usedNames(b.symbol, symbols);
  }
  return { symbols, first, last };
}

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
  const fName = paths.display['findings'] ?? 'findings';
  const pName = paths.display['prices'] ?? 'prices';
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
  const first = Math.min(priced.first, range.first);
  const last = Math.max(priced.last, range.last);
  const agentMap = buildIdMap(agentsFile !== null ? agentsFile.agent : (pass as FindingsPass).agentNames);
  const symbolMap = buildIdMap(priced.symbols);
  const nA = agentMap.names.length;
  const strategyOf = new Array<string>(nA).fill('');
  if (agentsFile !== null) agentsFile.agent.forEach((name, i) => (strategyOf[agentMap.idOf.get(name) as number] = agentsFile.strategy[i] ?? ''));
  else agentMap.names.forEach((name, a) => (strategyOf[a] = pass?.strategyOfAgent.get(name) ?? ''));
  const strategyMap = buildIdMap(strategyOf.filter((s) => s !== ''));
  const scheduleWeight = new Float64Array(nA).fill(1);
  const agentEnabled = new Uint8Array(nA).fill(1);
  if (agentsFile !== null) {
    agentsFile.agent.forEach((name, i) => {
      const a = agentMap.idOf.get(name) as number;
      scheduleWeight[a] = agentsFile.weight[i] as number;
      agentEnabled[a] = agentsFile.enabled[i] as number;
    });
  }
  const agentSinceMs = agentSinceOf(agentsFile, agentMap.idOf, nA);
  /** The prices pass the replay read last: `replay` reads on to its end. */
  let lastPrices: Iterator<RunData['prices']> | null = null;
  const prices = (): (() => RunData['prices'] | null) => {
    const toId = codeMapper(symbolMap);
    /** A batch the one-pass decoding did not take, decoded in full: its names mapped to ids here. */
    const decoded = (b: PricesColumns): RunData['prices'] => ({ n: b.length, tsMs: b.tsMs, symbolId: toId(b.symbol, () => undefined), close: b.close, ...costColumns(b) });
    // checks each row as it decodes it, unless the full pass above did
    const it = streamPricesForRun(paths.prices, { checked: !pricesAsRead }, symbolMap.idOf, decoded)[Symbol.iterator]();
    lastPrices = it;
    return nextOrNull(it);
  };
  /** The findings pass the replay read last: `replay` reads on to its end. */
  let lastPass: Iterator<RunData['findings']> | null = null;
  const findings = (): (() => RunData['findings'] | null) => {
    const severityMult = new ScratchColumns();
    const agentId = codeMapper(agentMap);
    const symbolId = codeMapper(symbolMap);
    /** A batch the one-pass decoding did not take, decoded in full: its names mapped to ids here, each unknown one worded. */
    const decoded = (b: FindingsColumns, base: number): RunData['findings'] => {
      const v = new ViolationCollector();
      const agents = agentId(b.agent, (i, value) =>
        v.add({ file: fName, row: base + i + 1, field: 'agent', expected: `an agent listed in ${paths.display['agents'] ?? 'the agents file'}`, found: `'${value}'` }),
      );
      const syms = symbolId(b.symbol, (i, value) =>
        v.add({ file: fName, row: base + i + 1, field: 'symbol', expected: `a symbol with prices in ${pName}`, found: `'${value}' (no prices)` }),
      );
      v.throwIfAny();
      const byCode = Float64Array.from(b.severity.dictionary, (s) => SEVERITY_MULTIPLIER[s as Severity] ?? Number.NaN);
      const mult = severityMultipliers(b.severity.codes, byCode, severityMult.f64('severity', b.length));
      return { n: b.length, tsMs: b.tsMs, agentId: agents, symbolId: syms, confidence: b.confidence, severityMult: mult, direction: b.direction, horizonHours: b.horizonHours, ...(b.expectedPnlBps !== undefined ? { expectedPnlBps: b.expectedPnlBps } : {}) };
    };
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
  const none = { n: 0, tsMs: new Float64Array(0) };
  const data: RunData = {
    agents: agentMap.names,
    symbols: symbolMap.names,
    strategies: strategyMap.names,
    agentStrategy: Int32Array.from(strategyOf, (s) => (s === '' ? -1 : (strategyMap.idOf.get(s) as number))),
    scheduleWeight,
    agentEnabled,
    ...(agentSinceMs !== undefined ? { agentSinceMs } : {}),
    prices: { ...none, symbolId: new Int32Array(0), close: new Float64Array(0) },
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
    stream: { prices, findings, firstTsMs: first, lastTsMs: last },
  };
  return { data, replay, checkInputs };
}

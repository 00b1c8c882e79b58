import { assert } from '../../core/errors.js';
import { KIND_CODE } from '../../events/event.js';
import type { EventColumns, EventLog } from '../../events/log.js';
import { forEachEventBatch, type OutcomeKeys } from '../../events/event-batches.js';
import { OUTCOME_BLOCK } from '../../events/outcome-table.js';
import { TARGETS_BLOCK } from '../../events/targets-table.js';
import { FILL_BLOCK } from '../../events/fill-table.js';
import type { RunCounters } from '../run.js';
import type { TickView } from '../tick.js';
import type { KillRecord, RunState } from '../state.js';
import { finishPairsTape, newPairsTapeRecorder, pushTickPairs, type PairsTape } from './pairs-tape.js';
import { finishVectorTape, newVectorTapeRecorder, pushTickVector, repeatTickVector, type VectorTape } from './vector-tape.js';

/*
 * The upstream tape: what the stages a downstream parameter cannot touch (outcomes -> agent
 * statistics, decay, CVaR -> allocator weights -> decisions -> final agent weights) produced,
 * recorded once by a full run and replayed by engine/run/downstream-run.ts for every
 * configuration that differs only downstream (engine/sweep/stage-key.ts). The downstream reads
 * the upstream only through the final agent weights at each tick, so those are the tape's core;
 * the targets stage's proposal at each tick lets configurations with the same targets settings
 * replay only rebalance and portfolio (portfolio-replay.ts); the rest is what the run's outputs
 * carry from upstream (event rows, weights rows, kills, the final statuses and multipliers, the
 * expected-model counts). Every array can live in a SharedArrayBuffer (engine/sweep/share-tape.ts),
 * so worker threads read one copy. Size: (distinct weight vectors x agents + distinct proposals
 * x symbols) x 8 bytes, at most ticks x (agents + symbols) x 8 (M: 730 x 700 x 8 = 4 MB), plus
 * the targets stage's pairs (pairs-tape.ts: 16 bytes per pair per distinct tick).
 */

/** Event kinds the downstream stages write: every other kind in a run's log comes from upstream. */
export const DOWNSTREAM_KINDS = ['fill', 'targets_set', 'rebalance_skipped', 'guardian_paused', 'guardian_resumed'] as const;

/** Strings packed as UTF-8 bytes and offsets (string i = bytes[offsets[i] .. offsets[i + 1])). */
export interface PackedTexts {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

/** The upstream's own rows of the event log (columns as in EventLog), in log order. */
export interface TapeRows extends EventColumns {
  readonly n: number;
  readonly kind: Uint8Array;
  readonly tsMs: Float64Array;
  /** Index into `texts`, -1 = none. */
  readonly textId: Int32Array;
  readonly texts: PackedTexts;
  /** weights.arrow rows: time, agent, weight, multiplier. */
  readonly weightRows: { readonly tsMs: Float64Array; readonly agent: Float64Array; readonly value: Float64Array; readonly multiplier: Float64Array };
}

/** What every tape carries of the run's end (its counters, final_state.json, kills.arrow, metrics.json's model counts). */
export interface TapeRunEnd {
  /** The findings and reconciliations the run processed (its counters). */
  readonly findings: number;
  readonly reconciliations: number;
  /** Final multipliers, agent and class statuses (final_state.json). */
  readonly multipliers: Float64Array;
  readonly agentStatus: Uint8Array;
  readonly classStatus: Uint8Array;
  /** kills.arrow rows as JSON (a few per agent at most). */
  readonly kills: Uint8Array;
  /** reconcile.expected_model counts (metrics.json). */
  readonly modelFits: number;
  readonly modelFallbacks: number;
}

/** Returns what a tape keeps of a finished run's end (copies: the state may run on). */
export function tapeRunEnd(st: RunState, counters: RunCounters): TapeRunEnd {
  return {
    findings: counters.findings,
    reconciliations: counters.reconciliations,
    multipliers: Float64Array.from(st.multipliers),
    agentStatus: Uint8Array.from(st.agentStatus),
    classStatus: Uint8Array.from(st.classStatus),
    kills: new TextEncoder().encode(JSON.stringify(st.out.kills)),
    modelFits: st.expectation.fits,
    modelFallbacks: st.expectation.fallbacks,
  };
}

/** Returns the run-end fields of a tape (of any kind) alone. */
export function runEndOf(t: TapeRunEnd): TapeRunEnd {
  const { findings, reconciliations, multipliers, agentStatus, classStatus, kills, modelFits, modelFallbacks } = t;
  return { findings, reconciliations, multipliers, agentStatus, classStatus, kills, modelFits, modelFallbacks };
}

/** See the comment at the top of this file. */
export interface UpstreamTape extends TapeRunEnd {
  readonly nAgents: number;
  readonly nTicks: number;
  /** The final agent weights each tick left. */
  readonly weights: VectorTape;
  /**
   * The targets stage's proposal at each tick (before the regime multiplier), for the targets
   * settings of the run that recorded it (`proposalsKey`): a configuration that differs from it
   * only in governor, costs or capital replays the portfolio alone (portfolio-replay.ts). Null
   * when recorded without (TapeNeeds).
   */
  readonly proposals: VectorTape | null;
  /**
   * Default mode: the targets stage's pairs at each tick (pairs-tape.ts), from which any targets
   * settings fill their proposal (portfolio-replay.ts, runTargetsReplay). Null in seed mode, and
   * when recorded without (TapeNeeds).
   */
  readonly pairs: PairsTape | null;
  /** Event and weights rows: only when recorded with rows (a sweep needs metrics and curves only). */
  readonly rows: TapeRows | null;
}

/** Records a tape while a full run goes: `observe` is the run's RunControl.onTick, `finish` reads the final state. */
export interface TapeRecorder {
  readonly observe: (view: TickView) => void;
  /** `keys`: the run's data, from which the log's outcome blocks expand (read with rows only). */
  readonly finish: (st: RunState, counters: RunCounters, withRows: boolean, keys: OutcomeKeys) => UpstreamTape;
}

/**
 * What of a tape the replays over it will read besides the final weights: the proposals (a
 * portfolio replay: a configuration with the recorder's targets settings) and the targets
 * stage's pairs (a targets replay: other targets settings). A sweep records only those
 * (engine/sweep/stage-plan.ts): M's grid (two targets settings per upstream key) never reads a
 * proposal, and a grid over governor or costs alone never reads a pair (~24 MB on M).
 */
export interface TapeNeeds {
  readonly proposals: boolean;
  readonly pairs: boolean;
}

/** Every part of a tape (a recording whose replays are not known). */
export const WHOLE_TAPE: TapeNeeds = { proposals: true, pairs: true };

/** Returns a recorder for a run over `nAgents` agents and `nSymbols` symbols, of the parts `needs` names (the others finish null). */
export function recordUpstreamTape(nAgents: number, nSymbols: number, needs: TapeNeeds = WHOLE_TAPE): TapeRecorder {
  const weights = newVectorTapeRecorder(nAgents);
  const proposals = newVectorTapeRecorder(needs.proposals ? nSymbols : 0);
  const pairs = newPairsTapeRecorder();
  let withPairs = needs.pairs;
  const observe = (v: TickView): void => {
    // A skipped tick changes neither the final weights nor the proposal (engine/run/tick.ts).
    if (!v.evaluated && weights.last >= 0) {
      repeatTickVector(weights);
      if (needs.proposals) repeatTickVector(proposals);
    } else {
      pushTickVector(weights, v.agentWeights);
      if (needs.proposals) pushTickVector(proposals, v.proposal);
    }
    if (v.targetsPairs === null) withPairs = false;
    else if (withPairs) pushTickPairs(pairs, v.targetsPairs, v.evaluated);
  };
  const finish = (st: RunState, counters: RunCounters, withRows: boolean, keys: OutcomeKeys): UpstreamTape => ({
    nAgents,
    nTicks: weights.ticks,
    weights: finishVectorTape(weights),
    proposals: needs.proposals ? finishVectorTape(proposals) : null,
    pairs: withPairs ? finishPairsTape(pairs) : null,
    ...tapeRunEnd(st, counters),
    rows: withRows ? upstreamRows(st, keys) : null,
  });
  return { observe, finish };
}

const IS_DOWNSTREAM = new Uint8Array(32);
for (const k of DOWNSTREAM_KINDS) IS_DOWNSTREAM[KIND_CODE[k]] = 1;

/** Returns true when the log row kind `code` is written by a downstream stage. */
export function isDownstreamKind(code: number): boolean {
  return IS_DOWNSTREAM[code] === 1;
}

/** Rows of the log expanded at a time while its upstream rows are copied out. */
const TAPE_BATCH_ROWS = 65_536;

/** Returns how many of the log's rows (outcome, targets and fill blocks expanded) are not of an omitted kind. */
function keptRowCount(log: EventLog, omit: (code: number) => boolean): number {
  const outcomesKept = !omit(KIND_CODE.outcome_reconciled);
  const targetsKept = !omit(KIND_CODE.targets_set);
  const fillsKept = !omit(KIND_CODE.fill);
  let n = 0;
  for (let i = 0; i < log.length; i++) {
    const k = log.kind[i] as number;
    if (k === OUTCOME_BLOCK) n += outcomesKept ? (log.v2[i] as number) : 0;
    else if (k === TARGETS_BLOCK) n += targetsKept ? (log.v2[i] as number) : 0;
    else if (k === FILL_BLOCK) n += fillsKept ? (log.v2[i] as number) : 0;
    else if (!omit(k)) n++;
  }
  return n;
}

/** Tape rows' columns, without texts and weights rows. */
export type TapeColumns = Omit<TapeRows, 'texts' | 'weightRows'>;

/** Returns empty columns for n tape rows. */
export function newTapeColumns(n: number): { -readonly [K in keyof TapeColumns]: TapeColumns[K] } {
  return {
    n,
    kind: new Uint8Array(n),
    tsMs: new Float64Array(n),
    agent: new Int32Array(n),
    symbol: new Int32Array(n),
    strategy: new Int32Array(n),
    v1: new Float64Array(n),
    v2: new Float64Array(n),
    v3: new Float64Array(n),
    textId: new Int32Array(n),
  };
}

/** Copies row i of `from` into row j of `to`, every column but the text (whose id each caller maps). */
export function copyTapeRow(to: TapeColumns, j: number, from: Omit<TapeColumns, 'n' | 'textId'>, i: number): void {
  to.kind[j] = from.kind[i] as number;
  to.tsMs[j] = from.tsMs[i] as number;
  to.agent[j] = from.agent[i] as number;
  to.symbol[j] = from.symbol[i] as number;
  to.strategy[j] = from.strategy[i] as number;
  to.v1[j] = from.v1[i] as number;
  to.v2[j] = from.v2[i] as number;
  to.v3[j] = from.v3[i] as number;
}

/**
 * Copies the upstream's rows out of a finished run's log (outcome, targets and fill blocks
 * expanded), and its weights rows; `omit`: the kinds left out (the downstream's; a supervisor
 * tape also leaves out weights_set).
 */
export function upstreamRows(st: RunState, keys: OutcomeKeys, omit: (code: number) => boolean = isDownstreamKind): TapeRows {
  const log = st.log;
  assert(log.sink === null && log.spilled === 0, 'tape rows are read from an in-memory event log (a run without spill)');
  const r = newTapeColumns(keptRowCount(log, omit));
  const texts: string[] = [];
  let j = 0;
  forEachEventBatch(log, keys, TAPE_BATCH_ROWS, (b) => {
    for (let i = 0; i < b.length; i++) {
      if (omit(b.kind[i] as number)) continue;
      copyTapeRow(r, j, b, i);
      const t = b.textId[i] as number;
      r.textId[j] = t < 0 ? -1 : texts.push(b.texts[t] as string) - 1;
      j++;
    }
  });
  const o = st.out;
  const cut = (g: { data: Float64Array; length: number }): Float64Array => g.data.slice(0, g.length);
  return { ...r, texts: packTexts(texts), weightRows: { tsMs: cut(o.weightTs), agent: cut(o.weightAgent), value: cut(o.weightValue), multiplier: cut(o.weightMultiplier) } };
}

/** Packs strings as UTF-8 bytes and offsets. */
export function packTexts(texts: readonly string[]): PackedTexts {
  const enc = new TextEncoder();
  const parts = texts.map((t) => enc.encode(t));
  const offsets = new Int32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = (offsets[i] as number) + (parts[i] as Uint8Array).length;
  const bytes = new Uint8Array(offsets[parts.length] as number);
  parts.forEach((p, i) => bytes.set(p, offsets[i] as number));
  return { bytes, offsets };
}

/** Returns the strings of a packed list. */
export function unpackTexts(p: PackedTexts): string[] {
  const dec = new TextDecoder();
  const out: string[] = [];
  for (let i = 0; i + 1 < p.offsets.length; i++) out.push(dec.decode(p.bytes.slice(p.offsets[i] as number, p.offsets[i + 1] as number))); // slice: TextDecoder refuses shared memory
  return out;
}

/** Returns the tape's kill records. */
export function tapeKills(tape: UpstreamTape): KillRecord[] {
  return JSON.parse(new TextDecoder().decode(tape.kills.slice())) as KillRecord[]; // written by finish() above from KillRecord[]
}

/** Returns the event log holding the tape's upstream rows (for merging with a replay's own). */
export function tapeLog(rows: TapeRows): Pick<EventLog, 'length' | 'kind' | 'tsMs' | 'agent' | 'symbol' | 'strategy' | 'v1' | 'v2' | 'v3' | 'textId' | 'texts'> {
  return { length: rows.n, kind: rows.kind, tsMs: rows.tsMs, agent: rows.agent, symbol: rows.symbol, strategy: rows.strategy, v1: rows.v1, v2: rows.v2, v3: rows.v3, textId: rows.textId, texts: unpackTexts(rows.texts) };
}

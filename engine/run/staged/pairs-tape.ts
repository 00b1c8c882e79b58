import { reserve, type ProgressiveFillScratch } from '../../modules/targets/progressive-fill.js';
import { newSharedArray, withSharedRoomFor } from './shared-growable.js';

/**
 * The targets stage's pairs at each tick (default mode): the id-sorted (symbol, agent) pairs and
 * their raw capital that progressive filling starts from (engine/modules/targets/progressive-fill.ts).
 * They depend only on the live findings and the final agent weights, so on the upstream alone:
 * configurations of one upstream key that differ in the targets settings fill the same pairs
 * (engine/run/staged/portfolio-replay.ts, runTargetsReplay) instead of rebuilding the live set
 * and the pairs from every finding. Stored once per run of equal consecutive ticks: tick i left
 * row `tickRow[i]`, whose pairs are `start[row] .. start[row + 1]`. Size on M: about 16 bytes
 * per live finding per evaluated tick (~24 MB). Recorded straight into shared memory
 * (shared-growable.ts): the finished tape's columns are views of the recorder's own buffers.
 */
export interface PairsTape {
  readonly tickRow: Int32Array;
  readonly start: Int32Array;
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly raw: Float64Array;
}

/** A pairs tape being recorded (shared columns grown by doubling). */
export interface PairsTapeRecorder {
  ticks: number;
  rows: number;
  pairs: number;
  tickRow: Int32Array;
  start: Int32Array;
  agent: Int32Array;
  symbol: Int32Array;
  raw: Float64Array;
}

/** Returns an empty recorder. */
export function newPairsTapeRecorder(): PairsTapeRecorder {
  const start = newSharedArray(Int32Array, 64);
  return { ticks: 0, rows: 0, pairs: 0, tickRow: newSharedArray(Int32Array, 1024), start, agent: newSharedArray(Int32Array, 1024), symbol: newSharedArray(Int32Array, 1024), raw: newSharedArray(Float64Array, 1024) };
}

/** True when the scratch's pairs equal the last recorded row, bit for bit. */
function sameAsLast(r: PairsTapeRecorder, s: ProgressiveFillScratch): boolean {
  if (r.rows === 0) return false;
  const from = r.start[r.rows - 1] as number;
  if (r.pairs - from !== s.pairs) return false;
  for (let k = 0; k < s.pairs; k++) {
    if (r.agent[from + k] !== s.agent[k] || r.symbol[from + k] !== s.symbol[k] || !Object.is(r.raw[from + k], s.raw[k])) return false;
  }
  return true;
}

/**
 * Records the pairs of the next tick: on an evaluated tick the scratch holds the pairs it just
 * built (a new row unless equal to the last); a skipped tick reuses the last row.
 */
export function pushTickPairs(r: PairsTapeRecorder, s: ProgressiveFillScratch, evaluated: boolean): void {
  if ((evaluated || r.rows === 0) && !sameAsLast(r, s)) {
    const n = s.pairs;
    r.start = withSharedRoomFor(r.start, r.rows + 2);
    r.agent = withSharedRoomFor(r.agent, r.pairs + n);
    r.symbol = withSharedRoomFor(r.symbol, r.pairs + n);
    r.raw = withSharedRoomFor(r.raw, r.pairs + n);
    r.agent.set(s.agent.subarray(0, n), r.pairs);
    r.symbol.set(s.symbol.subarray(0, n), r.pairs);
    r.raw.set(s.raw.subarray(0, n), r.pairs);
    r.start[r.rows] = r.pairs;
    r.pairs += n;
    r.rows += 1;
    r.start[r.rows] = r.pairs;
  }
  r.tickRow = withSharedRoomFor(r.tickRow, r.ticks + 1);
  r.tickRow[r.ticks++] = r.rows - 1;
}

/** Returns the recorded tape: trimmed views of the recorder's shared columns (the recorder is done with them). */
export function finishPairsTape(r: PairsTapeRecorder): PairsTape {
  return {
    tickRow: r.tickRow.subarray(0, r.ticks),
    start: r.start.subarray(0, r.rows + 1),
    agent: r.agent.subarray(0, r.pairs),
    symbol: r.symbol.subarray(0, r.pairs),
    raw: r.raw.subarray(0, r.pairs),
  };
}

/** Puts the pairs of tape row `row` into the filling's scratch (made for the taped run's agents and symbols). */
export function loadTickPairs(t: PairsTape, row: number, s: ProgressiveFillScratch): void {
  const from = t.start[row] as number;
  const to = t.start[row + 1] as number;
  reserve(s, to - from);
  s.agent.set(t.agent.subarray(from, to));
  s.symbol.set(t.symbol.subarray(from, to));
  s.raw.set(t.raw.subarray(from, to));
  s.pairs = to - from;
}

import { reserve, type ProgressiveFillScratch } from '../../modules/targets/progressive-fill.js';
import { newSharedArray, withSharedRoomFor } from './shared-growable.js';

/**
 * The targets stage's pairs at each tick (default mode): the id-sorted (symbol, agent) pairs and
 * their raw capital that progressive filling starts from (engine/modules/targets/progressive-fill.ts).
 * They depend only on the live findings and the final agent weights, so on the upstream alone:
 * configurations of one upstream key that differ in the targets settings fill the same pairs
 * (engine/run/staged/portfolio-replay.ts, runTargetsReplay) instead of rebuilding the live set
 * and the pairs from every finding. Stored once per run of equal consecutive ticks: tick i left
 * row `tickRow[i]`, whose pairs are `rowStart[row] .. rowEnd[row]` of chunk `rowChunk[row]`.
 * Size on M: about 16 bytes per live finding per evaluated tick (~24 MB).
 *
 * Recorded straight into shared memory in chunks that are never copied: a chunk holds whole
 * rows, and a row that does not fit in the last chunk starts a new one, twice as large up to
 * CHUNK_PAIRS. So a recording writes each pair once, into pages it touches once: columns grown
 * by doubling copied (and faulted in) as much again as they held (M: ~6k page faults and ~0.1 s
 * of a fresh worker's recording run), and the finished tape is posted as it stands.
 */
export interface PairsTape {
  readonly tickRow: Int32Array;
  /** Per row: the chunk that holds its pairs, and where they start and end in it. */
  readonly rowChunk: Int32Array;
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  readonly chunks: readonly PairsChunk[];
}

/** Columns of whole rows of pairs. */
export interface PairsChunk {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly raw: Float64Array;
}

/** The largest chunk, in pairs (4 MB; a row of more pairs gets a chunk of its own size). */
const CHUNK_PAIRS = 1 << 18;

/** The first chunk, in pairs (a short run's whole tape). */
const FIRST_CHUNK_PAIRS = 1024;

/**
 * A pairs tape being recorded. A class, not a literal: a worker's second recording built its
 * recorder from the literal site again and V8 threw away sameAsLast (bench/RESULTS.md,
 * twenty-first session).
 */
export class PairsTapeRecorder {
  ticks: number;
  rows: number;
  tickRow: Int32Array;
  rowChunk: Int32Array;
  rowStart: Int32Array;
  rowEnd: Int32Array;
  readonly chunks: PairsChunk[];
  /** Pairs written in the last chunk. */
  used: number;

  constructor() {
    this.ticks = 0;
    this.rows = 0;
    this.tickRow = newSharedArray(Int32Array, 1024);
    this.rowChunk = newSharedArray(Int32Array, 64);
    this.rowStart = newSharedArray(Int32Array, 64);
    this.rowEnd = newSharedArray(Int32Array, 64);
    this.chunks = [];
    this.used = 0;
  }
}

/** Returns an empty recorder. */
export function newPairsTapeRecorder(): PairsTapeRecorder {
  return new PairsTapeRecorder();
}

function newChunk(n: number): PairsChunk {
  return { agent: newSharedArray(Int32Array, n), symbol: newSharedArray(Int32Array, n), raw: newSharedArray(Float64Array, n) };
}

/** True when the scratch's pairs equal the last recorded row, bit for bit. */
function sameAsLast(r: PairsTapeRecorder, s: ProgressiveFillScratch): boolean {
  if (r.rows === 0) return false;
  const c = r.chunks[r.rowChunk[r.rows - 1] as number] as PairsChunk;
  const from = r.rowStart[r.rows - 1] as number;
  if ((r.rowEnd[r.rows - 1] as number) - from !== s.pairs) return false;
  for (let k = 0; k < s.pairs; k++) {
    if (c.agent[from + k] !== s.agent[k] || c.symbol[from + k] !== s.symbol[k] || !Object.is(c.raw[from + k], s.raw[k])) return false;
  }
  return true;
}

/** Appends the scratch's pairs as a new row, in the last chunk when they fit, else in a new one. */
function pushRow(r: PairsTapeRecorder, s: ProgressiveFillScratch): void {
  const n = s.pairs;
  let c = r.chunks[r.chunks.length - 1];
  if (c === undefined || r.used + n > c.agent.length) {
    const size = c === undefined ? FIRST_CHUNK_PAIRS : Math.min(2 * c.agent.length, CHUNK_PAIRS);
    c = newChunk(Math.max(n, size));
    r.chunks.push(c);
    r.used = 0;
  }
  c.agent.set(s.agent.subarray(0, n), r.used);
  c.symbol.set(s.symbol.subarray(0, n), r.used);
  c.raw.set(s.raw.subarray(0, n), r.used);
  r.rowChunk = withSharedRoomFor(r.rowChunk, r.rows + 1);
  r.rowStart = withSharedRoomFor(r.rowStart, r.rows + 1);
  r.rowEnd = withSharedRoomFor(r.rowEnd, r.rows + 1);
  r.rowChunk[r.rows] = r.chunks.length - 1;
  r.rowStart[r.rows] = r.used;
  r.rowEnd[r.rows] = r.used + n;
  r.used += n;
  r.rows += 1;
}

/**
 * Records the pairs of the next tick: on an evaluated tick the scratch holds the pairs it just
 * built (a new row unless equal to the last); a skipped tick reuses the last row.
 */
export function pushTickPairs(r: PairsTapeRecorder, s: ProgressiveFillScratch, evaluated: boolean): void {
  if ((evaluated || r.rows === 0) && !sameAsLast(r, s)) pushRow(r, s);
  r.tickRow = withSharedRoomFor(r.tickRow, r.ticks + 1);
  r.tickRow[r.ticks++] = r.rows - 1;
}

/** Returns the recorded tape: trimmed views of the recorder's shared columns (the recorder is done with them). */
export function finishPairsTape(r: PairsTapeRecorder): PairsTape {
  return {
    tickRow: r.tickRow.subarray(0, r.ticks),
    rowChunk: r.rowChunk.subarray(0, r.rows),
    rowStart: r.rowStart.subarray(0, r.rows),
    rowEnd: r.rowEnd.subarray(0, r.rows),
    chunks: [...r.chunks],
  };
}

/** Puts the pairs of tape row `row` into the filling's scratch (made for the taped run's agents and symbols). */
export function loadTickPairs(t: PairsTape, row: number, s: ProgressiveFillScratch): void {
  const c = t.chunks[t.rowChunk[row] as number] as PairsChunk;
  const from = t.rowStart[row] as number;
  const to = t.rowEnd[row] as number;
  reserve(s, to - from);
  s.agent.set(c.agent.subarray(from, to));
  s.symbol.set(c.symbol.subarray(from, to));
  s.raw.set(c.raw.subarray(from, to));
  s.pairs = to - from;
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { appendEvent, newEventLog, spillEventLog, type EventLog } from '../../../engine/events/log.js';
import { columnsToIpc } from '../../../engine/io/arrow-table.js';
import { EVENTS_METADATA, eventsBatchEncoder, eventsColumns, openEventsFile } from '../../../engine/io/events-file.js';
import { openIpcFileStream } from '../../../engine/io/ipc-file-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-events-in-place-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = {
  agents: Array.from({ length: 7 }, (_, a) => `agent_${a}`),
  symbols: Array.from({ length: 5 }, (_, s) => `SYM${s}`),
  strategies: ['alpha', 'beta', 'gamma'],
};
const TEXTS = ['', 'drawdown 12%', 'résumé ✓', 'x'.repeat(300)];

/**
 * Appends `rows` rows to `log`: every kind; nulls in every nullable column somewhere (times,
 * agents, symbols, strategies, values, texts) and stretches of rows without any (rows
 * [200, 700): no null but texts, [1000, 1400): a text on every row); `seed` varies the mix.
 */
function fill(log: EventLog, rows: number, seed: number): void {
  for (let r = 0; r < rows; r++) {
    const h = (r * 2654435761 + seed * 97) >>> 0;
    const clean = r >= 200 && r < 700;
    const kind = LOGGED_EVENT_KINDS[(r + seed) % LOGGED_EVENT_KINDS.length] as (typeof LOGGED_EVENT_KINDS)[number];
    const ts = !clean && h % 53 === 0 ? Number.NaN : 1.7e12 + Math.floor(r / 10) * 60_000;
    const agent = !clean && h % 7 === 0 ? -1 : h % NAMES.agents.length;
    const symbol = !clean && h % 5 === 0 ? -1 : (h >> 3) % NAMES.symbols.length;
    const strategy = !clean && h % 3 === 0 ? -1 : (h >> 5) % NAMES.strategies.length;
    const v = (k: number): number => (!clean && (h >> k) % 4 === 0 ? Number.NaN : ((h >> k) % 1000) / 7);
    const texted = (r >= 1000 && r < 1400) || h % 11 === 0;
    appendEvent(log, kind, ts, agent, symbol, strategy, v(1), v(2), v(3), texted ? (TEXTS[h % TEXTS.length] as string) : null);
  }
}

/** The same rows in one log (no sink), encoded by apache-arrow's own writer in batches of `batchRows`. */
function expected(rows: number, seed: number, batchRows: number): Uint8Array {
  const full = newEventLog(16);
  fill(full, rows, seed);
  return columnsToIpc(eventsColumns(full, NAMES), full.length, EVENTS_METADATA, batchRows);
}

describe('events.arrow batches built in the writer thread ring', () => {
  it.each([
    [5000, 1, 100], // batches smaller than a block
    [5000, 2, 333], // batches over several blocks, cut at the ring's end
    [3000, 3, 1], // one-row batches
    [1, 4, 50], // one row: a single, partial batch (no ring)
    [0, 5, 50], // an empty log: one empty batch
  ])('writes the bytes apache-arrow writes for the whole log (%i rows, seed %i, batches of %i), most buffers built in place', (rows, seed, batchRows) => {
    const path = join(dir, `small-blocks-${rows}-${seed}-${batchRows}.arrow`);
    const file = openIpcFileStream(path, { blockBytes: 4096, direct: false });
    let placed = 0;
    const encoder = eventsBatchEncoder(NAMES, batchRows, file.write, (skip, bytes) => {
      const view = file.reserve(skip, bytes);
      if (view !== null) placed += 1;
      return view;
    });
    const log = newEventLog(batchRows);
    log.sink = { append: encoder.append };
    fill(log, rows, seed);
    spillEventLog(log);
    if (encoder.batches() === 0) encoder.append(log);
    file.finish();
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(expected(rows, seed, batchRows)))).toBe(true);
    if (rows >= 3000) expect(placed).toBeGreaterThan(rows / batchRows); // more than one buffer a batch
  });

  it('writes the same bytes through openEventsFile (the run\'s blocks and ring) for batches of 65,536 rows', () => {
    const rows = 300_000; // ~16 MB: the ring wraps
    const path = join(dir, 'events.arrow');
    const file = openEventsFile(path, NAMES, 65_536);
    const log = newEventLog(65_536);
    log.sink = file.sink;
    fill(log, rows, 6);
    file.finish(log);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(expected(rows, 6, 65_536)))).toBe(true);
  });
});

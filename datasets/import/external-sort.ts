/**
 * Sorts normalized rows by a total comparator: in memory up to `maxMemoryRows`, beyond that
 * through sorted runs spilled to temp files (JSON lines) and a k-way merge (an external
 * merge sort). Ties never occur: the comparator ends with the input sequence number, so
 * equal keys keep input order without relying on sort stability (STYLE, Determinism 4).
 */
import { mkdtempSync } from 'node:fs';
import { outputFs } from '../../engine/io/output-fs.js';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Cell } from './normalize-row.js';

/** A row with its input sequence number and line (or row) for messages. */
export interface SortItem {
  readonly seq: number;
  readonly line: number;
  readonly row: readonly Cell[];
}

/** Collects rows, then yields them sorted; `cleanup` removes spilled runs. */
export interface RowSorter {
  add(item: SortItem): void;
  sorted(): AsyncIterable<SortItem>;
  cleanup(): void;
}

/** Returns a sorter ordering by `compare`, spilling runs of `maxMemoryRows` rows into a temp folder under `tmpParent`. */
export function newRowSorter(compare: (a: SortItem, b: SortItem) => number, maxMemoryRows: number, tmpParent: string): RowSorter {
  let buffer: SortItem[] = [];
  const runs: string[] = [];
  let dir: string | undefined;
  const spill = (): void => {
    buffer.sort(compare);
    // named like every bt temp (pid inside), so the next start removes it if this process dies
    dir ??= mkdtempSync(join(tmpParent, `.bt-tmp-${process.pid}-sort-`));
    const path = join(dir, `run-${runs.length}.jsonl`);
    const fd = outputFs.open(path, 'w');
    try {
      for (let i = 0; i < buffer.length; i += 10_000) {
        const part = buffer.slice(i, i + 10_000).map((it) => JSON.stringify([it.seq, it.line, ...it.row]));
        outputFs.write(fd, Buffer.from(`${part.join('\n')}\n`, 'utf8'), path);
      }
    } finally {
      outputFs.close(fd);
    }
    runs.push(path);
    buffer = [];
  };
  return {
    add(item: SortItem): void {
      buffer.push(item);
      if (buffer.length >= maxMemoryRows) spill();
    },
    sorted(): AsyncIterable<SortItem> {
      if (runs.length === 0) {
        buffer.sort(compare);
        const rows = buffer;
        buffer = [];
        return (async function* () {
          yield* rows;
        })();
      }
      if (buffer.length > 0) spill();
      return mergeRuns(runs, compare);
    },
    cleanup(): void {
      if (dir !== undefined) outputFs.remove(dir);
    },
  };
}

async function* mergeRuns(runs: readonly string[], compare: (a: SortItem, b: SortItem) => number): AsyncGenerator<SortItem> {
  const its = runs.map((p) => createInterface({ input: createReadStream(p, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]());
  const parse = (line: string): SortItem => {
    const a = JSON.parse(line) as [number, number, ...Cell[]];
    return { seq: a[0], line: a[1], row: a.slice(2) as Cell[] };
  };
  const heads: (SortItem | undefined)[] = [];
  for (const it of its) {
    const r = await it.next();
    heads.push(r.done === true ? undefined : parse(r.value));
  }
  for (;;) {
    let best = -1;
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k];
      const b = best >= 0 ? heads[best] : undefined;
      if (h !== undefined && (b === undefined || compare(h, b) < 0)) best = k;
    }
    if (best < 0) return;
    const item = heads[best] as SortItem;
    const r = await (its[best] as AsyncIterator<string>).next();
    heads[best] = r.done === true ? undefined : parse(r.value);
    yield item;
  }
}

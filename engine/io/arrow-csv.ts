/**
 * The CSV twin of a bt Arrow output (`bt run --csv`: events.csv beside events.arrow, ...), for
 * pandas, R or a spreadsheet. Same rows and columns in the same order, except that each
 * timestamp column `ts` becomes two: `ts` as ISO 8601 UTC (csvTime, as every CSV bt writes) and
 * `ts_ms`, the same time in epoch ms, exact, for joins with the inputs (the tear-sheet and
 * equity reference checks read it). Numbers in shortest round-trip form, null cells empty.
 */
import { DataType, RecordBatchReader, type Field, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger } from '../../datasets/read/decode-columns.js';
import { openAnyArrowFile } from '../../datasets/read/open-arrow-file.js';
import { csvCell, csvNumber, csvTime } from '../core/csv-cell.js';
import { openGatheredFileWriter } from './gathered-file-writer.js';

/** Returns the CSV header line of a table with `schema` (a timestamp column `x` gives `x,x_ms`). */
export function csvHeaderOf(schema: Schema): string {
  return schema.fields.flatMap((f) => (DataType.isTimestamp(f.type) ? [f.name, `${f.name}_ms`] : [f.name])).map(csvCell).join(',');
}

/** Returns cell i of column `v` of `field` as text, by the column's type: from the column's buffers, not a value object per cell. */
function cellsOf(field: Field, v: Vector): (i: number) => string {
  if (DataType.isTimestamp(field.type)) {
    const ms = decodeTimestampMs(v.data);
    // a log's rows come many to a time: each time is formatted once per run of rows
    let lastT = Number.NaN;
    let lastCell = ',';
    return (i) => {
      const t = ms[i] as number;
      if (t !== lastT) {
        lastT = t;
        lastCell = Number.isNaN(t) ? ',' : `${csvTime(t)},${t}`;
      }
      return lastCell;
    };
  }
  if (DataType.isFloat(field.type)) {
    const x = decodeFloat64(v.data, null, true);
    return (i) => csvNumber(x[i] as number);
  }
  if (DataType.isDictionary(field.type)) {
    // each dictionary entry quoted once, then a lookup per cell
    const col = decodeDict(v.data, newDictMerger());
    const cells = col.dictionary.map(csvCell);
    return (i) => {
      const c = col.codes[i] as number;
      return c < 0 ? '' : (cells[c] as string);
    };
  }
  return (i) => {
    const x: unknown = v.get(i);
    return x === null || x === undefined ? '' : csvCell(String(x));
  };
}

/** Returns a record batch's rows as CSV lines, each ending in '\n'. */
export function csvLinesOf(batch: RecordBatch): string {
  const cols = batch.schema.fields.map((f, j) => cellsOf(f, batch.getChildAt(j) as Vector));
  let out = '';
  for (let i = 0; i < batch.numRows; i++) out += `${cols.map((cell) => cell(i)).join(',')}\n`;
  return out;
}

/** Returns the CSV text of an Arrow IPC file's bytes (a run's output in memory). */
export function arrowCsvText(bytes: Uint8Array): string {
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  let out = `${csvHeaderOf(reader.schema)}\n`;
  for (const b of reader) out += csvLinesOf(b);
  return out;
}

/** Writes the CSV of the Arrow file `arrowPath` to `csvPath` (a new file), a record batch at a time (a run's log can be gigabytes), and returns its sha256. */
export function writeArrowCsv(arrowPath: string, csvPath: string): string {
  const file = openAnyArrowFile(arrowPath);
  const out = openGatheredFileWriter(csvPath);
  const encoder = new TextEncoder();
  try {
    out.write(encoder.encode(`${csvHeaderOf(file.schema)}\n`));
    for (const b of file.batches(true)) out.write(encoder.encode(csvLinesOf(b)));
    return out.finish();
  } catch (err) {
    out.abort();
    throw err;
  }
}

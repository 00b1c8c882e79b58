/**
 * The CSV twin of a bt Arrow output (`bt run --csv`: events.csv beside events.arrow, ...), for
 * pandas, R or a spreadsheet. Same rows and columns in the same order, except that each
 * timestamp column `ts` becomes two: `ts` as ISO 8601 UTC (csvTime, as every CSV bt writes) and
 * `ts_ms`, the same time in epoch ms, exact, for joins with the inputs (the tear-sheet and
 * equity reference checks read it). Numbers in shortest round-trip form, null cells empty.
 * Cells go straight into a CsvByteSink as bytes (no string per line or per batch), a
 * dictionary entry or a time encoded once and copied per row.
 */
import { DataType, RecordBatchReader, type Field, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { decodeDict, decodeFloat64, decodeIntAsFloat64, decodeTimestampMs, newDictMerger } from '../../datasets/read/decode-columns.js';
import { openAnyArrowFile } from '../../datasets/read/open-arrow-file.js';
import { csvCell, csvTime } from '../core/csv-cell.js';
import { flushCsvSink, openCsvByteSink, putBytes, putNumber, putSeparator, putText, utf8Bytes, type CsvByteSink } from './csv-byte-sink.js';
import { openGatheredFileWriter } from './gathered-file-writer.js';

/** Returns the CSV header line of a table with `schema` (a timestamp column `x` gives `x,x_ms`). */
export function csvHeaderOf(schema: Schema): string {
  return schema.fields.flatMap((f) => (DataType.isTimestamp(f.type) ? [f.name, `${f.name}_ms`] : [f.name])).map(csvCell).join(',');
}

/** Appends row i's cell of one column to the sink. */
type CellWriter = (i: number) => void;

/** Returns the writer of column `v` of `field`, by the column's type: from the column's buffers, not a value object per cell. */
function cellWriterOf(field: Field, v: Vector, s: CsvByteSink): CellWriter {
  if (DataType.isTimestamp(field.type)) {
    const ms = decodeTimestampMs(v.data);
    // a log's rows come many to a time: each time is formatted once per run of rows
    let lastT = Number.NaN;
    let lastCell = utf8Bytes(',');
    return (i) => {
      const t = ms[i] as number;
      if (t !== lastT) {
        lastT = t;
        lastCell = utf8Bytes(Number.isNaN(t) ? ',' : `${csvTime(t)},${t}`);
      }
      putBytes(s, lastCell);
    };
  }
  if (DataType.isFloat(field.type) || (DataType.isInt(field.type) && field.type.bitWidth <= 32)) {
    const x = DataType.isFloat(field.type) ? decodeFloat64(v.data, null, true) : decodeIntAsFloat64(v.data);
    return (i) => putNumber(s, x[i] as number);
  }
  if (DataType.isDictionary(field.type)) {
    // each dictionary entry quoted and encoded once, then copied per cell
    const col = decodeDict(v.data, newDictMerger());
    const cells = col.dictionary.map((d) => utf8Bytes(csvCell(d)));
    return (i) => {
      const c = col.codes[i] as number;
      if (c >= 0) putBytes(s, cells[c] as Uint8Array);
    };
  }
  return (i) => {
    const x: unknown = v.get(i);
    if (x !== null && x !== undefined) putText(s, csvCell(String(x)));
  };
}

/** Appends a record batch's rows to the sink as CSV lines, each ending in '\n'. */
function putCsvLines(batch: RecordBatch, s: CsvByteSink): void {
  const cols = batch.schema.fields.map((f, j) => cellWriterOf(f, batch.getChildAt(j) as Vector, s));
  const last = cols.length - 1;
  for (let i = 0; i < batch.numRows; i++) {
    for (let j = 0; j <= last; j++) {
      (cols[j] as CellWriter)(i);
      putSeparator(s, j === last);
    }
  }
}

/** Returns the CSV text of an Arrow IPC file's bytes (a run's output in memory). */
export function arrowCsvText(bytes: Uint8Array): string {
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  const pieces: Buffer[] = [];
  const s = openCsvByteSink((b) => pieces.push(Buffer.from(b)));
  putText(s, `${csvHeaderOf(reader.schema)}\n`);
  for (const b of reader) putCsvLines(b, s);
  flushCsvSink(s);
  return Buffer.concat(pieces).toString('utf8');
}

/** Writes the CSV of the Arrow file `arrowPath` to `csvPath` (a new file), a record batch at a time (a run's log can be gigabytes), and returns its sha256. */
export function writeArrowCsv(arrowPath: string, csvPath: string): string {
  const file = openAnyArrowFile(arrowPath);
  const out = openGatheredFileWriter(csvPath);
  try {
    // the sink's buffer is larger than the writer's: each flush is one write op, not copied again
    const s = openCsvByteSink(out.write);
    putText(s, `${csvHeaderOf(file.schema)}\n`);
    for (const b of file.batches(true)) putCsvLines(b, s);
    flushCsvSink(s);
    return out.finish();
  } catch (err) {
    out.abort();
    throw err;
  }
}

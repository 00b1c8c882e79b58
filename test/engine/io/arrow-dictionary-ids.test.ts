import { describe, expect, it } from 'vitest';
import { columnsToIpc, type OutColumn } from '../../../engine/io/arrow-table.js';

describe('columnsToIpc', () => {
  it('encodes the same columns to the same bytes however many tables the process encoded before', () => {
    const cols: OutColumn[] = [
      { name: 'agent', type: 'dict', codes: Int32Array.of(0, 1, -1), dictionary: ['a', 'b'] },
      { name: 'weight', type: 'float64', values: Float64Array.of(0.5, 0.25, Number.NaN) },
    ];
    const first = Buffer.from(columnsToIpc(cols, 3));
    // apache-arrow numbers dictionaries from a process-wide counter unless told an id
    for (let k = 0; k < 3; k++) columnsToIpc(cols, 3);
    expect(Buffer.from(columnsToIpc(cols, 3)).equals(first)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset } from '../../../datasets/import/import-dataset.js';
import { readAgentsArrow } from '../../../datasets/read/read-agents.js';

// 2024-03-01T00:00Z = 1709251200000 ms (see parse-time.test.ts).
const MAR1 = 1_709_251_200_000;
const opts = (input: string, out: string) => ({ kind: 'agents', input, out, maps: [], tz: 'UTC', timeFormat: 'iso' as const, sort: false, maxMemoryRows: 1000, wide: false });

describe('importDataset agents since', () => {
  it('reads an optional since column (a join time per agent, blank = at the first finding)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-since-'));
    writeFileSync(join(d, 'a.csv'), 'agent,strategy,enabled,weight,interval_minutes,since\nb,arb,true,0.5,,2024-03-01T00:00:00Z\na,arb,true,0.5,,\n');
    await importDataset(opts(join(d, 'a.csv'), join(d, 'a.arrow')));
    const a = readAgentsArrow(join(d, 'a.arrow'));
    expect(a.agent).toEqual(['a', 'b']);
    expect(Array.from(a.sinceMs ?? [])).toEqual([Number.NaN, MAR1]);
  });

  it('leaves since out when the input has no such column', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-since-'));
    writeFileSync(join(d, 'a.csv'), 'agent,strategy,enabled,weight,interval_minutes\na,arb,true,0.5,\n');
    await importDataset(opts(join(d, 'a.csv'), join(d, 'a.arrow')));
    expect(readAgentsArrow(join(d, 'a.arrow')).sinceMs).toBeUndefined();
  });
});

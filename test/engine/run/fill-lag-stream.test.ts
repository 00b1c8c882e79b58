import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeAgentsArrow } from '../../../datasets/write/write-agents.js';
import type { PricesColumns } from '../../../datasets/schemas/columns.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { openRunStream } from '../../../engine/io/stream-run-data.js';
import { countingFillLag } from '../../../engine/run/fill-lag-stream.js';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';
import { bruteFillLag } from '../../helpers/fill-lag-brute-force.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-fill-lag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 5, agents: 8, symbols: 6, startMs: start, endMs: start + 20 * MS.day, freqMs: MS.hour });
const prices = u.prices as PricesColumns;
// horizons of 6 h and 30 h beside the file's 24 h, so some calls outlast the lag and some do not
const horizonHours = u.findings.horizonHours.map((h, i) => (i % 3 === 0 ? 6 : i % 3 === 1 ? 30 : h));
const paths = { findings: join(dir, 'findings.arrow'), prices: join(dir, 'prices.arrow'), agents: join(dir, 'agents.arrow'), display: {} };
// small record batches: the run crosses many batch boundaries of each file, in both orders
writeFindingsArrow(paths.findings, { ...u.findings, horizonHours }, { batchRows: 97 });
writePricesArrow(paths.prices, prices, { batchRows: 101 });
writeAgentsArrow(paths.agents, u.agents);

const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
const params = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };

describe('countingFillLag', () => {
  it('counts the batches a streamed run pulls as brute force over the files does, resumed from a snapshot or not, and leaves the run as it is', () => {
    const whole = loadRunData(paths);
    // ticks every 6 h at 00, 06, 12, 18 h; a window inside the data, so rows after the end are pulled and left out
    const cfg = syntheticRunConfig(whole, { cadenceMs: 6 * MS.hour, startMs: start + 2 * MS.day + 3 * MS.hour, endMs: start + 17 * MS.day + 5 * MS.hour });
    const want = bruteFillLag(
      { tsMs: u.findings.tsMs, symbol: Array.from(u.findings.symbol.codes, (c) => u.findings.symbol.dictionary[c] as string), horizonHours },
      { tsMs: prices.tsMs, symbol: Array.from(prices.symbol.codes, (c) => prices.symbol.dictionary[c] as string) },
      cfg.startMs,
      cfg.endMs,
      cfg.cadenceMs,
      24,
    );
    expect(want.live).toBeGreaterThan(300);
    expect(want.beforeFill).toBeGreaterThan(0);
    expect(want.beforeFill).toBeLessThan(want.live);
    const plain = runBacktest(whole, cfg, plug, params);
    const lag = countingFillLag(openRunStream(paths).data, cfg);
    const counted = runBacktest(lag.data, cfg, plug, params);
    expect(lag.finish()).toEqual(want);
    // the run itself is the plain run's: counting reads the batches, nothing else
    expect(counted.counters).toEqual(plain.counters);
    expect(Array.from(counted.state.out.equity.data.subarray(0, counted.state.out.equity.length))).toEqual(Array.from(plain.state.out.equity.data.subarray(0, plain.state.out.equity.length)));
    const logA = expandedLog(plain.state.log, whole);
    const logB = expandedLog(counted.state.log, lag.data);
    expect(logRows(logB)).toEqual(logRows(logA)); // every column: kinds, times, ids, values, texts
    expect(finalStateOf(lag.data, counted.state)).toEqual(finalStateOf(whole, plain.state));
    // a resumed run pulls the batches before its cursor too
    const stopped = runBacktest(openRunStream(paths).data, cfg, plug, params, { stopAfterMs: start + 9.5 * MS.day });
    const lag2 = countingFillLag(openRunStream(paths).data, cfg);
    runBacktest(lag2.data, cfg, plug, params, { resume: deserialize(serialize(stopped.snapshot)) });
    expect(lag2.finish()).toEqual(want);
    // in-memory data is counted whole
    expect(countingFillLag(whole, cfg).finish()).toEqual(want);
  });
});

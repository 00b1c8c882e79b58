import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { BATCH_ROWS, columnsToIpc } from '../../../engine/io/arrow-table.js';
import { openTargetsFile } from '../../../engine/io/targets-file.js';
import { growableF64 } from '../../../engine/core/growable.js';
import { pushTargetRow, targetRowColumns, type TargetRowColumns } from '../../../engine/run/target-rows.js';
import { handOverRows, startHandingOver } from '../../../engine/run/row-batches.js';
import { NO_FAULTS, outputFs, setFaultPlan } from '../../../engine/io/output-fs.js';
import { btLeftovers, btSync, makeTinyWorkspace } from '../../helpers/tiny-workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-targets-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];

/** Row i of a synthetic target series: a daily time, a symbol, a weight (some NaN, as a null). */
function row(i: number): [number, number, number] {
  return [Date.UTC(2020, 0, 1) + Math.floor(i / 5) * 86_400_000, i % 5, i % 997 === 3 ? Number.NaN : ((i * 7919) % 1000) / 4000];
}

function emptyColumns(): TargetRowColumns {
  return { targetTs: growableF64(), targetSymbol: growableF64(), targetWeight: growableF64() };
}

/** targets.arrow of rows [0, n) as the whole file in memory: its columns spelled out here, cut by columnsToIpc. */
function wholeFile(n: number): Uint8Array {
  const ts = new Float64Array(n);
  const symbol = new Int32Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) [ts[i], symbol[i], weight[i]] = row(i);
  const cols = [
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'symbol', type: 'dict', codes: symbol, dictionary: SYMBOLS },
    { name: 'weight', type: 'float64', values: weight },
  ] as const;
  return columnsToIpc(cols, n, new Map([['bt.kind', 'targets']]));
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

describe('openTargetsFile', () => {
  it.each([0, 1, BATCH_ROWS - 1, BATCH_ROWS, 2 * BATCH_ROWS + 3])('writes %i rows handed over after each tick as the bytes of the whole file cut by columnsToIpc, and returns their sha256', (n) => {
    const path = join(dir, `rows-${n}.arrow`);
    const file = openTargetsFile(path, SYMBOLS);
    const out = emptyColumns();
    const cols = targetRowColumns(out);
    startHandingOver(cols, file.sink, 5);
    // ticks of 5 rows (one per symbol), as a rebalance sets at most one target per symbol
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + 5);
      for (; i < end; i++) pushTargetRow(out, ...row(i));
      handOverRows(cols, file.sink);
      // the columns never hold a whole batch between ticks, and never grow past the room reserved
      expect(out.targetTs.length).toBeLessThan(BATCH_ROWS);
      expect(out.targetTs.data.length).toBe(2 * BATCH_ROWS);
    }
    expect(out.targetTs.length).toBe(n % BATCH_ROWS);
    const hash = file.finish(cols);
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(wholeFile(n)))).toBe(true);
    expect(hash).toBe(sha256(bytes));
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(n);
    expect(t.batches.length).toBe(Math.max(1, Math.ceil(n / BATCH_ROWS)));
    if (n > 0) expect([t.getChild('symbol')?.get(n - 1), t.getChild('weight')?.get(n - 1)]).toEqual([SYMBOLS[(n - 1) % 5], row(n - 1)[2]]);
  });

  it('takes over the rows a resumed run holds (more than a batch), then the rows that follow: the same bytes as the unbroken series', () => {
    const held = 2 * BATCH_ROWS + 5;
    const all = held + 1000;
    const out = emptyColumns();
    for (let i = 0; i < held; i++) pushTargetRow(out, ...row(i)); // in memory: no sink yet
    const path = join(dir, 'resumed.arrow');
    const file = openTargetsFile(path, SYMBOLS);
    startHandingOver(targetRowColumns(out), file.sink, 5);
    expect(out.targetTs.length).toBe(5);
    for (let i = held; i < all; i++) pushTargetRow(out, ...row(i));
    file.finish(targetRowColumns(out));
    expect(readFileSync(path).equals(Buffer.from(wholeFile(all)))).toBe(true);
  });

  it('refuses to overwrite a file, and abort leaves the file for the temp folder to be removed with', () => {
    const path = join(dir, 'exists.arrow');
    writeFileSync(path, 'x');
    expect(() => openTargetsFile(path, SYMBOLS)).toThrow(/EEXIST/);
    const other = openTargetsFile(join(dir, 'aborted.arrow'), SYMBOLS);
    other.abort();
    expect(readFileSync(join(dir, 'aborted.arrow')).length).toBe(0);
  });
});

describe('bt run --out writes targets.arrow as the run goes', () => {
  beforeAll(() => {
    makeTinyWorkspace(dir);
    const tiny = readFileSync(join(dir, 'tiny.yaml'), 'utf8');
    // one day: the first tick sets no target
    writeFileSync(join(dir, 'no-targets.yaml'), `${tiny.replace('name: tiny', 'name: no-targets')}time:\n  start: 2022-01-01\n  end: 2022-01-02\n`);
    // 300 symbols held at 5 % at most over 21 months of daily rebalances: ~85k target rows, two batches
    const g = btSync(dir, ['data', 'generate', '--seed', '5', '--agents', '40', '--symbols', '300', '--start', '2022-01-01', '--end', '2023-09-30', '--freq', '1d', '--findings-per-agent-per-bar', '12', '--out', 'big-u']);
    if (g.code !== 0) throw new Error(g.stderr);
    writeFileSync(
      join(dir, 'big.yaml'),
      [
        'name: big',
        'seed: 3',
        'data:',
        '  findings: big-u/findings.arrow',
        '  prices: big-u/prices.arrow',
        '  agents: big-u/agents.arrow',
        'clock:',
        '  cadence: 1d',
        'allocator:',
        '  variant: risk-penalized',
        'governor:',
        '  reallocation_threshold: 0',
        '  guardian:',
        '    enabled: false',
        'kill:',
        '  enabled: false',
        'targets:',
        '  max_symbol_weight: 0.05',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it.each([
    ['tiny', 1, 1000],
    ['no-targets', 0, 0],
    ['big', BATCH_ROWS + 1, 10 * BATCH_ROWS],
  ] as const)('%s: the file equals the in-memory run\'s targets.arrow (runOutputFiles), the manifest hashes it and the result reads it back', async (name, minRows, maxRows) => {
    const scenario = join(dir, `${name}.yaml`);
    const inMemory = await runScenario(scenario);
    const whole = inMemory.files['targets.arrow'] as Uint8Array;
    const rows = tableFromIPC(whole).numRows;
    expect(rows).toBeGreaterThanOrEqual(minRows);
    expect(rows).toBeLessThanOrEqual(maxRows);
    const out = join(dir, `${name}-out`);
    const streamed = await runScenario(scenario, { out, report: false });
    const bytes = readFileSync(join(out, 'targets.arrow'));
    expect(bytes.equals(Buffer.from(whole))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    expect(manifest.outputs['targets.arrow']).toBe(sha256(bytes));
    expect(Buffer.from(streamed.files['targets.arrow'] as Uint8Array).equals(bytes)).toBe(true);
    expect(streamed.tables.targets.numRows).toBe(rows);
  }, 60_000);

  it('with --csv writes the same targets.arrow, and targets.csv from it', async () => {
    const scenario = join(dir, 'tiny.yaml');
    const out = join(dir, 'csv-out');
    await runScenario(scenario, { out, report: false, csv: true });
    const inMemory = await runScenario(scenario);
    expect(readFileSync(join(out, 'targets.arrow')).equals(Buffer.from(inMemory.files['targets.arrow'] as Uint8Array))).toBe(true);
    const csv = readFileSync(join(out, 'targets.csv'), 'utf8').trimEnd().split('\n');
    const t = tableFromIPC(inMemory.files['targets.arrow'] as Uint8Array);
    expect(csv.length).toBe(t.numRows + 1);
    expect(csv[1]?.split(',')[2]).toBe(t.getChild('symbol')?.get(0));
  });

  it('a write to targets.arrow that fails (its open, its bytes) fails the run and leaves no folder and no temp', async () => {
    const scenario = join(dir, 'tiny.yaml');
    // which write ops of a run touch targets.arrow: their paths, in the order outputFs counts them
    const paths: string[] = [];
    const record = <K extends 'mkdir' | 'writeFile' | 'open' | 'countWrite'>(name: K): void => {
      const real = outputFs[name] as (path: string, ...rest: unknown[]) => unknown;
      vi.spyOn(outputFs, name).mockImplementation(((path: string, ...rest: unknown[]) => (paths.push(path), real(path, ...rest))) as never);
    };
    (['mkdir', 'writeFile', 'open', 'countWrite'] as const).forEach(record);
    const realWrite = outputFs.write;
    vi.spyOn(outputFs, 'write').mockImplementation((fd, data, path, position) => (paths.push(path), realWrite(fd, data, path, position)));
    const realRename = outputFs.rename;
    vi.spyOn(outputFs, 'rename').mockImplementation((from, to) => (paths.push(to), realRename(from, to)));
    await runScenario(scenario, { out: join(dir, 'faults', 'clean'), report: false });
    vi.restoreAllMocks();
    const ks = paths.flatMap((p, i) => (p.endsWith('targets.arrow') ? [i + 1] : []));
    expect(ks.length).toBe(2); // created, then its bytes written at the end (a tiny run's file is under one gather buffer)
    try {
      for (const k of ks) {
        const out = join(dir, 'faults', `k${k}`);
        setFaultPlan({ failAt: k, failCode: 'ENOSPC', pause: null });
        await expect(runScenario(scenario, { out, report: false })).rejects.toMatchObject({ code: 'ENOSPC' });
        expect(existsSync(out)).toBe(false);
        expect(btLeftovers(join(dir, 'faults'))).toEqual([]);
      }
    } finally {
      setFaultPlan(NO_FAULTS);
    }
  }, 60_000);

  it('a run resumed from a snapshot holding more than a batch of target rows writes the unbroken run\'s targets.arrow', () => {
    const stop = btSync(dir, ['run', 'big.yaml', '--stop-after', '2023-08-31', '--snapshot', 'big.snap', '--quiet']);
    expect(stop.code, stop.stderr).toBe(0);
    const resumed = btSync(dir, ['run', 'big.yaml', '--resume', 'big.snap', '--out', 'big-resumed', '--quiet', '--no-report']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const unbroken = btSync(dir, ['run', 'big.yaml', '--out', 'big-unbroken', '--quiet', '--no-report']);
    expect(unbroken.code, unbroken.stderr).toBe(0);
    // the snapshot's state held more than a batch of target rows, handed over when the sink was attached
    const ts = tableFromIPC(readFileSync(join(dir, 'big-unbroken', 'targets.arrow'))).getChild('ts')?.toArray() as BigInt64Array;
    expect(ts.filter((t) => t <= BigInt(Date.UTC(2023, 7, 31))).length).toBeGreaterThan(BATCH_ROWS);
    for (const file of ['targets.arrow', 'events.arrow', 'manifest.json']) {
      expect(readFileSync(join(dir, 'big-resumed', file)).equals(readFileSync(join(dir, 'big-unbroken', file))), file).toBe(true);
    }
  }, 60_000);
});

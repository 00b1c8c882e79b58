import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset, type ImportOptions } from '../../../datasets/import/import-dataset.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import { readReconciledArrow } from '../../../datasets/read/read-reconciled.js';
import { readAgentsArrow } from '../../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../../datasets/read/read-kill-list.js';
import type { DictColumn } from '../../../datasets/schemas/columns.js';

const LIVE = 'test/fixtures/live';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'bt-imp-'));
const base = (kind: string, input: string, out: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  kind, input, out, maps: [], tz: 'UTC', timeFormat: 'iso', sort: false, maxMemoryRows: 5_000_000, wide: false, ...extra,
});
const names = (c: DictColumn): (string | null)[] => [...c.codes].map((k) => (k < 0 ? null : (c.dictionary[k] ?? null)));
// 2024-03-01T00:00Z = 1709251200000 ms (see parse-time.test.ts).
const MAR1 = 1_709_251_200_000;
const H = 3_600_000;

async function failure(o: ImportOptions): Promise<string> {
  try {
    await importDataset(o);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the import to fail');
}

describe('importDataset', () => {
  it('reads a key that only later JSONL or JSON records hold (the first leaves it out) as it reads the key written null on the first, byte for byte', async () => {
    const d = tmp();
    // the first record leaves out direction and horizon_hours (an exporter skipping nulls); the second is a 48 h short
    const first = '{"ts":"2024-03-01","agent":"a","symbol":"A","severity":"low","confidence":0.5';
    const second = '{"ts":"2024-03-02","agent":"a","symbol":"A","severity":"low","confidence":0.5,"direction":-1,"horizon_hours":48}';
    writeFileSync(join(d, 'omitted.jsonl'), `${first}}\n${second}\n`);
    writeFileSync(join(d, 'nulls.jsonl'), `${first},"direction":null,"horizon_hours":null}\n${second}\n`);
    writeFileSync(join(d, 'omitted.json'), `[${first}},\n${second}]\n`);
    for (const f of ['omitted.jsonl', 'nulls.jsonl', 'omitted.json']) await importDataset(base('findings', join(d, f), join(d, `${f}.arrow`)));
    const expected = readFileSync(join(d, 'nulls.jsonl.arrow'));
    const f = readFindingsArrow(join(d, 'nulls.jsonl.arrow'));
    expect([...f.direction]).toEqual([1, -1]);
    expect([...f.horizonHours]).toEqual([Number.NaN, 48]);
    expect(readFileSync(join(d, 'omitted.jsonl.arrow')).equals(expected)).toBe(true);
    expect(readFileSync(join(d, 'omitted.json.arrow')).equals(expected)).toBe(true);
  });

  it("imports the live Finding.to_dict JSONL dump as it is, ignoring extra keys", async () => {
    const d = tmp();
    const r = await importDataset(base('findings', `${LIVE}/findings.jsonl`, join(d, 'f.arrow')));
    expect(r.rows).toBe(4);
    const f = readFindingsArrow(join(d, 'f.arrow'));
    expect([...f.tsMs]).toEqual([MAR1 + 9.5 * H + 123, MAR1 + 9.5 * H + 123, MAR1 + 10 * H, MAR1 + 24 * H]);
    expect(names(f.agent)).toEqual(['arb_scanner', 'funding_watch', 'arb_scanner', 'sentiment_bot']);
    expect(names(f.symbol)).toEqual(['BTC-USD', 'ETH-USD', 'ETH-USD', 'SPY']);
    expect(names(f.severity)).toEqual(['high', 'medium', 'critical', 'low']);
    expect([...f.confidence]).toEqual([0.82, 0.6, 1, 0.35]);
    expect([...f.direction]).toEqual([1, 1, 1, 1]);
    expect(readdirSync(d)).toEqual(['f.arrow']);
  });

  it("keeps every optional column of the schema: prices' spread_bps and findings' expected_pnl_bps, from CSV and JSONL (they were written all null)", async () => {
    const d = tmp();
    writeFileSync(join(d, 'p.csv'), 'ts,symbol,close,volume,spread_bps\n2024-03-01,A,100,5,12.5\n2024-03-02,A,101,6,\n');
    writeFileSync(join(d, 'p.jsonl'), '{"ts":"2024-03-01","symbol":"A","close":100,"volume":5,"spread_bps":12.5}\n{"ts":"2024-03-02","symbol":"A","close":101,"volume":6,"spread_bps":null}\n');
    writeFileSync(join(d, 'f.csv'), 'ts,agent,symbol,severity,confidence,expected_pnl_bps\n2024-03-01,a,A,high,0.7,123\n2024-03-02,a,A,low,0.5,\n');
    writeFileSync(join(d, 'f.jsonl'), '{"ts":"2024-03-01","agent":"a","symbol":"A","severity":"high","confidence":0.7,"expected_pnl_bps":123}\n{"ts":"2024-03-02","agent":"a","symbol":"A","severity":"low","confidence":0.5}\n');
    for (const ext of ['csv', 'jsonl']) {
      await importDataset(base('prices', join(d, `p.${ext}`), join(d, `p-${ext}.arrow`)));
      const p = readPricesArrow(join(d, `p-${ext}.arrow`));
      expect([...(p.spreadBps ?? [])], ext).toEqual([12.5, Number.NaN]);
      expect([...(p.volume ?? [])], ext).toEqual([5, 6]);
      await importDataset(base('findings', join(d, `f.${ext}`), join(d, `f-${ext}.arrow`)));
      const f = readFindingsArrow(join(d, `f-${ext}.arrow`));
      expect([...(f.expectedPnlBps ?? [])], ext).toEqual([123, Number.NaN]);
    }
    writeFileSync(join(d, 'bad.csv'), 'ts,symbol,close,spread_bps\n2024-03-01,A,100,-1\n');
    expect(await failure(base('prices', join(d, 'bad.csv'), join(d, 'bad.arrow')))).toMatch(/bad\.csv:2: spread_bps: expected a finite number >= 0 \(bps\) or null, found '-1'/);
  });

  it('refuses a CSV separated by semicolons or tabs at its header, instead of suggesting --map \'ts;symbol;close=ts\'', async () => {
    const d = tmp();
    writeFileSync(join(d, 'semi.csv'), 'ts;symbol;close\n2024-03-01;A;1,5\n');
    expect(await failure(base('prices', join(d, 'semi.csv'), join(d, 'semi.arrow')))).toBe(
      `${join(d, 'semi.csv')}:1: expected a header of comma-separated column names (bt reads CSV with commas), found fields separated by ';' ('ts;symbol;close'). Export the file with commas between fields (and points in numbers: 1.5, not 1,5)`,
    );
    writeFileSync(join(d, 'tab.csv'), 'ts\tsymbol\tclose\n2024-03-01\tA\t1.5\n');
    expect(await failure(base('prices', join(d, 'tab.csv'), join(d, 'tab.arrow')))).toMatch(/tab\.csv:1: expected a header of comma-separated column names \(bt reads CSV with commas\), found fields separated by tabs/);
    expect(existsSync(join(d, 'semi.arrow')) || existsSync(join(d, 'tab.arrow'))).toBe(false);
  });

  it('refuses a CSV row with more or fewer fields than the header, naming its line ("2020-01-01,AAA,1,000" imported as close 1)', async () => {
    const d = tmp();
    writeFileSync(join(d, 'more.csv'), 'ts,symbol,close\n2024-03-01,A,100\n2024-03-02,A,1,000\n');
    expect(await failure(base('prices', join(d, 'more.csv'), join(d, 'more.arrow')))).toBe(`${join(d, 'more.csv')}:3: expected 3 fields like the header, found 4. Quote a field that holds a comma ("1,000")`);
    writeFileSync(join(d, 'fewer.csv'), 'ts,symbol,close\n2024-03-01,A\n');
    expect(await failure(base('prices', join(d, 'fewer.csv'), join(d, 'fewer.arrow')))).toBe(`${join(d, 'fewer.csv')}:2: expected 3 fields like the header, found 2`);
    writeFileSync(join(d, 'hex.csv'), 'ts,symbol,close\n2024-03-01,A,0x10\n');
    expect(await failure(base('prices', join(d, 'hex.csv'), join(d, 'hex.arrow')))).toBe(`${join(d, 'hex.csv')}:2: close: expected a finite number > 0 and <= 1000000000000, found '0x10'`);
    writeFileSync(join(d, 'huge.csv'), 'ts,symbol,close\n2024-03-01,A,1e308\n');
    expect(await failure(base('prices', join(d, 'huge.csv'), join(d, 'huge.arrow')))).toBe(`${join(d, 'huge.csv')}:2: close: expected a finite number > 0 and <= 1000000000000, found '1e308'`);
    writeFileSync(join(d, 'hex.jsonl'), '{"ts":"2024-03-01","symbol":"A","close":"0b1010"}\n');
    expect(await failure(base('prices', join(d, 'hex.jsonl'), join(d, 'hex.arrow')))).toMatch(/hex\.jsonl:1: close: expected a finite number > 0 and <= 1000000000000, found '0b1010'/);
    expect(readdirSync(d).filter((f) => f.endsWith('.arrow'))).toEqual([]);
  });

  it('sorts a newest-first JSON dump with --sort, findings of one time by agent and symbol as a run requires, not in input order', async () => {
    const d = tmp();
    await importDataset(base('findings', `${LIVE}/findings.json`, join(d, 'f.arrow'), { sort: true }));
    const f = readFindingsArrow(join(d, 'f.arrow'));
    // Input order: 104, 103, 102 (09:30, funding_watch), 101 (09:30, arb_scanner): the tie sorts 101 first.
    expect(names(f.agent)).toEqual(['arb_scanner', 'funding_watch', 'arb_scanner', 'sentiment_bot']);
    expect(names(f.symbol)).toEqual(['BTC-USD', 'ETH-USD', 'ETH-USD', 'SPY']);
  });

  it('sorts findings of one time by agent, symbol, severity, confidence, direction, horizon and expected pnl with --sort, whatever the input order, and refuses another order without it', async () => {
    const d = tmp();
    const header = 'ts,agent,symbol,severity,confidence,direction,horizon_hours,expected_pnl_bps';
    // canonical order; 'B' < 'a' < 'é' by UTF-16 code unit
    const rows = [
      '2024-03-01,B,X,low,0.5,,,',
      '2024-03-01,a,X,low,0.5,-1,,',
      '2024-03-01,a,X,low,0.5,1,,5',
      '2024-03-01,a,X,low,0.5,1,12,',
      '2024-03-01,a,X,low,0.7,-1,,',
      '2024-03-01,a,X,high,0.1,1,,',
      '2024-03-01,a,Y,low,0.5,1,,',
      '2024-03-01,é,X,low,0.5,1,,',
      '2024-03-02,B,X,low,0.5,1,,',
    ];
    const permuted = [rows[8], rows[7], rows[3], rows[5], rows[0], rows[2], rows[6], rows[4], rows[1]];
    writeFileSync(join(d, 'sorted.csv'), [header, ...rows].join('\n') + '\n');
    writeFileSync(join(d, 'permuted.csv'), [header, ...permuted].join('\n') + '\n');
    await importDataset(base('findings', join(d, 'sorted.csv'), join(d, 'sorted.arrow')));
    await importDataset(base('findings', join(d, 'permuted.csv'), join(d, 'permuted.arrow'), { sort: true }));
    await importDataset(base('findings', join(d, 'permuted.csv'), join(d, 'external.arrow'), { sort: true, maxMemoryRows: 2 }));
    const sorted = readFindingsArrow(join(d, 'sorted.arrow'));
    expect(readFindingsArrow(join(d, 'permuted.arrow'))).toEqual(sorted);
    expect(readFindingsArrow(join(d, 'external.arrow'))).toEqual(sorted);
    writeFileSync(join(d, 'tie.csv'), [header, rows[1], rows[0], rows[8]].join('\n') + '\n');
    expect(await failure(base('findings', join(d, 'tie.csv'), join(d, 'tie.arrow')))).toBe(
      `${join(d, 'tie.csv')}:3: ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps: expected rows in order of ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps ` +
        "(at or after 2024-03-01T00:00:00.000Z a X of the previous row), found 2024-03-01T00:00:00.000Z B X. The findings of one time are not in the order a run reads (their order would change an agent's outcome sequence); pass --sort to sort them",
    );
  });

  it('gives the same rows through the external merge sort as in memory', async () => {
    const d = tmp();
    await importDataset(base('findings', `${LIVE}/findings.json`, join(d, 'a.arrow'), { sort: true }));
    await importDataset(base('findings', `${LIVE}/findings.json`, join(d, 'b.arrow'), { sort: true, maxMemoryRows: 1 }));
    expect(readFindingsArrow(join(d, 'b.arrow'))).toEqual(readFindingsArrow(join(d, 'a.arrow')));
    expect(readdirSync(d).sort()).toEqual(['a.arrow', 'b.arrow']);
  });

  it('rejects unsorted input without --sort, naming the first out-of-order row, and leaves nothing', async () => {
    const d = tmp();
    const m = await failure(base('findings', `${LIVE}/findings.json`, join(d, 'f.arrow')));
    expect(m).toBe(`${LIVE}/findings.json: row 2: ts: expected rows in order of ts (at or after 2024-03-02T00:00:00.000Z of the previous row), found 2024-03-01T10:00:00.000Z. The input is not in time order; pass --sort to sort it`);
    expect(readdirSync(d)).toEqual([]);
  });

  it('imports alpha/reconciled.jsonl in file order', async () => {
    const d = tmp();
    await importDataset(base('reconciled', `${LIVE}/reconciled.jsonl`, join(d, 'r.arrow')));
    const r = readReconciledArrow(join(d, 'r.arrow'));
    expect(names(r.agent)).toEqual(['arb_scanner', 'funding_watch', 'arb_scanner']);
    expect([...r.absErrorBps]).toEqual([22.5, 50, 4]);
    expect([...r.pnlErrorBps]).toEqual([-22.5, -50, 4]);
    expect(names(r.simVersion)).toEqual(['v2', 'v2', null]);
    expect(r.tsMs.every(Number.isNaN)).toBe(true);
  });

  it('imports a live reconciled.jsonl without expected_pnl_bps and sim_version, as nulls', async () => {
    const d = tmp();
    const r = await importDataset(base('reconciled', `${LIVE}/reconciled_minimal.jsonl`, join(d, 'r.arrow')));
    expect(r.rows).toBe(2);
    const rec = readReconciledArrow(join(d, 'r.arrow'));
    expect(names(rec.agent)).toEqual(['arb_scanner', 'funding_watch']);
    expect([...rec.absErrorBps]).toEqual([22.5, 50]);
    expect([...rec.expectedPnlBps].every(Number.isNaN)).toBe(true);
    expect(names(rec.simVersion)).toEqual([null, null]);
  });

  it('lists the columns the kind allows, not the ones found, when a required column is missing', async () => {
    const d = tmp();
    const input = join(d, 'r.jsonl');
    writeFileSync(input, '{"agent": "a", "symbol": "S", "horizon_hours": 24, "realized_pnl_bps": 1, "pnl_error_bps": 1, "extra": 2}\n');
    const m = await failure(base('reconciled', input, join(d, 'r.arrow')));
    expect(m).toBe(
      `${input}: abs_error_bps: expected an input column named abs_error_bps (or --map COLUMN=abs_error_bps), found columns agent, symbol, horizon_hours, realized_pnl_bps, pnl_error_bps, extra. ` +
        'Allowed: ts (optional), agent, symbol, horizon_hours, expected_pnl_bps (optional), realized_pnl_bps, abs_error_bps, pnl_error_bps, sim_version (optional), strategy (optional)',
    );
    expect(readdirSync(d)).toEqual(['r.jsonl']);
  });

  it('suggests a close input column as a --map when a required column is missing', async () => {
    const d = tmp();
    const input = join(d, 'r.jsonl');
    writeFileSync(input, '{"agent": "a", "symbol": "S", "horizon_hours": 24, "realized_pnl_bps": 1, "abs_error": 1, "pnl_error_bps": 1}\n');
    const m = await failure(base('reconciled', input, join(d, 'r.arrow')));
    expect(m).toMatch(/found columns .*\. Did you mean 'abs_error'\? \(--map abs_error=abs_error_bps\)$/);
  });

  it('suggests a desk export\'s own column names as a --map that pastes, and imports once it is given', async () => {
    const d = tmp();
    const input = join(d, 'export.csv');
    writeFileSync(input, 'Date,Ticker,Close Price,Volume\n2024-01-02,AAA,101.5,3000\n');
    const m = await failure(base('prices', input, join(d, 'p.arrow')));
    expect(m).toMatch(/: close: expected an input column named close .*\. Did you mean 'Close Price'\? \(--map 'Close Price=close'\)$/);
    expect(readdirSync(d)).toEqual(['export.csv']);
    await importDataset({ ...base('prices', input, join(d, 'p.arrow')), maps: ['Close Price=close'] });
    expect([...readPricesArrow(join(d, 'p.arrow')).close]).toEqual([101.5]);
  });

  it('notes a column it leaves out that looks like an optional field, which every row would otherwise lose to a default', async () => {
    const d = tmp();
    const input = join(d, 'export.csv');
    writeFileSync(input, 'ts,agent,symbol,severity,confidence,horizon,desk\n2024-01-02T21:30:00Z,a1,AAA,low,0.5,72,eq\n');
    const r = await importDataset(base('findings', input, join(d, 'f.arrow')));
    expect(r.notes).toEqual(["columns left out, as no field has their name: 'horizon' looks like horizon_hours (--map horizon=horizon_hours to import it)"]);
    expect([...readFindingsArrow(join(d, 'f.arrow')).horizonHours].every(Number.isNaN)).toBe(true);
    // the live system's extra keys (id, title, metadata) look like no field: no note
    expect((await importDataset(base('findings', `${LIVE}/findings.jsonl`, join(d, 'g.arrow')))).notes).toEqual([]);
  });

  it('notes an agents file in which no agent is enabled (no enabled column: seed 000\'s default false), which a run would give no capital without a word', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.csv'), 'agent,strategy\nb1,beta\na1,alpha\n');
    const none = await importDataset(base('agents', join(d, 'a.csv'), join(d, 'a.arrow')));
    expect(none.notes).toEqual(["no enabled column, so all 2 agents were imported disabled (seed 000's default): bt run gives a disabled agent no capital; add a column enabled, true for each agent to fund"]);
    expect([...readAgentsArrow(join(d, 'a.arrow')).enabled]).toEqual([0, 0]);
    writeFileSync(join(d, 'off.csv'), 'agent,strategy,enabled\na1,alpha,false\n');
    expect((await importDataset(base('agents', join(d, 'off.csv'), join(d, 'off.arrow')))).notes).toEqual(['the one agent is disabled (enabled false): bt run gives a disabled agent no capital']);
    // one agent enabled: the others' being off is the desk's choice, no note
    writeFileSync(join(d, 'some.csv'), 'agent,strategy,enabled\na1,alpha,true\nb1,beta,false\n');
    expect((await importDataset(base('agents', join(d, 'some.csv'), join(d, 'some.arrow')))).notes).toEqual([]);
  });

  it('imports agent_schedule.json sorted by agent', async () => {
    const d = tmp();
    await importDataset(base('agents', `${LIVE}/agent_schedule.json`, join(d, 'a.arrow')));
    const a = readAgentsArrow(join(d, 'a.arrow'));
    expect(a.agent).toEqual(['arb_scanner', 'funding_watch', 'sentiment_bot']);
    expect(a.strategy).toEqual(['arb', 'funding', 'sentiment']);
    expect([...a.enabled]).toEqual([1, 1, 0]);
    expect([...a.weight]).toEqual([0.3, 0.2, 0.05]);
    expect([...a.intervalMinutes]).toEqual([5, 15, 60]);
  });

  it('validates and copies the kill list', async () => {
    const d = tmp();
    const r = await importDataset(base('killlist', `${LIVE}/strategy_kill_list.yaml`, join(d, 'k.yaml')));
    expect(r.rows).toBe(3);
    expect(readKillListYaml(join(d, 'k.yaml'))).toEqual(readKillListYaml(`${LIVE}/strategy_kill_list.yaml`));
  });

  it('reports every bad CSV row with line, field, expected and found, and leaves nothing', async () => {
    const d = tmp();
    const csv = join(d, 'p.csv');
    writeFileSync(csv, 'date,ticker,price\n2024-03-01,A,10\n2024-03-01,B,NaN\n2024-03-02,A,-1\n2024-03-02,B,"1,5"\n');
    const m = await failure(base('prices', csv, join(d, 'p.arrow')));
    expect(m.split('\n')).toEqual([
      `${csv}:3: close: expected a finite number > 0 and <= 1000000000000, found 'NaN'`,
      `${csv}:4: close: expected a finite number > 0 and <= 1000000000000, found '-1'`,
      `${csv}:5: close: expected a finite number > 0 and <= 1000000000000, found '1,5'`,
    ]);
    expect(readdirSync(d)).toEqual(['p.csv']);
  });

  it('reads wide prices (a date column and one close column per symbol)', async () => {
    const d = tmp();
    const csv = join(d, 'w.csv');
    writeFileSync(csv, 'date,MSFT,AAPL\n2000-01-01,39.81,25.94\n2000-02-01,36.35,\n');
    await importDataset(base('prices', csv, join(d, 'w.arrow'), { wide: true }));
    const p = readPricesArrow(join(d, 'w.arrow'));
    // 2000-01-01 = 946684800 s; 2000-02-01 = +31 days.
    expect([...p.tsMs]).toEqual([946_684_800_000, 946_684_800_000, 946_684_800_000 + 31 * 86_400_000]);
    expect(names(p.symbol)).toEqual(['AAPL', 'MSFT', 'MSFT']);
    expect([...p.close]).toEqual([25.94, 39.81, 36.35]);
  });

  it('maps columns with --map and reads naive times in --tz', async () => {
    const d = tmp();
    const csv = join(d, 'f.csv');
    writeFileSync(csv, 'when,who,sym,sev,conf\n2024-03-01 05:30,a,X,HIGH,0.5\n');
    await importDataset(base('findings', csv, join(d, 'f.arrow'), { maps: ['when=ts', 'who=agent', 'sym=symbol', 'sev=severity', 'conf=confidence'], tz: '+05:30' }));
    const f = readFindingsArrow(join(d, 'f.arrow'));
    expect([...f.tsMs]).toEqual([MAR1]);
    expect(names(f.severity)).toEqual(['high']);
  });

  it('refuses a naive time that --tz skips or repeats at a DST change, naming the line and how to fix it (it was read an hour off, out of order)', async () => {
    const d = tmp();
    const csv = join(d, 'p.csv');
    writeFileSync(csv, 'ts,symbol,close\n2024-03-10T01:59:00,A,1\n2024-03-10T02:30:00,A,2\n2024-03-10T03:00:00,A,3\n');
    const m = await failure(base('prices', csv, join(d, 'p.arrow'), { tz: 'America/New_York' }));
    expect(m).toBe(`${csv}:3: ts: expected an ISO 8601 time (e.g. 2024-01-05T12:00:00Z); without Z or an offset, a time that exists once in America/New_York (not one a daylight-saving change skips or repeats: give its offset), found '2024-03-10T02:30:00'`);
    expect(readdirSync(d)).toEqual(['p.csv']);
  });

  it("refuses two input columns that name one field ('close' and 'Close', or 'close' twice) instead of taking the first, and takes the one --map picks", async () => {
    const d = tmp();
    for (const [name, header] of [['case', 'ts,symbol,close,Close'], ['twice', 'ts,symbol,close,close']] as const) {
      const csv = join(d, `${name}.csv`);
      writeFileSync(csv, `${header}\n2020-01-01,AAA,10,11\n`);
      const [, , first, second] = header.split(',');
      expect(await failure(base('prices', csv, join(d, `${name}.arrow`)))).toBe(
        `${csv}: close: expected one input column for close, found 2: '${first}' (column 3), '${second}' (column 4). Rename or drop all but one, or choose one with --map COLUMN=close`,
      );
    }
    expect(readdirSync(d).sort()).toEqual(['case.csv', 'twice.csv']);
    await importDataset(base('prices', join(d, 'case.csv'), join(d, 'case.arrow'), { maps: ['Close=close'] }));
    expect([...readPricesArrow(join(d, 'case.arrow')).close]).toEqual([11]);
  });

  it('refuses a stray quote at the line it opens, after reading the rest of the file once, with how to write a quote', async () => {
    const d = tmp();
    const csv = join(d, 'p.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `${new Date(Date.UTC(2020, 0, 2) + i * 60_000).toISOString()},BBB,10`);
    writeFileSync(csv, `ts,symbol,close\n2020-01-01,5" bond,10\n${rows.join('\n')}\n`);
    expect(await failure(base('prices', csv, join(d, 'p.arrow')))).toBe(
      `${csv}:2: expected a closing quote, found the end of the file. A quote opens a quoted field that runs to the next quote, across lines; a quote inside a value is written doubled in a quoted field ("5"" bond")`,
    );
  });

  it('suggests the nearest field for a --map typo', async () => {
    const m = await failure(base('findings', `${LIVE}/findings.jsonl`, '/tmp/x.arrow', { maps: ['timestamp=tss'] }));
    expect(m).toBe("--map: expected a findings field (ts, agent, symbol, severity, confidence, direction, horizon_hours, strategy, expected_pnl_bps), found 'tss'. Did you mean 'ts'?");
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { writeAgentsArrow } from '../../datasets/write/write-agents.js';
import type { PricesColumns } from '../../datasets/schemas/columns.js';
import { loadRunData } from '../../engine/io/load-run-data.js';
import { runDataPaths } from '../../engine/io/run-data-paths.js';
import { runOutputFiles } from '../../engine/io/write-run-outputs.js';
import { runScenario } from '../../engine/run/run-scenario.js';
import { readScenarioFile } from '../../engine/scenario/read-scenario-file.js';
import { sha256Hex } from '../../engine/core/hash.js';
import { MS } from '../../engine/core/time.js';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { runBt } from '../helpers/run-cli.js';
import { bruteFillLag } from '../helpers/fill-lag-brute-force.js';

const tmp = mkdtempSync(join(tmpdir(), 'bt-fill-lag-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bt run: the fill-lag note', () => {
  it('says how many calls were reconciled before the book could hold them on daily bars with 24 h calls ticked daily (the share brute force gives), and writes the bytes of a run without it', () => {
    // daily closes at 00:00, findings at the closes, daily ticks: a 24 h call is due at the very
    // close its tick's targets fill at; every third call runs 72 h and is held for two days
    const start = Date.UTC(2022, 0, 1);
    const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 3, agents: 6, symbols: 5, startMs: start, endMs: start + 200 * MS.day, freqMs: MS.day, findingsPerAgentPerBar: 0.3 });
    const prices = u.prices as PricesColumns;
    const horizonHours = u.findings.horizonHours.map((h, i) => (i % 3 === 0 ? 72 : h));
    writeFindingsArrow(join(tmp, 'findings.arrow'), { ...u.findings, horizonHours });
    writePricesArrow(join(tmp, 'prices.arrow'), prices);
    writeAgentsArrow(join(tmp, 'agents.arrow'), u.agents);
    const scenario = join(tmp, 'daily.yaml');
    writeFileSync(scenario, 'name: daily\nseed: 1\ndata:\n  findings: findings.arrow\n  prices: prices.arrow\n  agents: agents.arrow\nclock:\n  cadence: 1d\nreconcile:\n  horizon_hours: 24\nallocator:\n  variant: pnl-weighted\n');
    // the window: the first row of either file to the last price
    const endMs = prices.tsMs[prices.length - 1] as number;
    const want = bruteFillLag(
      { tsMs: u.findings.tsMs, symbol: Array.from(u.findings.symbol.codes, (c) => u.findings.symbol.dictionary[c] as string), horizonHours },
      { tsMs: prices.tsMs, symbol: Array.from(prices.symbol.codes, (c) => prices.symbol.dictionary[c] as string) },
      Math.min(prices.tsMs[0] as number, u.findings.tsMs[0] as number),
      endMs,
      MS.day,
      24,
    );
    expect(want).toMatchObject({ medianHorizonHours: 24, medianLagHours: 24 });
    expect(want.beforeFill / want.live).toBeGreaterThan(0.5);
    expect(want.beforeFill / want.live).toBeLessThan(0.8);
    const out = join(tmp, 'out');
    const r = runBt(['run', scenario, '--no-report', '--out', out], tmp);
    expect(r.code, r.stderr).toBe(0);
    const pct = ((want.beforeFill / want.live) * 100).toFixed(2);
    expect(r.stderr).toContain(
      `bt run daily: note: ${pct}% of the findings a tick saw (${want.beforeFill} of ${want.live}) were reconciled at or before their symbol's next close after that tick, where the tick's targets fill: ` +
        "the agents' statistics count these calls, the equity never held them (median horizon 24 h; median lag from tick to next close 24 h). " +
        "Give calls a horizon of several bars (reconcile.horizon_hours, or the findings' horizon_hours), tick more often (clock.cadence: a tick nearer each finding fills at an earlier close), or bring denser prices\n",
    );
    // the note is stderr only: every hashed output is the in-memory run's, which counts nothing
    const sc = readScenarioFile(scenario, { allocators: allocatorParamSpecs() });
    const data = loadRunData(runDataPaths(sc));
    const ran = runScenario(sc, data, ALLOCATORS);
    const files = runOutputFiles(data, ran.outcome.state, ran.metrics, false, null, ran.cfg.initialCapital);
    const outputs = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> }).outputs;
    expect(Object.keys(files).length).toBeGreaterThan(5);
    for (const [name, bytes] of Object.entries(files)) {
      expect(outputs[name], name).toMatch(/^[0-9a-f]{64}$/);
      expect(sha256Hex(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes), name).toBe(outputs[name]);
      expect(sha256Hex(readFileSync(join(out, name))), name).toBe(outputs[name]);
    }
    // --quiet says nothing, as for every note
    expect(runBt(['run', scenario, '--no-report', '--quiet', '--force', '--out', out], tmp).stderr).toBe('');
  }, 60_000);
});

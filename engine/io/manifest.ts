import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isoFromMs } from '../core/time.js';
import type { Scenario } from '../scenario/scenario.js';
import type { RunCounters } from '../run/run.js';

/** bt's version, recorded in every manifest. */
export const BT_VERSION = '0.1.0';

/**
 * The version of what bt computes: bump it (the date of the change, then .2, .3 the same day)
 * whenever the same inputs and scenario give other run or sweep results (events, targets, kills,
 * equity, metrics), a fix or a changed default; not for a report's layout. BT_VERSION
 * does not move between commits, so this is what tells results apart: manifests record it, and a
 * sweep journal or a snapshot written under another one is not resumed or merged (its results
 * would mix two engines). 2026-12-04: default mode decides before it weighs; a run ends at the
 * last price; exact copies of findings refused. 2026-12-04.2: benchmark figures leave out the
 * periods after the benchmark's last close (they counted it as flat). 2026-12-04.3: metrics.json
 * adds turnover_traded_annualized (the turnover the fills traded). 2026-12-04.4: results.csv/.arrow
 * gain the turnover_traded_annualized column; manifest.json records run_end. 2026-12-04.5:
 * risk-penalized (default) weighs multipliers within decay.floor and decay.ceil, not within 0.5 and 1.1.
 * 2026-12-05: powers through portablePow (core/portable-pow.ts), not `**`, whose last bit differs
 * between Node versions and platforms: annualized return, Calmar, skewness, annualized alpha and
 * bt data generate's findings move by an ulp or so, now the same bits on every machine.
 * 2026-12-05.1: the book never borrows: the buys of a price time's fills are cut to the cash there is.
 * 2026-12-05.2: a fill never costs more than it trades (its cost parts capped at |traded|).
 * 2026-12-05.3: no buy cut for cash fills below the minimum trade; no impact before a full window
 * of returns; costs_paid is fixed + spread + impact (the breakdown adds up exactly).
 * 2026-12-05.4: metrics.json's note on buys cut for cash says what it counts: cuts, one per buy per
 * close that cuts it (a buy waiting three closes counted three times as "3 buys").
 * 2026-12-05.5: metrics.json's drawdown dates at the resolution the whole curve needs (an intraday
 * run's midnight with T00:00Z, seconds kept), not each date on its own.
 * 2026-12-05.6: metrics.json's notes end with the settings set away from their defaults that the run
 * does not read (engine/run/unread-settings.ts): decay.* under a variant that does not weigh agents by
 * the multiplier, cvar.*, stats windows, a switched-off step's tunables.
 * 2026-12-05.7: a sweep's parameter columns (results.csv/arrow, the report's tables) follow the
 * sweep file's order, not the alphabet; the journal header carries that order and the base
 * scenario's own config id (--check-on base), so --resume and bt merge refuse journals of earlier
 * engines (whose headers list the paths sorted and name no base).
 * 2026-12-05.8: allocator.mode seed stores avg_abs_error_bps and avg_pnl_error_bps as seed 003
 * section 3 does, round(x, 2): seed-mode weights (seed 001's simulation-integrity penalty), promotion
 * gates and decision stats move; default mode gives the same bytes. Also: a sweep or shard in which
 * no configuration finished gives that as its walk-forward skipped reason (not "no shared time grid").
 * 2026-12-06.1: a zero stored as -0 is read as 0: a finding's confidence or expected_pnl_bps, an
 * agent's schedule weight, a kill list threshold, a scenario number (events.arrow's expected pnl,
 * agent_weights.arrow and governance's kill_list.yaml showed the sign). Inputs without a -0 give
 * the same bytes. A random sweep draws by path order and a choices list in its values' JSON text
 * order, not in the file's order (engine/sweep/space.ts).
 */
export const ENGINE_VERSION = '2026-12-06.1';

/** One input file: its scenario-relative name (the manifest's key) and where it is. */
export interface InputFile {
  readonly rel: string;
  readonly abs: string;
}

/** The scenario's input files, in the manifest's order. */
export function inputFiles(sc: Scenario): InputFile[] {
  const d = sc.data;
  const out: InputFile[] = [];
  for (const p of [d.findings, d.prices, d.agents, d.killList, d.regime, d.reconciled, sc.benchmark?.prices]) if (p !== undefined) out.push({ rel: p.rel, abs: p.abs });
  return out;
}

/** Returns the sha256 of each input file of the scenario, keyed by its scenario-relative path (on this thread; input-hashing.ts: on a worker). */
export function inputHashes(sc: Scenario): Record<string, string> {
  return hashFiles(inputFiles(sc));
}

/** Returns the sha256 of each file, keyed by its `rel` name, in the files' order (on this thread). */
export function hashFiles(files: readonly InputFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) out[f.rel] = sha256OfFile(f.abs);
  return out;
}

const HASH_CHUNK = new Uint8Array(4 << 20);

/** Returns the hex sha256 of a file read in 4 MiB pieces (inputs can be larger than memory should hold). */
export function sha256OfFile(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, HASH_CHUNK); n > 0; n = readSync(fd, HASH_CHUNK)) h.update(HASH_CHUNK.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * Returns manifest.json: the scenario as resolved (snake_case settings, relative paths),
 * input hashes (inputHashes or startInputHashing) and output hashes, bt's version and the seed,
 * and the span the run replayed, where the LP reports and `bt governance` begin and end, as the
 * scenario may not say: `run_start` (time.start, else the first price or finding) and `run_end`
 * (time.end, else the last price: the clock ticks to it, past the last data when time.end is
 * later). Nothing here depends on the wall clock, the machine or where the files live, so two
 * runs give the same bytes.
 */
export function buildManifest(sc: Scenario, inputs: Record<string, string>, outputs: Record<string, string>, runStartMs: number, runEndMs: number): Record<string, unknown> {
  return {
    bt_version: BT_VERSION,
    engine_version: ENGINE_VERSION,
    run_end: isoFromMs(runEndMs),
    run_start: isoFromMs(runStartMs),
    scenario_name: sc.name,
    seed: sc.seed,
    scenario: sc.settings,
    inputs,
    outputs,
  };
}

/**
 * Returns run_info.json: wall-clock and machine facts kept apart from the hashed manifest. The
 * kill list's absolute path lets `bt governance` find it from any working directory (the
 * manifest keeps the path relative to the scenario, and the hash it checks).
 */
export function runInfo(wallStartMs: number, replaySeconds: number, counters: RunCounters, killListFile?: string): Record<string, unknown> {
  return {
    started_at: wallStartMs > 0 ? new Date(wallStartMs).toISOString() : null,
    replay_seconds: replaySeconds,
    node: process.version,
    counters,
    ...(killListFile !== undefined ? { kill_list_file: killListFile } : {}),
  };
}

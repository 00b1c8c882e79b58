import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { buildManifest, inputFiles, runInfo } from '../io/manifest.js';
import { startInputHashing, type InputHashing } from '../io/input-hashing.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { stableStringify } from '../core/stable-json.js';
import { BtInputError } from '../core/errors.js';
import { describeFound } from '../scenario/describe-field.js';
import type { BacktestResult } from './backtest-result.js';
import type { KnownRunData } from '../report/read-run-dir.js';
import type { KillListLookup } from '../io/read-governance-input.js';

/** Options of writeRun (the `bt run` flags that shape the folder). */
export interface WriteRunOptions {
  /** Replace a non-empty folder that is not a bt run folder (`--force`). */
  readonly force?: boolean;
  /** Write report/index.html (default true, as `bt run`; `--no-report`). */
  readonly report?: boolean;
  /** Also write the governance files (governance/, with their history) and notifications.jsonl into the folder (`bt run --governance`); the kill list defaults to the scenario's. */
  readonly governance?: { readonly killList?: KillListLookup };
}

/**
 * Writes a run folder for `result` at `dir`, the bytes `bt run --out dir` writes: output
 * files, manifest.json, run_info.json and (unless `report: false`) the report. Built in a
 * temp folder and renamed in; refuses a folder bt did not write (docs/outputs.md).
 */
export async function writeRun(result: BacktestResult, dir: string, opts: WriteRunOptions = {}): Promise<void> {
  if (result === null || typeof result !== 'object' || !('scenario' in result) || !('files' in result)) {
    throw new BtInputError({ field: 'result', expected: 'a result of runScenario', found: describeFound(result) });
  }
  if (typeof dir !== 'string' || dir === '') throw new BtInputError({ field: 'dir', expected: 'the path of the run folder to write', found: describeFound(dir) });
  const inputs = startInputHashing(result.scenario); // on a worker while the outputs are written
  try {
    await writeDirAtomic(dir, { kind: 'run', force: opts.force === true, inputs: [...inputFiles(result.scenario).map((f) => f.abs)] }, async (tmp) => {
      await completeRunFolder(tmp, result, inputs, writeRunOutputs(tmp, result.files), opts);
    });
  } finally {
    inputs.cancel();
  }
}

/** The kill list the scenario names (its thresholds go into kill_list.yaml), or none. */
function scenarioKillList(result: BacktestResult): KillListLookup {
  const file = result.scenario.data.killList?.abs;
  return file !== undefined ? { file } : {};
}

/**
 * Writes what follows the output files into the temp folder `tmp`: manifest (with the inputs' and
 * outputs' hashes), run_info, report, governance files. `known`: what need not be read back (KnownRunData).
 */
export async function completeRunFolder(tmp: string, result: BacktestResult, inputs: InputHashing, outputs: Record<string, string>, opts: WriteRunOptions, known: KnownRunData = {}): Promise<void> {
  writeFileAtomic(`${tmp}/manifest.json`, `${stableStringify(buildManifest(result.scenario, await inputs.result(), outputs, result.config.startMs, result.config.endMs), 2)}\n`);
  writeFileAtomic(`${tmp}/run_info.json`, `${stableStringify(runInfo(result.wallStartMs, result.replaySeconds, result.counters, result.scenario.data.killList?.abs), 2)}\n`);
  // Inside the temp folder: a run folder appears whole, report included, or not at all.
  // Loaded on demand: vega and vega-lite take ~0.5 s to import.
  if (opts.report !== false) await (await import('../report/write-run-report.js')).writeRunReport(tmp, known);
  if (opts.governance !== undefined) await (await import('./write-governance.js')).writeRunGovernance(tmp, opts.governance.killList ?? scenarioKillList(result), known.governanceLog ?? null);
}

import type { Scenario } from '../scenario/scenario.js';
import type { RunDataPaths } from './load-run-data.js';
import { checkInputFiles } from './check-input-files.js';

/**
 * Returns the input paths of a scenario for loadRunData (absolute to open, relative to name),
 * after checking that each file (benchmark.prices too) exists: a missing one is named at its
 * key and line in the scenario file.
 */
export function runDataPaths(scenario: Scenario): RunDataPaths {
  checkInputFiles(scenario);
  const d = scenario.data;
  return {
    findings: d.findings.abs,
    prices: d.prices.abs,
    ...(d.agents !== undefined ? { agents: d.agents.abs } : {}),
    ...(d.killList !== undefined ? { killList: d.killList.abs } : {}),
    ...(d.regime !== undefined ? { regime: d.regime.abs } : {}),
    display: {
      findings: d.findings.rel,
      prices: d.prices.rel,
      ...(d.agents !== undefined ? { agents: d.agents.rel } : {}),
      ...(d.killList !== undefined ? { killList: d.killList.rel } : {}),
      ...(d.regime !== undefined ? { regime: d.regime.rel } : {}),
    },
  };
}

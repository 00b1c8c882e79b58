import type { Scenario } from '../scenario/scenario.js';
import type { RunDataPaths } from './load-run-data.js';

/** Returns the input paths of a scenario for loadRunData (absolute to open, relative to name). */
export function runDataPaths(scenario: Scenario): RunDataPaths {
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

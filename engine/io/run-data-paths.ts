import { relative } from 'node:path';
import type { Scenario } from '../scenario/scenario.js';
import type { RunDataPaths } from './load-run-data.js';
import { checkInputFiles } from './check-input-files.js';

/**
 * Returns the input paths of a scenario for loadRunData (absolute to open, relative to name),
 * after checking that each file (benchmark.prices too) exists: a missing one is named at its
 * key and line in the scenario file. Errors name each file as the scenario writes it (relative to
 * the scenario's folder: a sweep's recorded errors must not follow the working folder), or, with
 * `displayFrom` (bt run and bt compare: the working folder), as the user would type it there:
 * '../datasets/x.arrow' in a scenario under scenarios/ is 'datasets/x.arrow' from the repo root.
 */
export function runDataPaths(scenario: Scenario, displayFrom?: string): RunDataPaths {
  checkInputFiles(scenario);
  const d = scenario.data;
  const shown = (p: { readonly rel: string; readonly abs: string }): string => (displayFrom === undefined ? p.rel : relative(displayFrom, p.abs) || p.rel);
  return {
    findings: d.findings.abs,
    prices: d.prices.abs,
    ...(d.agents !== undefined ? { agents: d.agents.abs } : {}),
    ...(d.killList !== undefined ? { killList: d.killList.abs } : {}),
    ...(d.regime !== undefined ? { regime: d.regime.abs } : {}),
    display: {
      findings: shown(d.findings),
      prices: shown(d.prices),
      ...(d.agents !== undefined ? { agents: shown(d.agents) } : {}),
      ...(d.killList !== undefined ? { killList: shown(d.killList) } : {}),
      ...(d.regime !== undefined ? { regime: shown(d.regime) } : {}),
    },
  };
}

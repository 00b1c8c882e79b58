import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { duplicateFindingError, ExactDuplicateFindings } from '../../datasets/read/exact-duplicate-findings.js';
import { FindingOrderCheck, findingOrderError } from '../../datasets/read/finding-order.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import { SEVERITY_MULTIPLIER, type Severity, type FindingsColumns, type PricesColumns, type AgentsColumns, type KillList } from '../../datasets/schemas/columns.js';
import { ViolationCollector } from '../core/errors.js';
import { buildIdMap, remapCodes, usedValues } from '../core/ids.js';
import { unicodeTwinFinder } from '../core/unicode-twin.js';
import { UnknownNames, unknownAgentDetail, unknownSymbolDetail } from './unknown-name-violations.js';
import type { RunData } from '../run/run-data.js';
import { rosterFields, runRoster } from './run-roster.js';
import { readRegimeCsv } from './read-regime-csv.js';
import { costColumns } from './columns-to-run-batch.js';
import { loadRunDataInOnePass, type LoadOptions } from './run-data-in-one-pass.js';
import { addFirstStrategies } from './input-passes.js';

/** Paths of a run's inputs (absolute) and how to name them in messages (as the user wrote them). */
export interface RunDataPaths {
  readonly findings: string;
  readonly prices: string;
  readonly agents?: string;
  readonly killList?: string;
  readonly regime?: string;
  /** Display names for errors (e.g. the path relative to the scenario). */
  readonly display: Readonly<Record<string, string>>;
}

/**
 * Reads, validates and interns a run's inputs: decoded batch by batch in one pass per column
 * (run-data-in-one-pass.ts), or, when that finds anything doubtful, the old way (whole files,
 * then `internRunData`), which throws every error as it always did. `opts.shared`: the findings'
 * and prices' columns in SharedArrayBuffers (the one-pass decoding only).
 */
export function loadRunData(paths: RunDataPaths, opts: LoadOptions = {}): RunData {
  return loadRunDataInOnePass(paths, opts) ?? loadRunDataInFull(paths);
}

/** Reads whole files, then validates and interns them (`internRunData`): every violation of a file in one error, findings first. */
export function loadRunDataInFull(paths: RunDataPaths): RunData {
  const findings = readFindingsArrow(paths.findings);
  const prices = readPricesArrow(paths.prices);
  const agents = paths.agents !== undefined ? readAgentsArrow(paths.agents) : null;
  const killList = paths.killList !== undefined ? readKillListYaml(paths.killList) : null;
  const regime = paths.regime !== undefined ? readRegimeCsv(paths.regime, paths.display['regime'] ?? paths.regime) : null;
  return internRunData(findings, prices, agents, killList, regime, paths.display);
}

/**
 * Interns names to sorted ids and checks cross-file consistency: every finding's agent is
 * in the agents file (when given), every finding's symbol has prices.
 */
export function internRunData(
  findings: FindingsColumns,
  prices: PricesColumns,
  agentsFile: AgentsColumns | null,
  killList: KillList | null,
  regime: RunData['regime'],
  display: Readonly<Record<string, string>>,
): RunData {
  const fName = display['findings'] ?? 'findings';
  const pName = display['prices'] ?? 'prices';
  const v = new ViolationCollector();
  const findingAgents = usedValues(findings.agent);
  const agentMap = buildIdMap(agentsFile !== null ? agentsFile.agent : findingAgents);
  const aName = display['agents'] ?? 'the agents file';
  const agentTwin = unicodeTwinFinder(agentMap.names);
  const unknownAgents = new UnknownNames();
  const agentId = remapCodes(findings.agent, agentMap, (row, value) => unknownAgents.add(row, value));
  unknownAgents.report(v, (value, row, repeated) => unknownAgentDetail(fName, row, repeated, value, agentTwin(value), aName));
  const priceSymbols = usedValues(prices.symbol);
  const symbolMap = buildIdMap(priceSymbols);
  const symbolTwin = unicodeTwinFinder(symbolMap.names);
  const unknownSymbols = new UnknownNames();
  const symbolId = remapCodes(findings.symbol, symbolMap, (row, value) => unknownSymbols.add(row, value));
  unknownSymbols.report(v, (value, row, repeated) => unknownSymbolDetail(fName, row, repeated, value, symbolTwin(value), pName));
  v.throwIfAny();
  const strategyOfAgent = new Map<string, string>();
  if (agentsFile === null) addFirstStrategies(findings.agent, findings.strategy, findings.length, strategyOfAgent);
  const roster = runRoster(agentsFile, agentsFile === null ? { agentNames: new Set(findingAgents), strategyOfAgent } : null);
  const sevLut = findings.severity.dictionary.map((s) => SEVERITY_MULTIPLIER[s as Severity] ?? Number.NaN);
  const severityMult = new Float64Array(findings.length);
  for (let i = 0; i < findings.length; i++) severityMult[i] = sevLut[findings.severity.codes[i] as number] as number;
  const runFindings: RunData['findings'] = {
    n: findings.length,
    tsMs: findings.tsMs,
    agentId,
    symbolId,
    confidence: findings.confidence,
    severityMult,
    direction: findings.direction,
    horizonHours: findings.horizonHours,
    ...(findings.expectedPnlBps !== undefined ? { expectedPnlBps: findings.expectedPnlBps } : {}),
  };
  const copy = new ExactDuplicateFindings().scan(runFindings, 0);
  if (copy !== null) throw duplicateFindingError(fName, copy, findings.tsMs[copy.row] as number, agentMap.names[agentId[copy.row] as number] as string, symbolMap.names[symbolId[copy.row] as number] as string);
  // after the copies: a copy out of place is named as a copy
  const order = new FindingOrderCheck();
  const disorder = order.scan(runFindings, 0);
  if (disorder.length > 0) throw findingOrderError(fName, disorder, order.count, (id) => agentMap.names[id] as string, (id) => symbolMap.names[id] as string);
  return {
    ...rosterFields(roster),
    symbols: symbolMap.names,
    prices: { n: prices.length, tsMs: prices.tsMs, symbolId: remapCodes(prices.symbol, symbolMap), close: prices.close, ...costColumns(prices) },
    findings: runFindings,
    killList,
    regime,
    findingsFile: fName,
  };
}

import { readFileSync } from 'node:fs';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../datasets/read/read-prices.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import { SEVERITY_MULTIPLIER, type Severity, type FindingsColumns, type PricesColumns, type AgentsColumns, type KillList } from '../../datasets/schemas/columns.js';
import { BtInputError, ViolationCollector } from '../core/errors.js';
import { buildIdMap, remapCodes, usedValues } from '../core/ids.js';
import type { RunData } from '../run/run-data.js';

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

/** Reads, validates and interns a run's inputs (the I/O shell around `internRunData`). */
export function loadRunData(paths: RunDataPaths): RunData {
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
  const agentId = remapCodes(findings.agent, agentMap, (row, value) =>
    v.add({ file: fName, row: row + 1, field: 'agent', expected: `an agent listed in ${display['agents'] ?? 'the agents file'}`, found: `'${value}'` }),
  );
  const priceSymbols = usedValues(prices.symbol);
  const symbolMap = buildIdMap(priceSymbols);
  const symbolId = remapCodes(findings.symbol, symbolMap, (row, value) =>
    v.add({ file: fName, row: row + 1, field: 'symbol', expected: `a symbol with prices in ${pName}`, found: `'${value}' (no prices)` }),
  );
  v.throwIfAny();
  const nA = agentMap.names.length;
  const strategyOf = new Array<string>(nA).fill('');
  if (agentsFile !== null) {
    agentsFile.agent.forEach((name, i) => {
      strategyOf[agentMap.idOf.get(name) as number] = agentsFile.strategy[i] ?? '';
    });
  } else {
    // Without an agents file, an agent's class is the strategy of its first finding that has one.
    for (let i = findings.length - 1; i >= 0; i--) {
      const c = findings.strategy.codes[i] as number;
      if (c >= 0) strategyOf[agentId[i] as number] = findings.strategy.dictionary[c] as string;
    }
  }
  const strategyMap = buildIdMap(strategyOf.filter((s) => s !== ''));
  const agentStrategy = Int32Array.from(strategyOf, (s) => (s === '' ? -1 : (strategyMap.idOf.get(s) as number)));
  const scheduleWeight = new Float64Array(nA).fill(1);
  const agentEnabled = new Uint8Array(nA).fill(1);
  if (agentsFile !== null) {
    agentsFile.agent.forEach((name, i) => {
      const a = agentMap.idOf.get(name) as number;
      scheduleWeight[a] = agentsFile.weight[i] as number;
      agentEnabled[a] = agentsFile.enabled[i] as number;
    });
  }
  const agentSinceMs = agentSinceOf(agentsFile, agentMap.idOf, nA);
  const sevLut = findings.severity.dictionary.map((s) => SEVERITY_MULTIPLIER[s as Severity] ?? Number.NaN);
  const severityMult = new Float64Array(findings.length);
  for (let i = 0; i < findings.length; i++) severityMult[i] = sevLut[findings.severity.codes[i] as number] as number;
  return {
    agents: agentMap.names,
    symbols: symbolMap.names,
    strategies: strategyMap.names,
    agentStrategy,
    scheduleWeight,
    agentEnabled,
    ...(agentSinceMs !== undefined ? { agentSinceMs } : {}),
    prices: { n: prices.length, tsMs: prices.tsMs, symbolId: remapCodes(prices.symbol, symbolMap), close: prices.close, ...costColumns(prices) },
    findings: {
      n: findings.length,
      tsMs: findings.tsMs,
      agentId,
      symbolId,
      confidence: findings.confidence,
      severityMult,
      direction: findings.direction,
      horizonHours: findings.horizonHours,
      ...(findings.expectedPnlBps !== undefined ? { expectedPnlBps: findings.expectedPnlBps } : {}),
    },
    killList,
    regime,
  };
}

/** Returns each agent's agents-file `since` by run id (NaN = at its first finding), or undefined when the file has none. */
export function agentSinceOf(agentsFile: AgentsColumns | null, idOf: ReadonlyMap<string, number>, nA: number): Float64Array | undefined {
  const since = agentsFile?.sinceMs;
  if (agentsFile === null || since === undefined) return undefined;
  const out = new Float64Array(nA).fill(Number.NaN);
  agentsFile.agent.forEach((name, i) => (out[idOf.get(name) as number] = since[i] as number));
  return out;
}

/** Reads a regime CSV: header `ts,risk_multiplier`, ts as ISO date/time (UTC), multiplier in [0, 1], sorted. */
export function readRegimeCsv(path: string, display: string): NonNullable<RunData['regime']> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BtInputError({ file: display, expected: 'a readable CSV file', found: 'no such file' });
  }
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((s) => s.trim());
  if (header[0] !== 'ts' || header[1] !== 'risk_multiplier') {
    throw new BtInputError({ file: display, line: 1, field: 'header', expected: "'ts,risk_multiplier'", found: `'${lines[0] ?? ''}'` });
  }
  const ts: number[] = [];
  const mult: number[] = [];
  const v = new ViolationCollector();
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const [a, b] = line.split(',');
    const t = Date.parse(/T/.test(a ?? '') ? (a as string) : `${a}T00:00:00Z`);
    const m = Number(b);
    if (!Number.isFinite(t)) v.add({ file: display, line: i + 1, field: 'ts', expected: 'an ISO 8601 date or time', found: `'${a ?? ''}'` });
    else if (ts.length > 0 && t <= (ts[ts.length - 1] as number)) v.add({ file: display, line: i + 1, field: 'ts', expected: 'strictly increasing times', found: `'${a ?? ''}'` });
    if (!(b !== undefined && b.trim() !== '' && Number.isFinite(m) && m >= 0 && m <= 1)) v.add({ file: display, line: i + 1, field: 'risk_multiplier', expected: 'a number in [0, 1]', found: `'${b ?? ''}'` });
    ts.push(t);
    mult.push(m);
  }
  v.throwIfAny();
  return { tsMs: Float64Array.from(ts), multiplier: Float64Array.from(mult) };
}

/** Returns the prices' columns the cost model reads (volume, spread_bps), those the file has. */
export function costColumns(p: PricesColumns): { volume?: Float64Array; spreadBps?: Float64Array } {
  return { ...(p.volume === undefined ? {} : { volume: p.volume }), ...(p.spreadBps === undefined ? {} : { spreadBps: p.spreadBps }) };
}

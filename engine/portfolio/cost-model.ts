/**
 * The scenario's cost section resolved per symbol: typed arrays by symbol id, so a fill reads
 * its parameters without a lookup or an allocation. `costs.symbols.<SYM>` overrides any field
 * of the defaults for one symbol.
 */
import type { SymbolCostParams } from './costs.js';

/** One symbol's overrides (any subset of the default fields). */
export type CostOverride = Partial<SymbolCostParams>;

/** The scenario's `costs` (camelCase): fixed bps always; the rest optional (absent = off). */
export interface CostSpec extends Partial<SymbolCostParams> {
  readonly bpsPerTurnover: number;
  readonly slippageBps: number;
  /** Take the half spread from the prices file's `spread_bps` column (half of it) where present. */
  readonly spreadColumn?: boolean;
  /** Closes in the trailing window of sigma and ADV (the impact term). */
  readonly impactWindow?: number;
  readonly symbols?: Readonly<Record<string, CostOverride>>;
}

/** Default trailing window of the impact term, in closes (a trading month of daily bars). */
export const DEFAULT_IMPACT_WINDOW = 20;

/** Per-symbol parameters by symbol id, plus the model-wide switches. */
export interface CostModel {
  readonly bpsPerTurnover: Float64Array;
  readonly slippageBps: Float64Array;
  readonly halfSpreadBps: Float64Array;
  readonly impactK: Float64Array;
  readonly minTradeNotional: Float64Array;
  readonly minTradeFraction: Float64Array;
  readonly noTradeBand: Float64Array;
  readonly spreadColumn: boolean;
  readonly impactWindow: number;
  /** True when some symbol has k > 0: only then is the trailing window kept. */
  readonly usesImpact: boolean;
}

const FIELDS = ['bpsPerTurnover', 'slippageBps', 'halfSpreadBps', 'impactK', 'minTradeNotional', 'minTradeFraction', 'noTradeBand'] as const;

/** Returns the cost model of `spec` over `symbols` (run ids); override keys that name no symbol are ignored here (runScenario reports them). */
export function resolveCostModel(spec: CostSpec, symbols: readonly string[]): CostModel {
  const n = symbols.length;
  const arrays = {} as Record<(typeof FIELDS)[number], Float64Array>;
  for (const f of FIELDS) arrays[f] = new Float64Array(n).fill(spec[f] ?? 0);
  let usesImpact = false;
  for (let s = 0; s < n; s++) {
    const name = symbols[s] as string;
    const o = spec.symbols !== undefined && Object.hasOwn(spec.symbols, name) ? spec.symbols[name] : undefined;
    if (o !== undefined) for (const f of FIELDS) if (o[f] !== undefined) arrays[f][s] = o[f];
    if ((arrays.impactK[s] as number) > 0) usesImpact = true;
  }
  return { ...arrays, spreadColumn: spec.spreadColumn === true, impactWindow: spec.impactWindow ?? DEFAULT_IMPACT_WINDOW, usesImpact };
}

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

/** Per-symbol parameters by symbol id, plus the model-wide switches. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class CostModel {
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

  constructor(spec: CostSpec, symbols: readonly string[]) {
    const overrides = symbols.map((name) => (spec.symbols !== undefined && Object.hasOwn(spec.symbols, name) ? spec.symbols[name] : undefined));
    const column = (field: keyof SymbolCostParams): Float64Array => {
      const out = new Float64Array(symbols.length).fill(spec[field] ?? 0);
      overrides.forEach((o, s) => {
        const v = o?.[field];
        if (v !== undefined) out[s] = v;
      });
      return out;
    };
    const impactK = column('impactK');
    this.bpsPerTurnover = column('bpsPerTurnover');
    this.slippageBps = column('slippageBps');
    this.halfSpreadBps = column('halfSpreadBps');
    this.impactK = impactK;
    this.minTradeNotional = column('minTradeNotional');
    this.minTradeFraction = column('minTradeFraction');
    this.noTradeBand = column('noTradeBand');
    this.spreadColumn = spec.spreadColumn === true;
    this.impactWindow = spec.impactWindow ?? DEFAULT_IMPACT_WINDOW;
    this.usesImpact = impactK.some((k) => k > 0);
  }
}

/** Returns the cost model of `spec` over `symbols` (run ids); override keys that name no symbol are ignored here (runScenario reports them). */
export function resolveCostModel(spec: CostSpec, symbols: readonly string[]): CostModel {
  return new CostModel(spec, symbols);
}

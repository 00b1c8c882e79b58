import type { FieldSpec } from './field-spec.js';

/** prices.arrow columns (see datasets/README.md); sorted by ts then symbol, no duplicate (ts, symbol). */
export const PRICES_FIELDS: readonly FieldSpec[] = [
  { name: 'ts', type: 'timestamp', nullable: false, required: true, doc: 'bar time, epoch ms UTC' },
  { name: 'symbol', type: 'dict32', nullable: false, required: true, doc: 'instrument symbol' },
  { name: 'close', type: 'float64', nullable: false, required: true, doc: 'close price, finite > 0 (currency units)' },
  { name: 'open', type: 'float64', nullable: true, required: false, doc: 'open price, finite > 0 or null' },
  { name: 'high', type: 'float64', nullable: true, required: false, doc: 'high price, finite > 0 or null' },
  { name: 'low', type: 'float64', nullable: true, required: false, doc: 'low price, finite > 0 or null' },
  { name: 'volume', type: 'float64', nullable: true, required: false, doc: 'traded volume (shares), finite >= 0 or null' },
  { name: 'spread_bps', type: 'float64', nullable: true, required: false, doc: 'quoted bid-ask spread at the close, in bps of the close, finite >= 0 or null (costs.spread_column)' },
];

/**
 * The largest close bt accepts. A close of 1e308 passed "finite > 0" and made every pnl in bps
 * Infinity (agents retired on a drawdown of -Infinity); below 1e12 every ratio of two closes
 * and its bps stay far inside the doubles. No traded price comes near it.
 */
export const MAX_CLOSE = 1e12;

/** The largest quoted spread in bps: (ask - bid) / mid <= 2 whenever bid >= 0, so a larger one is a data error (and half of it, the cost of a fill, would exceed the fill). */
export const MAX_SPREAD_BPS = 20_000;

/** One optional prices column's accepted values (null aside): min <= x <= max; `expected` is how a message says it. */
export interface OptionalPriceRange {
  readonly min: number;
  readonly max: number;
  readonly expected: string;
}

const POSITIVE: OptionalPriceRange = { min: Number.MIN_VALUE, max: Infinity, expected: 'a finite number > 0 or null' };

/** The optional prices columns and their values, for every reader (a spread or a volume of 0 is a fact, a price of 0 is not). */
export const OPTIONAL_PRICE_RANGES = {
  open: POSITIVE,
  high: POSITIVE,
  low: POSITIVE,
  volume: { min: 0, max: Infinity, expected: 'a finite number >= 0 or null' },
  spread_bps: { min: 0, max: MAX_SPREAD_BPS, expected: `a finite number in [0, ${MAX_SPREAD_BPS}] or null (a quoted spread is at most 2x the mid price)` },
} as const satisfies Readonly<Record<string, OptionalPriceRange>>;

/** The optional prices columns, in schema order. */
export type OptionalPriceColumn = keyof typeof OPTIONAL_PRICE_RANGES;

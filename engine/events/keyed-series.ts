/** A change log keyed by a dictionary column (agent or symbol): rows in time order, `keyId` indexing `keys`. */
export interface KeyedSeries {
  readonly keys: readonly string[];
  readonly tsMs: Float64Array;
  readonly keyId: Int32Array;
  readonly value: Float64Array;
}

import { centralMoments } from './moments.js';

/** Means and centred sums of squares and cross-products of a paired series (y on x). */
export interface CoMoments {
  readonly n: number;
  readonly meanX: number;
  readonly meanY: number;
  /** sum((x - meanX)^2), sum((y - meanY)^2), sum((x - meanX)(y - meanY)). */
  readonly sxx: number;
  readonly syy: number;
  readonly sxy: number;
}

/** Returns the co-moments of `y` against `x` (same length), means as R's two-pass `mean`. */
export function coMoments(x: Float64Array, y: Float64Array): CoMoments {
  const n = Math.min(x.length, y.length);
  if (n === 0) return { n, meanX: NaN, meanY: NaN, sxx: 0, syy: 0, sxy: 0 };
  const meanX = centralMoments(x).mean;
  const meanY = centralMoments(y).mean;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { n, meanX, meanY, sxx, syy, sxy };
}

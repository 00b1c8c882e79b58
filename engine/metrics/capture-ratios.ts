import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Up and down capture ratios of a series against its benchmark. */
export interface CaptureRatios {
  readonly up: MetricResult;
  readonly down: MetricResult;
}

/**
 * Returns the capture ratios: over the periods where the benchmark rose (b > 0; down: b <= 0),
 * the compounded return of the series over the benchmark's, (prod(1 + r) - 1) / (prod(1 + b) - 1)
 * (PerformanceAnalytics `UpDownRatios(method = "Capture", geometric = TRUE)`).
 */
export function captureRatios(returns: Float64Array, benchmark: Float64Array): CaptureRatios {
  let upR = 1;
  let upB = 1;
  let downR = 1;
  let downB = 1;
  for (let i = 0; i < returns.length; i++) {
    const b = benchmark[i] as number;
    const r = returns[i] as number;
    if (b > 0) {
      upR *= 1 + r;
      upB *= 1 + b;
    } else {
      downR *= 1 + r;
      downB *= 1 + b;
    }
  }
  return { up: ratio(upR - 1, upB - 1, 'no period where the benchmark rose'), down: ratio(downR - 1, downB - 1, 'no period where the benchmark fell') };
}

function ratio(num: number, den: number, emptyNote: string): MetricResult {
  if (den === 0) return undefinedMetric(`${emptyNote} (or its compounded return is 0)`);
  return defined(num / den);
}

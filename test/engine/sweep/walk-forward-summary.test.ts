import { describe, expect, it } from 'vitest';
import { walkForwardSummaryLines } from '../../../engine/sweep/walk-forward-summary.js';
import type { WalkForwardFold, WalkForwardReport } from '../../../engine/sweep/walk-forward.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

function fold(inSample: [string, string], outOfSample: [string, string], chosen: string, values: [number, number | null], rank: number | null, note: string | null = null, ranked = 12): WalkForwardFold {
  return {
    in_sample: { start_ts: day(inSample[0]), end_ts: day(inSample[1]) },
    out_of_sample: { start_ts: day(outOfSample[0]), end_ts: day(outOfSample[1]) },
    chosen,
    in_sample_value: values[0],
    out_of_sample_value: values[1],
    out_of_sample_rank: rank,
    out_of_sample_note: note,
    out_of_sample_ranked: ranked,
  };
}

const report = (folds: WalkForwardFold[], windows: number): WalkForwardReport => ({ windows, objective: 'sharpe', folds, unchosen: [], stitched: { sharpe: 1.04, total_return: 3.7, max_drawdown: 0.43 }, skipped: null });

describe('walkForwardSummaryLines', () => {
  it('says which dates are in sample and which out of sample, per fold, and the span the stitched figures cover', () => {
    const lines = walkForwardSummaryLines(
      report([fold(['2000-02-01', '2002-07-01'], ['2002-08-01', '2005-02-01'], 'aaa', [-0.3286, 1.3723], 10), fold(['2002-08-01', '2005-02-01'], ['2005-03-01', '2007-08-01'], 'bbb', [1.4711, 1.5297], 5)], 3),
      12,
    );
    expect(lines).toEqual([
      '  walk-forward (3 windows; the best by sharpe on each is scored on the next): stitched out-of-sample sharpe 1.040 (returns dated 2002-08-01 .. 2007-08-01), out-of-sample ranks 10, 5 of 12',
      '    fold 1: in sample 2000-02-01 .. 2002-07-01, chose aaa (sharpe -0.329); out of sample 2002-08-01 .. 2005-02-01: sharpe 1.372, rank 10 of 12',
      '    fold 2: in sample 2002-08-01 .. 2005-02-01, chose bbb (sharpe 1.471); out of sample 2005-03-01 .. 2007-08-01: sharpe 1.530, rank 5 of 12',
    ]);
  });

  it('names the folds instead of one span when a window had no choice (its fold is left out), and gives every time of the block its time of day when one has it', () => {
    const f = fold(['2000-01-03', '2000-01-04'], ['2000-01-05', '2000-01-06'], 'aaa', [0.5, null], null, 'sharpe is undefined on the out-of-sample window, so the choice has no rank there', 4);
    const hourly = { ...f, out_of_sample: { start_ts: day('2000-01-05') + 13 * 3_600_000, end_ts: day('2000-01-06') } };
    const lines = walkForwardSummaryLines(report([hourly], 3), 4);
    expect(lines[0]).toBe('  walk-forward (3 windows; the best by sharpe on each is scored on the next): stitched out-of-sample sharpe 1.040 (the out-of-sample windows of the folds below), out-of-sample ranks none of 4');
    // one resolution for the block: the midnights read 00:00 beside 13:00, not as bare dates
    expect(lines[1]).toBe('    fold 1: in sample 2000-01-03 00:00 UTC .. 2000-01-04 00:00 UTC, chose aaa (sharpe 0.500); out of sample 2000-01-05 13:00 UTC .. 2000-01-06 00:00 UTC: sharpe is undefined on the out-of-sample window, so the choice has no rank there');
  });

  it('gives each rank out of the configurations ranked on its window, not out of every configuration', () => {
    // 7 configurations, 2 of them flat (Sharpe undefined): rank 5 of 5 is last, not mid-table
    const a = fold(['2020-01-02', '2020-06-05'], ['2020-06-06', '2020-11-08'], 'aaa', [-3.154, 0.893], 4, null, 5);
    const b = fold(['2020-06-06', '2020-11-08'], ['2020-11-09', '2021-04-14'], 'bbb', [1.489, -0.96], 5, null, 5);
    const same = walkForwardSummaryLines(report([a, b], 3), 7);
    expect(same[0]).toMatch(/, out-of-sample ranks 4, 5 of 5$/);
    expect(same[2]).toMatch(/: sharpe -0\.960, rank 5 of 5$/);
    const differ = walkForwardSummaryLines(report([a, { ...b, out_of_sample_ranked: 6 }], 3), 7);
    expect(differ[0]).toMatch(/, out-of-sample ranks 4 of 5, 5 of 6$/);
  });
});

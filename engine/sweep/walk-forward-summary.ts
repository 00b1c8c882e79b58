import type { WalkForwardReport } from './walk-forward.js';

/**
 * Returns the walk-forward lines of `bt sweep`'s summary: the stitched out-of-sample Sharpe,
 * each fold's out-of-sample rank of `nConfigs` ('none' when the objective is undefined there),
 * and one line per unranked fold saying why.
 */
export function walkForwardSummaryLines(wf: WalkForwardReport, nConfigs: number): string[] {
  if (wf.skipped !== null) return [`  walk-forward skipped: ${wf.skipped}`];
  const sharpe = wf.stitched.sharpe === null ? 'n/a' : wf.stitched.sharpe.toFixed(3);
  const ranks = wf.folds.map((f) => (f.out_of_sample_rank === null ? 'none' : String(f.out_of_sample_rank))).join(', ');
  const why = wf.folds.flatMap((f, i) => (f.out_of_sample_note === null ? [] : [`    fold ${i + 1} has no rank: ${f.out_of_sample_note}`]));
  return [`  walk-forward (${wf.windows} windows): stitched out-of-sample sharpe ${sharpe}, out-of-sample ranks ${ranks} of ${nConfigs}`, ...why];
}

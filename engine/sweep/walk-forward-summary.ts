import { instantLabel, instantResolution, type InstantResolution } from '../core/instant-resolution.js';
import { formatMetric } from '../report/format-metric.js';
import type { WalkForwardFold, WalkForwardReport } from './walk-forward.js';

/** Returns a time of the summary at the block's resolution: its UTC date, or date and time (with ' UTC') when any time of the block is off midnight. */
function when(tsMs: number, res: InstantResolution): string {
  return res === 'day' ? instantLabel(tsMs, res) : `${instantLabel(tsMs, res)} UTC`;
}

/** Returns 'FROM .. TO' of a window: the dates of its first and last returns (summary.json's start_ts, end_ts). */
function span(w: WalkForwardFold['in_sample'], res: InstantResolution): string {
  return `${when(w.start_ts, res)} .. ${when(w.end_ts, res)}`;
}

/** Returns a fold's line: its in-sample window and choice, its out-of-sample window, value and rank among the configurations ranked there (or why it has none). */
function foldLine(f: WalkForwardFold, i: number, objective: string, res: InstantResolution): string {
  const oos = f.out_of_sample_rank === null ? (f.out_of_sample_note ?? `${objective} is undefined there, so the choice has no rank`) : `${objective} ${formatMetric(objective, f.out_of_sample_value)}, rank ${f.out_of_sample_rank} of ${f.out_of_sample_ranked}`;
  return `    fold ${i + 1}: in sample ${span(f.in_sample, res)}, chose ${f.chosen} (${objective} ${formatMetric(objective, f.in_sample_value)}); out of sample ${span(f.out_of_sample, res)}: ${oos}`;
}

/**
 * Returns the walk-forward lines of `bt sweep`'s summary: the stitched out-of-sample Sharpe and
 * the span it covers, each fold's out-of-sample rank among the configurations whose objective
 * is defined there ('none' when the choice's is not; `nConfigs` only when no fold was made),
 * then one line per fold: which window is in sample and which out of sample
 * (dates of their first and last returns), the choice and its values, or why it has no rank.
 */
export function walkForwardSummaryLines(wf: WalkForwardReport, nConfigs: number): string[] {
  if (wf.skipped !== null) return [`  walk-forward skipped: ${wf.skipped}`];
  const sharpe = wf.stitched.sharpe === null ? 'n/a' : wf.stitched.sharpe.toFixed(3);
  // a rank is out of the configurations whose objective is defined out of sample (a flat window has none), not of all of them
  const counts = new Set(wf.folds.map((f) => f.out_of_sample_ranked));
  const of = counts.size === 1 ? (wf.folds[0]?.out_of_sample_ranked ?? nConfigs) : counts.size === 0 ? nConfigs : null;
  const ranks = `${wf.folds.map((f) => (f.out_of_sample_rank === null ? 'none' : of === null ? `${f.out_of_sample_rank} of ${f.out_of_sample_ranked}` : String(f.out_of_sample_rank))).join(', ')}${of === null ? '' : ` of ${of}`}`;
  // one resolution for every time of the block (instant-resolution.ts): an hourly sweep's midnight as 00:00, not a bare date
  const res = instantResolution([...wf.folds.flatMap((f) => [f.in_sample.start_ts, f.in_sample.end_ts, f.out_of_sample.start_ts, f.out_of_sample.end_ts]), ...wf.unchosen.flatMap((u) => [u.in_sample.start_ts, u.in_sample.end_ts])]);
  const first = wf.folds[0];
  const last = wf.folds[wf.folds.length - 1];
  // one fold per window after the first: the out-of-sample windows join up; a fold left out (no choice) leaves a gap
  const over = first === undefined || last === undefined ? '' : wf.folds.length === wf.windows - 1 ? ` (returns dated ${when(first.out_of_sample.start_ts, res)} .. ${when(last.out_of_sample.end_ts, res)})` : ' (the out-of-sample windows of the folds below)';
  // folds and windows without a choice, in time order (in-sample windows never share a start)
  const lines = [...wf.folds.map((f, i) => ({ at: f.in_sample.start_ts, line: foldLine(f, i, wf.objective, res) })), ...wf.unchosen.map((u) => ({ at: u.in_sample.start_ts, line: `    no fold: in sample ${span(u.in_sample, res)}: ${u.reason}` }))];
  lines.sort((a, b) => a.at - b.at);
  return [
    `  walk-forward (${wf.windows} windows; the best by ${wf.objective} on each is scored on the next): stitched out-of-sample sharpe ${sharpe}${over}, out-of-sample ranks ${ranks}`,
    ...lines.map((l) => l.line),
  ];
}

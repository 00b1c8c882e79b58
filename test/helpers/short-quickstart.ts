/**
 * The quickstart's data (real-stocks) with daily ticks, three-month calls and the kill thresholds
 * the CLI run and sweep tests share, by default over a short window (2000-01 .. 2001-06), where
 * each configuration runs in a few tens of milliseconds. risk-penalized's default max_weight is
 * 0.25 and the default cash buffer 0.1. `data`: the folder of real-stocks' files (forward
 * slashes, or a placeholder the caller replaces); `end`: time.end, null for none (the whole
 * data); `extra`: YAML appended (other sections).
 */
export function shortQuickstartYaml(name: string, data: string, opts: { readonly end?: string | null; readonly extra?: string } = {}): string {
  const end = opts.end === undefined ? '2001-06-01' : opts.end;
  return `name: ${name}
seed: 1
data:
  findings: ${data}/findings.arrow
  prices: ${data}/prices.arrow
  agents: ${data}/agents.arrow
  kill_list: ${data}/kill_list.yaml
${end === null ? '' : `time:\n  end: ${end}\n`}clock:
  cadence: 1d
reconcile:
  horizon_hours: 2232
  error_abs_bps: 4000
allocator:
  variant: risk-penalized
kill:
  retire_pnl_sum_bps: -5000
  retire_drawdown_bps: -20000
  kill_error_rate: 0.25
${opts.extra ?? ''}`;
}

/**
 * The quickstart's data over a short window (2000-01 .. 2001-06), daily ticks, three-month calls
 * and the kill thresholds the CLI sweep tests share: each configuration runs in a few tens of
 * milliseconds. risk-penalized's default max_weight is 0.25 and the default cash buffer 0.1.
 * `data`: the folder of real-stocks' files (forward slashes).
 */
export function shortQuickstartYaml(name: string, data: string): string {
  return `name: ${name}
seed: 1
data:
  findings: ${data}/findings.arrow
  prices: ${data}/prices.arrow
  agents: ${data}/agents.arrow
  kill_list: ${data}/kill_list.yaml
time:
  end: 2001-06-01
clock:
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
`;
}

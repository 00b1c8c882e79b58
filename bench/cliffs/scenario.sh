#!/usr/bin/env bash
# scenario.sh DIR CADENCE [extra yaml lines...]: writes DIR/scenario.yaml in the bench workloads calibration;
# NOKILL=1: no kills, no error gate, no guardian (every finding live in the targets); KILLDEF=1: the default kill rules (retire_min_outcomes 5)
D=$1; C=$2; shift 2
{
echo "name: cliff"
echo "seed: 7"
echo "data:"
echo "  findings: data/findings.arrow"
echo "  prices: data/prices.arrow"
echo "  agents: data/agents.arrow"
[ -f $D/data/regime.csv ] && echo "  regime: data/regime.csv"
echo "clock:"
echo "  cadence: $C"
echo "reconcile:"
echo "  horizon_hours: 24"
echo "  error_abs_bps: 500"
echo "allocator:"
echo "  variant: risk-penalized"
[ -n "$NOKILL" ] && printf "  params:\n    max_error_rate: 1\n"
echo "targets:"
echo "  max_symbol_weight: 0.05"
echo "governor:"
echo "  reallocation_threshold: 0.0005"
[ -n "$NOKILL" ] && printf "  guardian:\n    enabled: false\n"
echo "kill:"
[ -n "$NOKILL" ] && echo "  enabled: false"
if [ -n "$KILLDEF" ]; then echo "  retire_min_outcomes: 5"; else
echo "  kill_error_rate: 0.3"
echo "  retire_pnl_sum_bps: -5000"
echo "  retire_drawdown_bps: -20000"; fi
for l in "$@"; do echo "$l"; done
} > $D/scenario.yaml

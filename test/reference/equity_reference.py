#!/usr/bin/env python3
"""Independent recomputation of a bt run's equity curve and headline metrics (numpy).

Reads the prices (CSV: ts,symbol,close with ts in epoch ms) and the run's targets.csv
(ts,ts_ms,symbol,weight, times in epoch ms from ts_ms, or from ts in a file without ts_ms:
one row per symbol whose new or old target is non-zero at each rebalance), then applies bt's documented fill rule from scratch:

* a price timestamp first marks every close at that time, then fills every symbol that has
  a pending target and a close at that time, sized on the equity marked after all closes of
  the timestamp: qty = w * E / close; cost = (bps_per_turnover + slippage_bps) / 1e4 * |traded|;
* a rebalance tick at time tau sets every symbol's target (0 where targets.csv lists none);
  at each symbol's next close strictly after tau the position trades to the LATEST target set
  before that close, unless that target is 0 and nothing is held (a cancelled target never fills);
* the equity curve has one point per price timestamp from the run's start on.

Metrics: simple returns of the curve with the initial capital prepended; Sharpe =
mean / sd(ddof 1) * sqrt(N); max drawdown = -min(W / cummax(max(1, W)) - 1) on compounded
wealth; annualized return = prod(1 + r)^(N / n) - 1.

usage: equity_reference.py PRICES.csv TARGETS.csv INITIAL_CAPITAL COST_BPS START_MS N
prints JSON {"ts": [...], "equity": [...], "sharpe", "max_drawdown", "annualized_return"}
"""
import csv
import json
import sys

import numpy as np


def main() -> None:
    prices_path, targets_path, capital, cost_bps, start_ms, periods = sys.argv[1:7]
    capital = float(capital)
    cost = float(cost_bps) / 1e4
    start_ms = float(start_ms)
    periods = float(periods)

    with open(prices_path) as f:
        prices = [(float(r["ts"]), r["symbol"], float(r["close"])) for r in csv.DictReader(f)]
    with open(targets_path) as f:
        target_rows = [(float(r.get("ts_ms", r["ts"])), r["symbol"], float(r["weight"])) for r in csv.DictReader(f)]

    rebalances = {}
    for ts, sym, w in target_rows:
        rebalances.setdefault(ts, {})[sym] = w
    rebalance_times = sorted(rebalances)

    by_time = {}
    for ts, sym, close in prices:
        by_time.setdefault(ts, []).append((sym, close))
    times = sorted(set(list(by_time) + rebalance_times))

    cash = capital
    qty = {}
    last = {}
    target = {}
    changed = set()
    curve_ts, curve = [], []
    for t in times:
        # Prices at t come before a rebalance tick at t (bt's kind order).
        if t in by_time:
            for sym, close in by_time[t]:
                last[sym] = close
            equity = cash + sum(q * last[s] for s, q in qty.items() if q != 0)
            for sym, _ in by_time[t]:
                if sym in changed:
                    changed.discard(sym)
                    w = target.get(sym, 0.0)
                    if w == 0 and qty.get(sym, 0.0) == 0:
                        continue
                    close = last[sym]
                    q_new = w * equity / close
                    traded = (q_new - qty.get(sym, 0.0)) * close
                    cash -= traded + cost * abs(traded)
                    qty[sym] = q_new
            if t > start_ms:  # the initial capital at the start is the curve's base: a close at the start adds no point
                curve_ts.append(t)
                curve.append(cash + sum(q * last[s] for s, q in qty.items() if q != 0))
        if t in rebalances:
            new = rebalances[t]
            for sym in set(new) | set(target) | {s for s, q in qty.items() if q != 0}:
                target[sym] = new.get(sym, 0.0)
                changed.add(sym)

    eq = np.array([capital] + curve)
    r = eq[1:] / eq[:-1] - 1
    sd = r.std(ddof=1)
    sharpe = None if sd == 0 else float(r.mean() / sd * np.sqrt(periods))
    wealth = np.cumprod(1 + r)
    peak = np.maximum.accumulate(np.maximum(wealth, 1.0))
    mdd = float(-(wealth / peak - 1).min())
    ann = float(np.prod(1 + r) ** (periods / len(r)) - 1)
    print(json.dumps({"ts": curve_ts, "equity": curve, "sharpe": sharpe, "max_drawdown": mdd, "annualized_return": ann}))


if __name__ == "__main__":
    main()

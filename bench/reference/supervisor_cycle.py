#!/usr/bin/env python3
"""Seed-Python baseline: a straight port of the seeds' supervisor cycle over a bench workload.

The way the live Python system would replay history, written the way the seeds write it
(dicts, lists, one pass per cycle, numpy where the seeds would reach for it): prices,
findings and reconciliations merged on one clock (prices, findings, reconciliations, ticks
at equal times, as bt), and at each daily tick
  confidence decay   seed 003 update_confidence_multipliers (last 8000 rows, 250-row tails)
  strategy CVaR      seed 003 section 5 (gap_cvar95_bps of pnl_error_bps per class, 30 d)
  agent weights      seed 001 compute_weights (gates, concave score, penalties, 25% cap)
  retirement / kill  seed 004 (pnl_sum_bps, drawdown or error rate past the scenario's lines)
  symbol targets     seed 000 CapitalAllocator.allocate over the live findings
  governor           seed 002 guardian pause / resume, reallocation threshold
then fills at each symbol's next close with bt's cost model. It is a baseline for speed,
not a parity reference: bt's default mode corrects seed quirks this port keeps, so final
equity differs; the event counts must equal bt's.

Reads the CSV that bench/export-csv.ts writes. Prints one JSON object.
    python3 bench/reference/supervisor_cycle.py DIR [--days N]   (N: replay only the first N days)
"""
import argparse
import heapq
import json
import math
import time
from collections import defaultdict, deque

from seed_steps import (  # noqa: F401 (allocate is used by the tests)
    COST_RATE, DAY_MS, HORIZON_HOURS, HOUR_MS, INITIAL_CAPITAL, LIMIT_ROWS, LOOKBACK, PAUSE_DD,
    BPS_PER_SCORE, KILL_ERROR_RATE, REALLOCATION_THRESHOLD, RESUME_DD, RETIRE_DRAWDOWN_BPS, RETIRE_MIN_OUTCOMES, RETIRE_PNL_SUM_BPS,
    agent_stats, allocate, compute_weights, strategy_cvar, update_confidence_multipliers,
)


def read_csv(path, stop_ms=None):
    """Rows of a CSV as tuples of floats, stopping at the first row later than stop_ms."""
    rows = []
    with open(path) as f:
        next(f)
        for line in f:
            r = tuple(float(x) for x in line.split(","))
            if stop_ms is not None and r[0] > stop_ms:
                break
            rows.append(r)
    return rows


def read_agents(path):
    agents = []
    with open(path) as f:
        next(f)
        for line in f:
            aid, name, strategy, weight, enabled = line.rstrip("\n").split(",")
            agents.append({"id": int(aid), "name": name, "strategy": strategy, "weight": float(weight), "enabled": enabled == "1"})
    return agents


class Book:
    """Cash, quantities, last closes and pending target weights (filled at the next close)."""

    def __init__(self, n_symbols):
        self.cash = INITIAL_CAPITAL
        self.qty = [0.0] * n_symbols
        self.last = [float("nan")] * n_symbols
        self.pending = {}
        self.targets = {}
        self.peak = INITIAL_CAPITAL

    def equity(self):
        return self.cash + sum(q * c for q, c in zip(self.qty, self.last) if q != 0.0)


def tick(st, t):
    """One supervisor cycle at t; returns True when it set new targets."""
    book, agents = st["book"], st["agents"]
    st["mult"] = update_confidence_multipliers(st["recon"], st["mult"])
    cvar = strategy_cvar(st["class_outcomes"], t)
    stats = agent_stats(agents, st["outcomes"], t)
    for name, s in stats.items():
        if s["n"] >= RETIRE_MIN_OUTCOMES and (s["pnl_sum_bps"] <= RETIRE_PNL_SUM_BPS or s["max_drawdown_bps"] <= RETIRE_DRAWDOWN_BPS or s["error_rate"] > KILL_ERROR_RATE):
            st["retired"].add(name)
    weights = compute_weights(stats, st["mult"], cvar)
    config = {a["name"]: {"enabled": a["enabled"] and a["name"] not in st["retired"], "weight": weights.get(a["name"], 0.0)} for a in agents}
    live = [f for f in st["live"].values() if f["direction"] > 0]
    targets = allocate(live, config)
    equity = book.equity()
    dd = 1 - equity / book.peak if book.peak > 0 else 0
    if not st["paused"] and dd > PAUSE_DD:
        st["paused"] = True
    elif st["paused"] and dd < RESUME_DD:
        st["paused"] = False
    if st["paused"]:
        return False
    symbols = set(targets) | set(book.targets)
    if book.targets and max((abs(targets.get(s, 0.0) - book.targets.get(s, 0.0)) for s in symbols), default=0.0) < REALLOCATION_THRESHOLD:
        return False
    for s in symbols | {s for s, q in enumerate(book.qty) if q != 0.0}:
        book.pending[s] = targets.get(s, 0.0)
    book.targets = targets
    return True


def reconcile(st, seq, t):
    f = st["live"].pop(seq)
    exit_close = st["book"].last[f["symbol"]]
    realized = f["direction"] * (exit_close / f["entry"] - 1) * 1e4
    expected = BPS_PER_SCORE * f["confidence"] * f["severity_mult"]
    err = realized - expected
    agent = st["agents"][f["agent_id"]]
    st["recon"].append({"agent": agent["name"], "horizon_hours": f["horizon_hours"], "realized_pnl_bps": realized, "abs_error_bps": abs(err), "pnl_error_bps": err})
    if len(st["recon"]) > 2 * LIMIT_ROWS:
        del st["recon"][:LIMIT_ROWS]  # the seed re-reads only the last LIMIT_ROWS rows
    st["outcomes"][f["agent_id"]].append((t, realized, abs(err), err))
    st["class_outcomes"][agent["strategy"]].append((t, err))


def price_block(st, prices, pi, t, counts):
    """Marks every close at t, then fills the pending targets of the symbols priced at t."""
    book = st["book"]
    priced = []
    while pi < len(prices) and prices[pi][0] == t:
        s = int(prices[pi][1])
        book.last[s] = prices[pi][2]
        priced.append(s)
        pi += 1
        counts["prices"] += 1
    if book.pending:
        equity = book.equity()
        for s in priced:
            w = book.pending.pop(s, None)
            if w is None:
                continue
            close = book.last[s]
            q_after = w * equity / close
            traded = (q_after - book.qty[s]) * close
            book.cash -= traded + COST_RATE * abs(traded)
            book.qty[s] = q_after
    book.peak = max(book.peak, book.equity())
    return pi


def replay(prices, findings, agents, n_symbols, start_ms, end_ms):
    st = {"book": Book(n_symbols), "agents": agents, "n_symbols": n_symbols, "mult": {}, "recon": [], "outcomes": defaultdict(lambda: deque(maxlen=LOOKBACK)),
          "class_outcomes": defaultdict(deque), "live": {}, "retired": set(), "paused": False}
    counts = {"prices": 0, "findings": 0, "reconciliations": 0, "ticks": 0, "rebalances": 0}
    due = []
    tick_t = math.ceil(start_ms / DAY_MS) * DAY_MS
    pi = fi = 0
    inf = float("inf")
    while True:
        tp = prices[pi][0] if pi < len(prices) else inf
        tf = findings[fi][0] if fi < len(findings) else inf
        tr = due[0][0] if due else inf
        tt = tick_t if tick_t <= end_ms else inf
        t = min(tp, tf, tr, tt)
        if t == inf or t > end_ms:
            break
        if tp == t:
            pi = price_block(st, prices, pi, t, counts)
        elif tf == t:
            while fi < len(findings) and findings[fi][0] == t:
                ts, a, s, conf, sev, direction, h = findings[fi]
                h = HORIZON_HOURS if math.isnan(h) else h
                st["live"][fi] = {"agent": agents[int(a)]["name"], "agent_id": int(a), "symbol": int(s), "confidence": conf, "severity_mult": sev, "direction": direction, "horizon_hours": h, "entry": st["book"].last[int(s)]}
                heapq.heappush(due, (ts + h * HOUR_MS, fi))
                fi += 1
                counts["findings"] += 1
        elif tr == t:
            while due and due[0][0] == t:
                reconcile(st, heapq.heappop(due)[1], t)
                counts["reconciliations"] += 1
        else:
            counts["rebalances"] += tick(st, t)
            counts["ticks"] += 1
            tick_t += DAY_MS
    return counts, st["book"].equity()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--days", type=float, default=None, help="replay only the first N days (a prefix)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    agents = read_agents(f"{args.dir}/agents.csv")
    with open(f"{args.dir}/symbols.csv") as f:
        n_symbols = sum(1 for _ in f) - 1
    with open(f"{args.dir}/prices.csv") as f:
        next(f)
        first_ms = float(next(f).split(",")[0])
    stop_ms = first_ms + args.days * DAY_MS if args.days is not None else None
    prices = read_csv(f"{args.dir}/prices.csv", stop_ms)
    findings = read_csv(f"{args.dir}/findings.csv", stop_ms)
    t1 = time.perf_counter()
    c1 = time.process_time()
    start_ms = min(prices[0][0], findings[0][0] if findings else prices[0][0])
    end_ms = max(prices[-1][0], findings[-1][0] if findings else prices[-1][0])
    counts, equity = replay(prices, findings, agents, n_symbols, start_ms, end_ms)
    t2 = time.perf_counter()
    c2 = time.process_time()
    counts["events"] = counts["prices"] + counts["findings"] + counts["reconciliations"] + counts["ticks"]
    print(json.dumps({**counts, "load_seconds": t1 - t0, "replay_seconds": t2 - t1, "replay_cpu_seconds": c2 - c1, "final_equity": equity, "days": args.days, "end_ms": end_ms}, sort_keys=True))


if __name__ == "__main__":
    main()

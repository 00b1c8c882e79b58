"""The seeds' supervisor steps, ported straight (seed 000, 001, 003), for supervisor_cycle.py.

Plain functions over the dicts and lists the seeds use; the settings are the bench
scenario's (bt's defaults, bench/workloads.ts).
"""
import math
from collections import defaultdict

import numpy as np

HOUR_MS = 3_600_000
DAY_MS = 86_400_000

# The bench scenario's settings (bench/workloads.ts: bt's defaults but error_abs_bps,
# reallocation_threshold, kill_error_rate and the retirement lines).
HORIZON_HOURS = 24
BPS_PER_SCORE = 10.0
ERROR_ABS_BPS = 500.0
LOOKBACK = 250
LONG_WINDOW_MS = 30 * DAY_MS
SHORT_WINDOW_MS = 7 * DAY_MS
HALF_LIFE_SIGNALS = 80
LOSS_K_BPS = 50.0
FLOOR, CEIL, PENALTY_CAP, LOSS_AMPLIFIER = 0.50, 1.10, 0.08, 1.3
STABILITY_BOOST, STABILITY_GOOD_ERR_BPS, STABILITY_MIN_GOOD = 0.02, 30.0, 10
LIMIT_ROWS = 8000
CVAR_WINDOW_MS, CVAR_LEVEL, CVAR_MIN_N, CVAR_MAX_OUTCOMES = 30 * DAY_MS, 0.95, 20, 5000
MAX_WEIGHT, CVAR_PENALTY_K, DD_PENALTY_K, MAX_ERROR_RATE = 0.25, 0.015, 0.01, 0.15
RETIRE_PNL_SUM_BPS, RETIRE_DRAWDOWN_BPS, RETIRE_MIN_OUTCOMES, KILL_ERROR_RATE = -5000.0, -20000.0, 30, 0.3
MAX_AGENT_WEIGHT, MAX_SYMBOL_WEIGHT, CASH_BUFFER = 0.25, 0.05, 0.10
REALLOCATION_THRESHOLD, PAUSE_DD, RESUME_DD = 0.0005, 0.2, 0.1
COST_RATE = (5 + 2) / 1e4
INITIAL_CAPITAL = 1_000_000.0


def sigmoid_penalty(abs_error_bps):
    x = max(0.0, float(abs_error_bps))
    return (x / (x + LOSS_K_BPS)) * PENALTY_CAP


def update_confidence_multipliers(recon, prev_mult):
    """Seed 003, with the jsonl file replaced by the in-memory reconciled rows."""
    rows = [r for r in recon[-LIMIT_ROWS:] if int(r["horizon_hours"]) == HORIZON_HOURS]
    by_agent = defaultdict(list)
    for r in rows:
        by_agent[r["agent"]].append(r)
    lam = math.log(2.0) / max(HALF_LIFE_SIGNALS, 1)
    multipliers = dict(prev_mult)
    for agent, agent_rows in by_agent.items():
        m = float(prev_mult.get(agent, 1.0))
        good = bad = 0
        n = len(agent_rows)
        tail = agent_rows[-250:]
        for i, r in enumerate(tail):
            abs_err = r["abs_error_bps"]
            realized = r["realized_pnl_bps"]
            age = n - 1 - (n - len(tail) + i)
            pen = sigmoid_penalty(abs_err) * math.exp(-lam * max(age, 0))
            if realized < 0:
                pen *= LOSS_AMPLIFIER
            m *= 1.0 - pen
            if realized > 0 and abs_err <= STABILITY_GOOD_ERR_BPS:
                good += 1
            if realized < 0 and abs_err >= STABILITY_GOOD_ERR_BPS * 2:
                bad += 1
        if good >= STABILITY_MIN_GOOD and bad == 0:
            m *= 1.0 + STABILITY_BOOST
        multipliers[agent] = round(max(FLOOR, min(CEIL, m)), 4)
    return multipliers


def strategy_cvar(class_outcomes, t):
    """Seed 003 section 5: per class, CVaR95 of pnl_error_bps over the window (lower tail)."""
    out = {}
    for cls, q in class_outcomes.items():
        while q and q[0][0] <= t - CVAR_WINDOW_MS:
            q.popleft()
        if len(q) < CVAR_MIN_N:
            continue
        x = np.fromiter((e for _, e in list(q)[-CVAR_MAX_OUTCOMES:]), dtype=float)
        var = np.quantile(x, 1 - CVAR_LEVEL)
        below = x[x < var]
        out[cls] = {"gap_cvar95_bps": float(below.mean()) if below.size else float(var)}
    return out


def agent_stats(agents, outcomes, t):
    """build_meta_report's per-agent fields over the last LOOKBACK outcomes and the time windows."""
    stats = {}
    for a in agents:
        rows = outcomes[a["id"]]
        if not rows:
            continue
        arr = np.array(rows, dtype=float)  # columns: ts, realized, abs_err, pnl_err
        pnl = arr[:, 1]
        cum = np.cumsum(pnl)
        dd = float(np.min(cum - np.maximum.accumulate(np.maximum(cum, 0.0))))
        long_ = pnl[arr[:, 0] > t - LONG_WINDOW_MS]
        short = pnl[arr[:, 0] > t - SHORT_WINDOW_MS]
        sharpe = float(long_.mean() / long_.std(ddof=1)) if long_.size >= 2 and long_.std(ddof=1) > 0 else float("nan")
        stats[a["name"]] = {
            "n": len(rows), "pnl_sum_bps": float(pnl.sum()), "hit_rate": float((pnl > 0).mean()),
            "error_rate": float((arr[:, 2] > ERROR_ABS_BPS).mean()), "avg_abs_error_bps": float(arr[:, 2].mean()),
            "avg_pnl_error_bps": float(arr[:, 3].mean()), "max_drawdown_bps": dd, "strategy": a["strategy"],
            "pnl_7d": float(short.sum()), "sharpe_30d": sharpe, "winrate_30d": float((long_ > 0).mean()) if long_.size else float("nan"),
        }
    return stats


def compute_weights(stats, conf_mult, cvar):
    """Seed 001 compute_weights."""
    raw = {}
    for name, s in stats.items():
        pnl, hit, err = s["pnl_sum_bps"], s["hit_rate"], s["error_rate"]
        if err > MAX_ERROR_RATE or pnl <= 0:
            continue
        q = math.sqrt(max(pnl, 0)) * (0.6 + hit)
        q *= conf_mult.get(name, 1.0)
        q *= 1.0 / (1.0 + s["avg_abs_error_bps"] / 75.0)
        strat_cvar = cvar.get(s["strategy"], {}).get("gap_cvar95_bps", 0)
        if strat_cvar < 0:
            q *= max(0.25, 1.0 + strat_cvar * CVAR_PENALTY_K)
        dd = s["max_drawdown_bps"]
        if dd < 0:
            q *= max(0.4, 1.0 + dd * DD_PENALTY_K)
        if q > 0:
            raw[name] = q
    total = sum(raw.values())
    if total <= 0:
        return {}
    capped, excess = {}, 0.0
    for k, v in raw.items():
        w = v / total
        capped[k] = min(w, MAX_WEIGHT)
        excess += max(0.0, w - MAX_WEIGHT)
    if excess > 0:
        free = sum(v for v in capped.values() if v < MAX_WEIGHT)
        if free > 0:
            for k in capped:
                if capped[k] < MAX_WEIGHT:
                    capped[k] += excess * (capped[k] / free)
    return {k: round(v, 6) for k, v in capped.items()}


def allocate(findings, agent_config):
    """Seed 000 CapitalAllocator.allocate: symbol weights (fractions of equity)."""
    raw = defaultdict(float)
    for f in findings:
        cfg = agent_config.get(f["agent"])
        if not cfg or not cfg.get("enabled", False):
            continue
        raw[f["symbol"]] += min(cfg.get("weight", 0), MAX_AGENT_WEIGHT) * f["confidence"] * f["severity_mult"]
    total = sum(raw.values())
    if total == 0:
        return {}
    normalized = {s: min(w / total, MAX_SYMBOL_WEIGHT) for s, w in raw.items()}
    cash = max(CASH_BUFFER, 1.0 - sum(normalized.values()))
    scale = (1.0 - cash) / max(sum(normalized.values()), 1e-9)
    return {s: w * scale for s, w in normalized.items()}

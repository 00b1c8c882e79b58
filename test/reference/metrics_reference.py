#!/usr/bin/env python3
"""Independent reference values for engine/metrics (numpy only).

Each formula is written from the R PerformanceAnalytics source (named per function), not
from bt's TypeScript. Run from the repo root:

    python3 test/reference/metrics_reference.py

Writes test/fixtures/metrics/reference.json. Undefined values are null with no reason here
(the reasons are bt's business); the tests compare values within 1e-9.
"""
import csv
import json
import math
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "metrics", "reference.json")


def r_quantile_type7(x, p):
    """R quantile.default(type=7): index = 1 + (n-1)p; (1-h) x[lo] + h x[hi]."""
    xs = np.sort(x)
    n = len(xs)
    index = 1 + max(n - 1, 0) * p
    lo = math.floor(index)
    hi = math.ceil(index)
    q = xs[lo - 1]
    if index > lo and xs[hi - 1] != q:
        h = index - lo
        q = (1 - h) * q + h * xs[hi - 1]
    # numpy's linear method is the same estimator; they differ only by rounding.
    assert abs(q - np.quantile(x, p)) <= 1e-15 * max(1.0, abs(q))
    return float(q)


def pa_checked(x):
    """PerformanceAnalytics VaR()/ES() reasonableness checks on a tail return."""
    if x > 0:
        return None  # inverse risk -> NA
    if x < -1:
        return -1.0  # risk over 100% -> 1 (inverted: -1)
    return float(x)


def drawdowns(r):
    """PerformanceAnalytics Drawdowns(geometric=TRUE): W/cummax(c(1, W))[-1] - 1."""
    w = np.cumprod(1 + r)
    peak = np.maximum.accumulate(np.concatenate([[1.0], w]))[1:]
    return w / peak - 1, w, peak


def drawdown_detail(r):
    dd, w, peak = drawdowns(r)
    longest = run = 0
    for v in dd:
        run = run + 1 if v < 0 else 0
        longest = max(longest, run)
    if len(r) == 0 or dd.min() >= 0:
        return dict(peak_index=None, start_index=None, trough_index=None, recovery_index=None, longest_duration=longest)
    trough = int(np.argmin(dd))
    p = peak[trough]
    peak_index = -1
    for i in range(trough, -1, -1):
        if w[i] == p:
            peak_index = i
            break
    recovery = None
    for i in range(trough + 1, len(r)):
        if dd[i] >= 0:
            recovery = i
            break
    return dict(peak_index=peak_index, start_index=peak_index + 1, trough_index=trough,
                recovery_index=recovery, longest_duration=longest)


def metrics(r, N, rf=0.0, mar=0.0, level=0.95):
    r = np.asarray(r, dtype=float)
    n = len(r)
    out = dict(n=n)
    if n == 0:
        for k in ["total_return", "annualized_return", "annualized_volatility", "sharpe", "sortino",
                  "max_drawdown", "calmar", "var_95", "cvar_95", "skewness", "excess_kurtosis",
                  "hit_rate", "best", "worst"]:
            out[k] = None
        return out
    wealth = float(np.prod(1 + r))                      # Return.cumulative
    out["total_return"] = wealth - 1
    out["annualized_return"] = wealth ** (N / n) - 1 if wealth >= 0 else None  # Return.annualized
    constant = bool(np.all(r == r[0]))
    sd = float(np.std(r, ddof=1)) if n > 1 else None   # sd()
    out["annualized_volatility"] = (0.0 if constant else sd * math.sqrt(N)) if n > 1 else None  # StdDev.annualized
    out["sharpe"] = (np.mean(r - rf) * N) / (sd * math.sqrt(N)) if n > 1 and not constant else None  # SharpeRatio.annualized(geometric=FALSE)
    below = r[r < mar]
    ddev = math.sqrt(np.sum((mar - below) ** 2 / n))   # DownsideDeviation(method="full")
    out["sortino"] = float(np.mean(r - mar) / ddev * math.sqrt(N)) if ddev > 0 else None  # SortinoRatio * sqrt(N)
    dd, _, _ = drawdowns(r)
    mdd = float(-dd.min()) if dd.min() < 0 else 0.0     # maxDrawdown (invert=TRUE)
    out["max_drawdown"] = mdd
    ann = out["annualized_return"]
    out["calmar"] = ann / abs(mdd) if ann is not None and mdd != 0 else None  # CalmarRatio
    alpha = 1 - level                                   # .setalphaprob(p) for p >= 0.51
    q = r_quantile_type7(r, alpha)                      # VaR.historical
    out["var_95"] = pa_checked(q)
    tail = r[r < q]                                     # ES.historical: r[r < q]
    es = float(np.mean(tail)) if len(tail) else q       # empty tail: ES = VaR
    out["cvar_95"] = pa_checked(es)
    if constant:
        out["skewness"] = out["excess_kurtosis"] = None
    else:
        d = r - np.mean(r)
        m2, m3, m4 = np.mean(d ** 2), np.mean(d ** 3), np.mean(d ** 4)
        out["skewness"] = float(m3 / m2 ** 1.5)           # skewness(method="moment")
        out["excess_kurtosis"] = float(m4 / m2 ** 2 - 3)  # kurtosis(method="excess")
    out["hit_rate"] = float(np.mean(r > 0))
    out["best"] = float(r.max())
    out["worst"] = float(r.min())
    out["drawdown"] = drawdown_detail(r)
    # empyrical conventions (stats.py): max_drawdown negative, CVaR = mean of k+1 smallest.
    k = int((n - 1) * alpha)
    out["empyrical"] = dict(
        max_drawdown=-mdd,
        var=float(np.percentile(r, 100 * alpha)),
        cvar=float(np.mean(np.partition(r, k)[: k + 1])),
    )
    return {k2: (float(v) if isinstance(v, (np.floating,)) else v) for k2, v in out.items()}


def read_columns(path):
    """Date column + return columns; an empty field is missing; each column keeps its non-missing values."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    cols = {}
    for j, name in enumerate(header[1:], start=1):
        cols[name] = np.array([float(row[j]) for row in body if row[j] != ""])
    return cols


def synthetic():
    rng = np.random.default_rng(20240611)
    normal = rng.normal(0.0004, 0.011, 1500)
    fat = rng.standard_t(3, 600) * 0.02
    tie21 = np.round(rng.normal(0, 0.02, 21), 6)  # n = 21: R's alpha 1-0.95 lands just above index 2
    cases = [
        dict(name="mixed7", returns=[0.01, -0.02, 0.015, -0.005, 0.03, -0.04, 0.02], N=252),
        dict(name="one_period_gain", returns=[0.05], N=12),
        dict(name="one_period_loss", returns=[-0.03], N=12),
        dict(name="constant", returns=[0.01] * 10, N=12),
        dict(name="all_negative", returns=[-0.01, -0.02, -0.005, -0.03], N=12),
        dict(name="all_positive", returns=[0.01, 0.02, 0.005], N=12),
        dict(name="minus_100", returns=[0.1, -1.0, 0.2, 0.05], N=252),
        dict(name="loss_over_100", returns=[0.05, -1.5, 0.1, 0.02], N=12),
        dict(name="zeros_and_gains", returns=[0.0, 0.0, 0.01, 0.0], N=52),
        dict(name="normal1500", returns=normal.tolist(), N=252),
        dict(name="normal1500_rf_mar", returns=normal.tolist(), N=252, rf=0.0001, mar=0.0002),
        dict(name="student_t600_level99", returns=fat.tolist(), N=252, level=0.99),
        dict(name="tie21", returns=tie21.tolist(), N=12),
        dict(name="recovered", returns=[0.1, -0.5, 1.0, 0.1, -0.1], N=12),
    ]
    for c in cases:
        c["expected"] = metrics(c["returns"], c["N"], c.get("rf", 0.0), c.get("mar", 0.0), c.get("level", 0.95))
    return cases


def main():
    sp = read_columns(os.path.join(ROOT, "node_modules", "vega-datasets", "data", "sp500-2000.csv"))
    close = sp["close"]
    sp_returns = close[1:] / close[:-1] - 1             # Return.calculate(method="discrete")
    data = dict(
        synthetic=synthetic(),
        sp500_close=dict(periods_per_year=252, expected=metrics(sp_returns, 252)),
        edhec={k: metrics(v, 12) for k, v in read_columns(os.path.join(ROOT, "test", "fixtures", "data", "edhec.csv")).items()},
        managers={k: metrics(v, 12) for k, v in read_columns(os.path.join(ROOT, "test", "fixtures", "data", "managers.csv")).items()},
    )
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

"""Calibration of the quickstart's horizon-dependent constants, from the raw prices alone.

Independent of bt: reads vega-datasets' stocks.csv and sp500-2000.csv (SPX: close of each
month's first trading day, as datasets/generate does), and replays zero-skill agents over them:
3 calls a month on a random symbol with a random direction, each held three months (the
quickstart's 2232 h horizon: the close at or before t + 93 days). What it prints is what a
desk with no edge at all would see on these prices, and scenarios/quickstart.yaml sets its
thresholds from it (the comments there quote these figures).

Run: python3 test/reference/quickstart_calibration.py > test/reference/quickstart_calibration.txt
"""
import csv
import datetime as dt
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'node_modules', 'vega-datasets', 'data')
HORIZON = dt.timedelta(hours=2232)
CALLS_PER_MONTH = 3
LOOKBACK = 72  # stats.lookback_outcomes in the scenario
MIN_OUTCOMES = 36  # kill.retire_min_outcomes
ERROR_ABS_BPS = 5000  # reconcile.error_abs_bps
AGENTS = 2000


def monthly_closes():
    closes = {}
    with open(os.path.join(DATA, 'stocks.csv')) as f:
        for r in csv.DictReader(f):
            d = dt.datetime.strptime(r['date'], '%b %d %Y')
            closes.setdefault(r['symbol'], {})[d] = float(r['price'])
    first = {}
    with open(os.path.join(DATA, 'sp500-2000.csv')) as f:
        for r in csv.DictReader(f):
            d = dt.datetime.strptime(r['date'], '%Y-%m-%d')
            key = dt.datetime(d.year, d.month, 1)
            if key not in first and key <= dt.datetime(2010, 3, 1):
                first[key] = float(r['close'])
    closes['SPX'] = first
    return closes


def three_month_moves(closes):
    """Per month t: the (symbol, 3-month move in bps) pairs a call at t can take."""
    months = sorted({d for s in closes.values() for d in s})
    out = []
    for t in months:
        opts = []
        for s in sorted(closes):
            c = closes[s]
            if t not in c:
                continue
            later = [d for d in c if t < d <= t + HORIZON]
            if not later or max(later) + dt.timedelta(days=31) <= t + HORIZON:
                continue  # needs the bar three months on
            opts.append((c[max(later)] / c[t] - 1.0) * 1e4)
        if opts:
            out.append((t, np.array(opts)))
    return out


def decay_multiplier(pnl, abs_err, half_life, loss_k, cap=0.08, amp=1.3, floor=0.5, ceil=1.1):
    """Default-mode decay (docs/modules/decay.md) over the rows given, oldest first."""
    m = 1.0
    n = len(pnl)
    for i in range(n):
        age = n - 1 - i
        x = max(0.0, abs_err[i])
        pen = x / (x + loss_k) * cap * math.exp(-math.log(2) / half_life * age)
        if pnl[i] < 0:
            pen *= amp
        m *= 1.0 - pen
    return min(ceil, max(floor, m))


def pct(a, qs):
    return ' '.join(f'p{q}={np.percentile(a, q):.0f}' for q in qs)


def main():
    moves = three_month_moves(monthly_closes())
    allm = np.concatenate([m for _, m in moves])
    absm = np.abs(allm)
    print(f'3-month moves: n={len(allm)} sd={allm.std():.0f} bps, |move| median={np.median(absm):.0f} bps')
    print(f'  share of |move| > {ERROR_ABS_BPS} bps: {np.mean(absm > ERROR_ABS_BPS):.3f}')
    rng = np.random.default_rng(20240601)
    dd, min_sum, max_err, m_final, m_mid = [], [], [], [], []
    for _ in range(AGENTS):
        pnl = []
        for _, m in moves:
            pick = rng.integers(0, len(m), CALLS_PER_MONTH)
            sign = rng.choice([-1.0, 1.0], CALLS_PER_MONTH)
            pnl.extend(m[pick] * sign)
        pnl = np.array(pnl)
        cum = np.cumsum(pnl)
        dd.append(np.min(cum - np.maximum.accumulate(np.maximum(cum, 0.0))))
        cs = np.concatenate([[0.0], cum])
        ce = np.concatenate([[0.0], np.cumsum(np.abs(pnl) > ERROR_ABS_BPS)])
        ends = np.arange(MIN_OUTCOMES, len(pnl) + 1)
        starts = np.maximum(0, ends - LOOKBACK)
        min_sum.append(np.min(cs[ends] - cs[starts]))
        max_err.append(np.max((ce[ends] - ce[starts]) / (ends - starts)))
        w = slice(len(pnl) - LOOKBACK, len(pnl))
        m_final.append(decay_multiplier(pnl[w], np.abs(pnl[w]), 18, 5000))
        h = len(pnl) // 2
        m_mid.append(decay_multiplier(pnl[h - LOOKBACK:h], np.abs(pnl[h - LOOKBACK:h]), 18, 5000))
    qs = [5, 25, 50, 75]
    print(f'zero-skill agents ({AGENTS}, {len(pnl)} outcomes each, seeded):')
    print(f'  whole-sample max drawdown bps: {pct(dd, qs)}')
    print(f'  lowest pnl_sum over the last {LOOKBACK} outcomes (from {MIN_OUTCOMES} on) bps: {pct(min_sum, qs)}')
    print(f'  highest error_rate over the last {LOOKBACK} (from {MIN_OUTCOMES} on): ' + ' '.join(f'p{q}={np.percentile(max_err, q):.3f}' for q in [50, 75, 95]))
    print('  decay multiplier (half_life_signals 18, loss_k_bps 5000), last 72 rows:')
    print('    at the end (2010): ' + ' '.join(f'p{q}={np.percentile(m_final, q):.3f}' for q in [5, 50, 95]))
    print('    mid-sample (2005): ' + ' '.join(f'p{q}={np.percentile(m_mid, q):.3f}' for q in [5, 50, 95]))
    print('    seed constants (half_life_signals 80, loss_k_bps 50) mid-sample: '
          + f'{decay_multiplier(pnl[h - LOOKBACK:h], np.abs(pnl[h - LOOKBACK:h]), 80, 50):.3f} (one agent)')


if __name__ == '__main__':
    main()

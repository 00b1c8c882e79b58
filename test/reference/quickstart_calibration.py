"""Calibration of the quickstart's horizon-dependent constants, from the raw prices alone.

Independent of bt: reads vega-datasets' stocks.csv and sp500-2000.csv (SPX: close of each
month's first trading day, as datasets/generate does), and replays zero-skill agents over them:
3 calls a month on a random symbol with a random direction, each held three months (the
quickstart's 2232 h horizon: the close at or before t + 93 days). What it prints is what a
desk with no edge at all would see on these prices, and scenarios/quickstart.yaml sets its
thresholds from it (the comments there quote these figures).

The risk-penalized allocator's two penalty slopes (allocator.params) are set from the same
replay: its factors are max(0.4, 1 + max_drawdown_bps x dd_penalty_k) per agent and
max(0.25, 1 + class_cvar_bps x cvar_penalty_k) per strategy class, the class CVaR being CVaR95
(numpy quantile, type 7; the mean of the values strictly below it) of realized - expected pnl
over the outcomes reconciled in the last cvar.window_days. Each slope puts the no-edge median
halfway between 1 and the factor's floor, so the factor follows an agent's or a class's risk
instead of sitting at the floor for everyone. The expectation (score-linear, 10 bps per score,
at most 20 bps) is left out of the gap: it is 1% of a move's sd.

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
CLASS_SIZES = (2, 3)  # agents per strategy class in the quickstart's desk (12 in five classes)
CVAR_LEVEL = 0.95  # cvar.level
CVAR_MIN_N = 20  # cvar.min_n
CVAR_WINDOWS_DAYS = (30, 365)  # the seed's cvar.window_days, and the quickstart's
CLASSES = 500  # no-edge classes replayed per class size
DD_FLOOR = 0.4  # risk-penalized's drawdown factor floor (seed 001)
CVAR_FLOOR = 0.25  # its CVaR factor floor (seed 001)


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
    """Per month t: the 3-month moves in bps (one per symbol) a call at t can take."""
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


def class_cvars(moves, rng, size, window_days):
    """CVaR95 of a no-edge class of `size` agents at each month start, over the outcomes
    reconciled in the trailing window (None where fewer than min_n): CLASSES classes at once."""
    per_month = size * CALLS_PER_MONTH
    pnl = np.empty((CLASSES, len(moves), per_month))
    for i, (_, m) in enumerate(moves):
        pick = rng.integers(0, len(m), (CLASSES, per_month))
        pnl[:, i, :] = m[pick] * rng.choice([-1.0, 1.0], (CLASSES, per_month))
    due = [t + HORIZON for t, _ in moves]
    out, evaluated = [], 0
    for e in sorted({t for t, _ in moves} | set(due)):
        idx = [i for i, d in enumerate(due) if e - dt.timedelta(days=window_days) < d <= e]
        if not idx:
            continue
        evaluated += 1
        x = pnl[:, idx, :].reshape(CLASSES, -1)
        if x.shape[1] < CVAR_MIN_N:
            continue
        var = np.quantile(x, 1 - CVAR_LEVEL, axis=1)[:, None]
        below = x < var
        cnt = below.sum(axis=1)
        cvar = np.where(cnt > 0, (x * below).sum(axis=1) / np.maximum(cnt, 1), var[:, 0])
        out.extend(cvar)
    return np.array(out), evaluated


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

    dd_med = float(np.median(dd))
    dd_k = (1 - DD_FLOOR) / 2 / -dd_med
    print(f'risk-penalized drawdown factor max({DD_FLOOR}, 1 + max_drawdown_bps x dd_penalty_k):')
    print(f'  seed dd_penalty_k 0.01: at the floor from {-(1 - DD_FLOOR) / 0.01:.0f} bps, '
          f'i.e. for {np.mean(np.array(dd) <= -(1 - DD_FLOOR) / 0.01):.3f} of no-edge agents at the end')
    print(f'  no-edge median drawdown {dd_med:.0f} bps at {1 - (1 - DD_FLOOR) / 2:.2f} (halfway to the floor): '
          f'dd_penalty_k = {dd_k:.3g}; floor from {-(1 - DD_FLOOR) / dd_k:.0f} bps '
          f'(no-edge p5 {np.percentile(dd, 5):.0f}); factor at no-edge p25/p75: '
          f'{1 + np.percentile(dd, 25) * dd_k:.3f}/{1 + np.percentile(dd, 75) * dd_k:.3f}')
    print(f'risk-penalized class CVaR{CVAR_LEVEL * 100:.0f} of realized - expected (min_n {CVAR_MIN_N}), no-edge classes ({CLASSES} per size, seeded):')
    pooled = []
    for days in CVAR_WINDOWS_DAYS:
        for size in CLASS_SIZES:
            cv, evaluated = class_cvars(moves, rng, size, days)
            share = len(cv) / (CLASSES * evaluated)
            line = f'  window {days} d, {size} agents: CVaR defined at {share:.3f} of month starts'
            if len(cv) > 0:
                line += ', bps ' + pct(cv, [5, 25, 50, 75, 95])
                if days == CVAR_WINDOWS_DAYS[-1]:
                    pooled.append(cv)
            print(line)
    cv = np.concatenate(pooled)
    cv_med = float(np.median(cv))
    cv_k = (1 - CVAR_FLOOR) / 2 / -cv_med
    print(f'  seed cvar_penalty_k 0.015: at the floor from {-(1 - CVAR_FLOOR) / 0.015:.0f} bps, '
          f'i.e. for {np.mean(cv <= -(1 - CVAR_FLOOR) / 0.015):.3f} of no-edge class CVaRs ({CVAR_WINDOWS_DAYS[-1]} d)')
    print(f'  pooled ({CVAR_WINDOWS_DAYS[-1]} d, both sizes) bps: ' + pct(cv, [5, 25, 50, 75, 95]))
    print(f'  no-edge median CVaR ({CVAR_WINDOWS_DAYS[-1]} d, both sizes) {cv_med:.0f} bps at {1 - (1 - CVAR_FLOOR) / 2:.3f} '
          f'(halfway to the floor): cvar_penalty_k = {cv_k:.3g}; floor from {-(1 - CVAR_FLOOR) / cv_k:.0f} bps; '
          f'factor at no-edge p5/p95: {max(CVAR_FLOOR, 1 + np.percentile(cv, 5) * cv_k):.3f}/{1 + np.percentile(cv, 95) * cv_k:.3f}')


if __name__ == '__main__':
    main()

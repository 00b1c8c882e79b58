"""Reference figures for bt init's risk-penalized penalty slopes and CVaR window (engine/scenario/starter-penalties.ts), by numpy.

Independent of bt: builds small desks from closed-form prices (starter_thresholds_reference.desk)
with finding times and strategy classes, computes the rule as README "bt init" states it, and
writes inputs and expected outputs to starter_penalties_reference.json, which
test/engine/scenario/starter-penalties.test.ts reads.
  returns          per symbol, close at t -> last close at or before t + horizon (horizon: median horizon_hours)
  drawdown         sqrt(pi / 2) x rms(return) x sqrt(median findings per agent): E[max drawdown] of a driftless walk
  dd_penalty_k     (1 - 0.4) / 2 / drawdown, to 2 significant digits
  cvar             CVaR95 of every return and its negative: numpy linear 5% quantile v, mean of the values < v (v if none)
  cvar_penalty_k   (1 - 0.25) / 2 / -cvar, to 2 significant digits
  window_days      max(30, ceil(2 x min_n x span_days / median findings per class)), span: first to last finding

Run: python3 test/reference/starter_penalties_reference.py
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from starter_thresholds_reference import DAY_MS, HOUR_MS, desk, horizon_returns, write_cases  # noqa: E402

LEVEL, MIN_N = 0.95, 20  # cvar.level, cvar.min_n (defaults)


def with_times(d, step_ms, classes):
    """Adds a time to each finding (agent a's k-th at (3k + a) steps) and each agent's class (classes[a])."""
    seen = {}
    ts, cls = [], []
    for a in d['findingAgent']:
        k = seen.get(a, 0)
        seen[a] = k + 1
        ts.append((3 * k + a) * step_ms)
        cls.append(classes[a])
    return {**d, 'findingTsMs': ts, 'findingClass': cls}


def cvar(x, level):
    v = float(np.quantile(x, 1 - level))
    below = x[x < v]
    return float(np.mean(below)) if len(below) else v


def two_digits(x):
    return float(f'{x:.2g}')


def penalties(d):
    _, r = horizon_returns(d)
    rms = float(np.sqrt(np.mean(r * r)))
    counts = np.bincount(d['findingAgent'])
    per_agent = float(np.median(counts[counts > 0]))
    drawdown = math.sqrt(math.pi / 2) * rms * math.sqrt(per_agent)
    cv = cvar(np.concatenate([r, -r]), LEVEL)
    _, per_class = np.unique(d['findingClass'], return_counts=True)
    class_median = float(np.median(per_class))
    span = (max(d['findingTsMs']) - min(d['findingTsMs'])) / DAY_MS
    window = 2 * MIN_N * span / class_median
    return {
        'rmsReturnBps': rms,
        'noEdgeDrawdownBps': drawdown,
        'ddPenaltyKExact': 0.3 / drawdown,
        'ddPenaltyK': two_digits(0.3 / drawdown),
        'noEdgeCvarBps': cv,
        'cvarPenaltyKExact': 0.375 / -cv,
        'cvarPenaltyK': two_digits(0.375 / -cv),
        'classes': len(per_class),
        'findingsPerClass': class_median,
        'spanDays': span,
        'windowDaysExact': window,
        'cvarWindowDays': max(30, math.ceil(window)),
    }


def main():
    cases = []
    # daily closes with gaps, 48 h calls, three agents in two classes: a finding every 3 days per agent
    a = with_times(desk(3, 120, DAY_MS, 7, 48.0, [40, 31, 55]), DAY_MS, [0, 1, 0])
    cases.append({'name': 'daily closes with gaps, 48 h findings, two classes', 'input': a, 'lookbackOutcomes': 250, 'minOutcomes': 20, 'expected': penalties(a)})
    # hourly closes, 6 h calls, four agents in three classes: the window is the seed's 30 days (the classes fill min_n within hours)
    b = with_times(desk(2, 400, HOUR_MS, 0, 6.0, [150, 120, 175, 160]), HOUR_MS, [0, 1, 2, 2])
    cases.append({'name': 'hourly closes, 6 h findings, three classes', 'input': b, 'lookbackOutcomes': 60, 'minOutcomes': 36, 'expected': penalties(b)})
    write_cases('starter_penalties_reference.json', cases)


if __name__ == '__main__':
    main()

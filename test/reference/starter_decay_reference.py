"""Reference figures for bt init's decay settings and promotion gates (engine/scenario/starter-decay.ts), by numpy.

Independent of bt: builds a small desk from closed-form prices (starter_thresholds_reference.desk),
computes the rule as README "bt init" states it, and writes inputs and expected outputs to
starter_decay_reference.json, which test/engine/scenario/starter-decay.test.ts reads.
  returns            per symbol, close at t -> last close at or before t + horizon (horizon: median horizon_hours)
  window             min(lookback, median findings per agent); outcomes: min(limit_rows, floor(median))
  half_life          round(window / 4), at least 1
  target             floor ** 0.5
  penalty(K)         cap x mean(x / (x + K)) x (1 + amp) / 2 over x = |return| (0 for x = 0)
  log_mult(K)        sum over ages 0 .. outcomes-1 of ln(1 - penalty(K) exp(-ln 2 / half_life x age))
  loss_k             the K where log_mult(K) = ln(target): bisection on [0, hi], hi doubled from 1
  good_err           30th percentile (numpy linear) of |return|, rounded, at least 1
  min_pnl            3 x rms(return) x sqrt(window), rounded
  max_avg_abs_error  ceil(2 x max |return|); min_avg_pnl_error its negative

Run: python3 test/reference/starter_decay_reference.py
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from starter_thresholds_reference import DAY_MS, HOUR_MS, desk, horizon_returns, write_cases  # noqa: E402

FLOOR, CAP, AMP, LIMIT_ROWS = 0.5, 0.08, 1.3, 8000  # the decay defaults (003)


def half_up(x):
    return math.floor(x + 0.5)  # JavaScript's Math.round, not numpy's ties-to-even


def abs_returns(d):
    _, r = horizon_returns(d)
    return np.abs(r), float(np.sqrt(np.mean(r ** 2)))


def log_mult(penalty, half_life, outcomes):
    ages = np.arange(outcomes)
    return float(np.sum(np.log(1.0 - penalty * np.exp(-math.log(2) / max(half_life, 1) * ages))))


def penalty(x, k):
    share = np.where(x > 0, x / (x + k), 0.0)
    return CAP * float(np.mean(share)) * ((1 + AMP) / 2)


def decay(d, lookback, kill_rate):
    x, rms = abs_returns(d)
    counts = np.bincount(d['findingAgent'])
    per_agent = float(np.median(counts[counts > 0]))
    window = min(lookback, per_agent)
    outcomes = min(LIMIT_ROWS, math.floor(per_agent))
    half_life = max(1, half_up(window / 4))
    target = FLOOR ** 0.5
    lt = math.log(target)
    assert log_mult(CAP * float(np.mean(x > 0)) * ((1 + AMP) / 2), half_life, outcomes) < lt
    lo, hi = 0.0, 1.0
    while log_mult(penalty(x, hi), half_life, outcomes) < lt:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid <= lo or mid >= hi:
            break
        if log_mult(penalty(x, mid), half_life, outcomes) < lt:
            lo = mid
        else:
            hi = mid
    k = (lo + hi) / 2
    good = float(np.percentile(x, 30))
    big = math.ceil(2 * float(x.max()))
    return {
        'decayOutcomes': outcomes,
        'targetMultiplier': target,
        'halfLifeSignals': half_life,
        'lossKExactBps': k,
        'lossKBps': max(1, half_up(k)),
        'noEdgeMultiplier': math.exp(log_mult(penalty(x, k), half_life, outcomes)),
        'meanAbsReturnBps': float(np.mean(x)),
        'maxAbsReturnBps': float(x.max()),
        'goodErrQuantileBps': good,
        'stabilityGoodErrBps': max(1, half_up(good)),
        'minPnlSumBps': half_up(3 * rms * math.sqrt(window)),
        'minHitRate': 0.5,
        'maxErrorRate': kill_rate,
        'maxAvgAbsErrorBps': big,
        'minAvgPnlErrorBps': -big,
    }


def main():
    cases = []
    # daily closes with gaps, 48 h calls, three agents: median 40 findings < lookback 250
    a = desk(3, 120, DAY_MS, 7, 48.0, [40, 31, 55])
    cases.append({'name': 'daily closes with gaps, 48 h findings', 'input': a, 'lookbackOutcomes': 250, 'minOutcomes': 20, 'killErrorRate': 0.2, 'expected': decay(a, 250, 0.2)})
    # hourly closes, 6 h calls, a window (60) shorter than the run (median 150 outcomes)
    b = desk(2, 400, HOUR_MS, 0, 6.0, [150, 120, 175, 160])
    cases.append({'name': 'hourly closes, 6 h findings, window 60', 'input': b, 'lookbackOutcomes': 60, 'minOutcomes': 36, 'killErrorRate': 0.14, 'expected': decay(b, 60, 0.14)})
    write_cases('starter_decay_reference.json', cases)


if __name__ == '__main__':
    main()

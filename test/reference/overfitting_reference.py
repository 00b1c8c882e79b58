#!/usr/bin/env python3
"""Independent reference values for engine/sweep/overfitting.ts (numpy + scipy).

Probabilistic Sharpe Ratio: Bailey & Lopez de Prado (2012), "The Sharpe Ratio Efficient
Frontier", eq. 11. Deflated Sharpe Ratio: Bailey & Lopez de Prado (2014), "The Deflated
Sharpe Ratio", eqs. 1-2. Written from the papers, not from bt's TypeScript. Run from the
repo root:

    python3 test/reference/overfitting_reference.py

Writes test/fixtures/sweep/overfitting_reference.json (the return series are included).
"""
import json
import math
import os

import numpy as np
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "sweep", "overfitting_reference.json")
GAMMA = 0.5772156649015329  # Euler-Mascheroni


def psr(sr, n, skew, kurt, sr_star):
    """PSR(SR*) = Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2)), g4 = kurtosis (not excess)."""
    return float(stats.norm.cdf((sr - sr_star) * math.sqrt(n - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr**2)))


def expected_max_sr(n_trials, variance):
    """SR0 = sqrt(V) ((1 - gamma) Z^-1(1 - 1/N) + gamma Z^-1(1 - 1/(N e)))."""
    return float(math.sqrt(variance) * ((1 - GAMMA) * stats.norm.ppf(1 - 1 / n_trials) + GAMMA * stats.norm.ppf(1 - 1 / (n_trials * math.e))))


def main():
    rng = np.random.default_rng(20240601)
    trials = []
    for k in range(8):
        r = 0.0005 * k + 0.03 * rng.standard_t(4 + k, size=150)
        trials.append(r)
    srs = [float(np.mean(r) / np.std(r, ddof=1)) for r in trials]
    best = int(np.argmax(srs))
    r = trials[best]
    sr = srs[best]
    n = len(r)
    skew = float(stats.skew(r, bias=True))
    kurt = float(stats.kurtosis(r, fisher=False, bias=True))
    variance = float(np.var(srs, ddof=1))
    sr0 = expected_max_sr(len(srs), variance)
    out = {
        "trials": [list(map(float, t)) for t in trials],
        "best_index": best,
        "sharpe_per_period": sr,
        "skewness": skew,
        "kurtosis": kurt,
        "psr_0": psr(sr, n, skew, kurt, 0.0),
        "psr_0_05": psr(sr, n, skew, kurt, 0.05),
        "trial_sharpe_variance": variance,
        "expected_max_sharpe": sr0,
        "dsr": psr(sr, n, skew, kurt, sr0),
        "expected_max_sharpe_100_trials_var_0_01": expected_max_sr(100, 0.01),
        "norm_cdf": {str(z): float(stats.norm.cdf(z)) for z in [-9.0, -5.0, -3.1, -2.0, -0.5, 0.0, 0.3, 1.7, 4.2, 8.0]},
        "norm_ppf": {str(p): float(stats.norm.ppf(p)) for p in [1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.9, 0.975, 0.99999]},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

"""Independent reference for bt compare's Sharpe-difference bootstrap (engine/report/compare/).

Inputs: the paired returns a_t = 0.01*sin(t) + 0.002, b_t = 0.012*sin(t + 0.5) + 0.003 (t = 0..39)
and the stationary-bootstrap index draws in compare_bootstrap_indices.csv (one resample per line,
as bt's seeded generator drew them with seed 7, label 'compare-bootstrap:1:b', mean block 3).
Computes the point estimate Sharpe(b) - Sharpe(a) (annualized, ddof 1, 252 periods) and the
2.5% / 97.5% percentiles (numpy default linear interpolation) of the replicates.
Run: python3 test/reference/compare_bootstrap_reference.py > test/reference/compare_bootstrap_reference.json
"""
import json
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
t = np.arange(40, dtype=float)
a = 0.01 * np.sin(t) + 0.002
b = 0.012 * np.sin(t + 0.5) + 0.003
idx = np.loadtxt(os.path.join(here, 'compare_bootstrap_indices.csv'), delimiter=',', dtype=int)


def sharpe(x):
    return x.mean() / x.std(ddof=1) * np.sqrt(252)


reps = np.array([sharpe(b[i]) - sharpe(a[i]) for i in idx])
print(json.dumps({
    'estimate': float(sharpe(b) - sharpe(a)),
    'low': float(np.percentile(reps, 2.5)),
    'high': float(np.percentile(reps, 97.5)),
    'resamples': int(len(reps)),
}, indent=2))

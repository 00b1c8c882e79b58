"""Independent reference for bt compare's Sharpe-difference bootstrap (engine/report/compare/).

Inputs: the paired returns a_t = 0.01*sin(t) + 0.002, b_t = 0.012*sin(t + 0.5) + 0.003 (t = 0..39).
The resamples are drawn here, not read from bt: the seeded stream is reimplemented in
seeded_stream.py (seedrandom ARC4, checked against its published example), and the stationary
bootstrap (Politis & Romano 1994) in stationary_bootstrap.py, from bt's documented recipe: blocks
of a uniform start and a geometric length (mean mean_block), two draws each, wrapping around,
the last cut to n. Seed 7, label
'compare-bootstrap:1:b', mean block 3, 200 resamples of 40 indices, written to
compare_bootstrap_indices.csv (one resample a line) for bt's test to compare with.
Computes the point estimate Sharpe(b) - Sharpe(a) (annualized, ddof 1, 252 periods) and the
2.5% / 97.5% percentiles (numpy default linear interpolation) of the replicates.
Run: python3 test/reference/compare_bootstrap_reference.py > test/reference/compare_bootstrap_reference.json
"""
import json
import os
import numpy as np

from seeded_stream import create_rng
from stationary_bootstrap import stationary_bootstrap

here = os.path.dirname(os.path.abspath(__file__))
N, MEAN_BLOCK, RESAMPLES = 40, 3, 200


u = create_rng(7, 'compare-bootstrap:1:b')
idx = np.array([stationary_bootstrap(N, MEAN_BLOCK, u) for _ in range(RESAMPLES)])
np.savetxt(os.path.join(here, 'compare_bootstrap_indices.csv'), idx, fmt='%d', delimiter=',')

t = np.arange(N, dtype=float)
a = 0.01 * np.sin(t) + 0.002
b = 0.012 * np.sin(t + 0.5) + 0.003


def sharpe(x):
    return x.mean() / x.std(ddof=1) * np.sqrt(252)


reps = np.array([sharpe(b[i]) - sharpe(a[i]) for i in idx])
print(json.dumps({
    'estimate': float(sharpe(b) - sharpe(a)),
    'low': float(np.percentile(reps, 2.5)),
    'high': float(np.percentile(reps, 97.5)),
    'resamples': int(len(reps)),
}, indent=2))

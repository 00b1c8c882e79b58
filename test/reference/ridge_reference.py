"""Reference ridge fit for engine/modules/reconcile/ridge-model.ts (seed 003 §6).

Builds the design matrix X densely (intercept, confidence, severity multiplier, direction,
horizon in days, one indicator per agent, one per class plus one for unclassified), then
beta = solve(X'X + lambda * diag(0, 1, ..., 1), X'y) with numpy: the intercept is not penalized.
Writes the rows (ridge_rows.csv) and the coefficients (ridge_reference.json) the test compares
to 1e-9. Run: python3 test/reference/ridge_reference.py
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N_AGENTS, N_CLASSES, LAMBDA, N = 4, 2, 2.5, 60

rng = np.random.default_rng(13)
conf = rng.uniform(0.1, 1.0, N)
sev = rng.choice([0.5, 1.0, 1.5, 2.0], N)
direction = rng.choice([-1.0, 1.0], N)
horizon_days = rng.choice([1.0, 3.0, 93.0], N)
agent = rng.integers(0, N_AGENTS, N)
class_of_agent = np.array([0, 1, -1, 1])  # agent 2 unclassified
cls = class_of_agent[agent]
# realized pnl: an agent effect, a confidence slope and noise, in bps
y = 40.0 * conf * direction + np.array([15.0, -5.0, 0.0, 8.0])[agent] + rng.normal(0, 60, N)

p = 5 + N_AGENTS + N_CLASSES + 1
X = np.zeros((N, p))
X[:, 0] = 1.0
X[:, 1] = conf
X[:, 2] = sev
X[:, 3] = direction
X[:, 4] = horizon_days
X[np.arange(N), 5 + agent] = 1.0
X[np.arange(N), 5 + N_AGENTS + np.where(cls < 0, N_CLASSES, cls)] = 1.0
D = np.eye(p)
D[0, 0] = 0.0
beta = np.linalg.solve(X.T @ X + LAMBDA * D, X.T @ y)

# first-k fits, as the engine refits on the rows reconciled by each retrain time
prefix = {}
for k in (12, 30, N):
    Xk, yk = X[:k], y[:k]
    prefix[str(k)] = [float(v) for v in np.linalg.solve(Xk.T @ Xk + LAMBDA * D, Xk.T @ yk)]

with open(os.path.join(HERE, 'ridge_rows.csv'), 'w') as f:
    f.write('confidence,severity,direction,horizon_days,agent,cls,y\n')
    for i in range(N):
        f.write(f'{float(conf[i])!r},{float(sev[i])!r},{float(direction[i])!r},{float(horizon_days[i])!r},{int(agent[i])},{int(cls[i])},{float(y[i])!r}\n')
with open(os.path.join(HERE, 'ridge_reference.json'), 'w') as f:
    json.dump({'n_agents': N_AGENTS, 'n_classes': N_CLASSES, 'lambda': LAMBDA, 'coefficients': [float(v) for v in beta], 'prefix_fits': prefix}, f, indent=2, sort_keys=True)
    f.write('\n')

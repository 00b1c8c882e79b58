"""Reference VaR/CVaR of pnl errors per strategy class (numpy), for test/engine/modules/cvar.

Convention: VaR = np.quantile(x, 1 - level) (method 'linear' = R type 7);
CVaR = mean of x[x < VaR], or VaR when no value is strictly below it.
Run: python3 test/reference/strategy_cvar_reference.py > test/reference/strategy_cvar_reference.json
"""
import json

import numpy as np

rng = np.random.default_rng(20240611)
classes = [
    [float(v) for v in np.round(rng.normal(-3.0, 25.0, 200), 4)],
    [float(v) for v in np.round(rng.standard_t(3, 57) * 10.0, 4)],
    [5.0],
    [-1.0, 2.0],
    [0.0, 0.0, 0.0, 0.0],
    [-10.0, -10.0, -10.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
    [],
    [float(v) for v in rng.uniform(-80.0, 60.0, 33)],
]
cases = []
for level in (0.95, 0.9, 0.99, 0.5):
    out = []
    for x in classes:
        if not x:
            out.append({"n": 0, "var_bps": None, "cvar_bps": None})
            continue
        a = np.asarray(x, dtype=np.float64)
        var = float(np.quantile(a, 1.0 - level))
        below = a[a < var]
        cvar = float(below.mean()) if below.size else var
        out.append({"n": int(a.size), "var_bps": var, "cvar_bps": cvar})
    cases.append({"level": level, "classes": out})
print(json.dumps({"values": classes, "cases": cases}, indent=1))

#!/usr/bin/env python3
"""Independent reference values of the standard normal quantile and CDF (mpmath, 60 digits).

Phi(z) is mpmath's ncdf of the double z at 60 digits.

For each double p, z = Phi^-1(p) is found by Newton's method on mpmath's ncdf at 60 significant
digits, starting from a float guess; p is taken exactly (the binary value of the double), so the
reference is the true quantile of the very number bt receives. The upper half is solved as
-Phi^-1(1 - p), where 1 - p is exact in mpmath. The points: around 0.5, both tails down to
1e-300, 1 - 1e-6, and p = 1 - 1/N and 1 - 1/(N e) for N up to 1e6 (computed in double, as
engine/sweep/overfitting.ts computes them). Not derived from bt's TypeScript. Run from the
repo root:

    python3 test/reference/normal_quantile_reference.py

Writes test/fixtures/sweep/normal_quantile_reference.json.
"""
import json
import math
import os

import mpmath as mp

mp.mp.dps = 60
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "sweep", "normal_quantile_reference.json")


def lower_quantile(q):
    """Returns Phi^-1(q) for an exact mpf q in (0, 1/2], by Newton on ncdf (converges quadratically)."""
    # start from the asymptotic tail value, or 0 near the centre
    x = -mp.sqrt(-2 * mp.log(q)) if q < mp.mpf("0.3") else mp.mpf(0)
    for _ in range(200):
        step = (mp.ncdf(x) - q) / mp.npdf(x)
        x -= step
        if abs(step) < mp.mpf(10) ** -55 * max(1, abs(x)):
            break
    return x


def quantile(p):
    """Returns Phi^-1(p) for the double p, as an mpf."""
    pe = mp.mpf(p)  # exact binary value
    if pe <= mp.mpf("0.5"):
        return lower_quantile(pe)
    return -lower_quantile(1 - pe)


def points():
    ps = [0.5, 0.5 + 2**-40, 0.5 - 1e-10, 0.42, 0.3, 0.7, 0.0751, 0.075, 0.925, 0.9249, 0.1, 0.9]
    for e in (2, 3, 5, 6, 8, 10, 15, 20, 50, 100, 200, 300):
        ps.append(10.0**-e)
    ps += [0.02425, 0.01, 0.05, 1 - 1e-6, 1 - 1e-10, 1 - 1e-12, 1 - 2**-52, 0.99, 0.999, 0.975, 0.95]
    # Phi^-1 below exp(-25) switches AS241 to its third rational function: both sides of the split
    ps += [math.exp(-25) * 1.0001, math.exp(-25) * 0.9999]
    for n in (2, 3, 5, 10, 12, 100, 1000, 10**4, 10**5, 10**6):
        ps.append(1 - 1 / n)
        ps.append(1 - 1 / (n * math.e))
    return sorted(set(ps))


def main():
    quantiles = [[p, float(quantile(p))] for p in points()]
    zs = [-38.0, -30.0, -20.0, -10.0, -8.0, -6.0, -5.0, -4.0, -3.5, -3.0, -2.5, -2.0, -1.5, -1.0, -0.99, -0.9, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0]
    cdf = [[z, float(mp.ncdf(mp.mpf(z)))] for z in zs]
    with open(OUT, "w") as f:
        json.dump({"source": "test/reference/normal_quantile_reference.py (mpmath %s, 60 digits)" % mp.__version__, "quantile": quantiles, "cdf": cdf}, f, indent=1)
        f.write("\n")
    print("wrote", OUT, len(quantiles), "quantiles,", len(cdf), "cdf values")


if __name__ == "__main__":
    main()

"""Python's round(x, n) on seeded doubles, for test/engine/core/py-round.test.ts.

Usage: python3 test/reference/py_round_reference.py > test/reference/py_round_reference.json

Cases per n in 0..10: exact ties (odd / 2^(n+1): the only doubles whose n-digit rounding is a
tie), their neighbours one ulp away, values with a 5 at digit n+1 that are not ties (0.125 at n=2
is one, 0.135 is not), random magnitudes from 1e-12 to 1e15, and their negatives. Each line of the
output: [x, n, round(x, n)] with floats as repr (shortest round trip, read back bit for bit).
"""
import json
import math
import random

rng = random.Random(20261205)
cases = []
for n in range(0, 11):
    xs = []
    for _ in range(16):
        j = 2 * rng.randrange(0, 10 ** 6) + 1
        t = j / 2 ** (n + 1)
        xs += [t, math.nextafter(t, 0), math.nextafter(t, math.inf)]
        xs.append(float(f"{rng.randrange(0, 10 ** 6)}.{rng.randrange(0, 10 ** n) if n else 0:0{max(n, 1)}d}5") if n else rng.randrange(0, 10 ** 6) + 0.5)
    for _ in range(40):
        xs.append(10 ** rng.uniform(-12, 15))
    for x in xs:
        for v in (x, -x):
            cases.append([v, n, round(v, n)])
print(json.dumps(cases))

"""Reference figures for bt init's starter thresholds (engine/scenario/starter-thresholds.ts), by numpy.

Independent of bt: builds two small desks from closed-form prices and findings, computes the
rule as README "bt init" states it, and writes inputs and expected outputs to
starter_thresholds_reference.json, which test/engine/scenario/starter-thresholds.test.ts reads.
  horizon         median horizon_hours of the findings, else 3 x the median spacing of a symbol's closes
  returns         per symbol, close at t -> last close at or before t + horizon, for t + horizon <= its last close
  error_abs_bps   95th percentile (numpy linear) of |return| in bps
  retire_pnl      -3 x rms(return) x sqrt(min(lookback, median findings per agent))
  retire_dd       -3 x rms(return) x sqrt(median findings per agent)
  kill_rate       0.05 + 3 sqrt(0.05 x 0.95 / min_outcomes), rounded up to whole percent

Run: python3 test/reference/starter_thresholds_reference.py
"""
import json
import math
import os

import numpy as np

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
HORIZON_BARS = 3  # closes of the median spacing in the horizon of findings without one (engine/scenario/starter-thresholds.ts)


def desk(n_symbols, n_days, step_ms, gap_every, horizon_hours, counts):
    """Closed-form prices (a drift and two sines per symbol, some closes left out) and findings."""
    ts, sym, close = [], [], []
    for s in range(n_symbols):
        for i in range(n_days):
            if gap_every and (i + s) % gap_every == 0 and i > 0:
                continue  # a missing close: some returns over the horizon are 0 or span two steps
            ts.append(i * step_ms)
            sym.append(s)
            close.append(100.0 * math.exp(0.0004 * i * (s - 1) + 0.03 * math.sin(0.7 * i + s) + 0.012 * math.sin(2.3 * i * (s + 1))))
    agents = [a for a, c in enumerate(counts) for _ in range(c)]
    horizons = [None if horizon_hours is None or k % 5 == 0 else horizon_hours for k in range(len(agents))]
    return {'priceTsMs': ts, 'priceSymbol': sym, 'close': close, 'findingHorizonHours': horizons, 'findingAgent': agents}


def horizon_returns(d):
    """The horizon (hours) and every close-to-close return over it, in bps: from each close to the symbol's last close at or before t + horizon."""
    ts, sym, close = np.array(d['priceTsMs'], float), np.array(d['priceSymbol']), np.array(d['close'])
    given = np.array([h for h in d['findingHorizonHours'] if h is not None])  # null in the JSON, NaN in bt
    if len(given):
        horizon = float(np.median(given))
    else:
        gaps = np.concatenate([np.diff(np.sort(ts[sym == s])) for s in np.unique(sym)])
        horizon = HORIZON_BARS * float(np.median(gaps[gaps > 0])) / HOUR_MS
    rets = []
    for s in np.unique(sym):
        o = np.argsort(ts[sym == s], kind='stable')
        t, c = ts[sym == s][o], close[sym == s][o]
        for i in range(len(t)):
            if t[i] + horizon * HOUR_MS > t[-1]:
                break
            j = np.searchsorted(t, t[i] + horizon * HOUR_MS, side='right') - 1
            rets.append((c[j] / c[i] - 1.0) * 1e4)
    return horizon, np.array(rets)


def thresholds(d, lookback, min_outcomes):
    horizon, r = horizon_returns(d)
    q = float(np.percentile(np.abs(r), 95))
    rms = float(np.sqrt(np.mean(r * r)))
    per_agent = float(np.median(np.bincount(d['findingAgent'])[np.bincount(d['findingAgent']) > 0]))
    window = min(lookback, per_agent)
    p = 0.05
    return {
        'horizonHours': horizon,
        'nReturns': len(r),
        'absReturnQuantileBps': q,
        'rmsReturnBps': rms,
        'outcomesPerAgent': per_agent,
        'windowOutcomes': window,
        'errorAbsBps': round(q),
        'retirePnlSumBps': -round(3 * rms * math.sqrt(window)),
        'retireDrawdownBps': -round(3 * rms * math.sqrt(per_agent)),
        'killErrorRate': math.ceil((p + 3 * math.sqrt(p * (1 - p) / min_outcomes)) * 100 - 1e-9) / 100,
    }


def write_cases(file_name, cases):
    """Writes the cases beside this script (the JSON the TS tests read) and prints each one's expected figures."""
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), file_name)
    with open(out, 'w') as f:
        json.dump(cases, f, indent=1, allow_nan=False)
        f.write('\n')
    for c in cases:
        print(c['name'], c['expected'])


def main():
    cases = []
    # daily closes with gaps, 48 h calls (4 of 5 findings give it), three agents: median 40 findings < lookback
    a = desk(3, 120, DAY_MS, 7, 48.0, [40, 31, 55])
    cases.append({'name': 'daily closes with gaps, 48 h findings', 'input': a, 'lookbackOutcomes': 250, 'minOutcomes': 20, 'expected': thresholds(a, 250, 20)})
    # hourly closes, no horizon_hours at all: the horizon is 3 x the spacing; the window (25) is shorter than the run
    b = desk(2, 200, HOUR_MS, 0, None, [90, 120, 75, 100])
    cases.append({'name': 'hourly closes, findings without horizon_hours', 'input': b, 'lookbackOutcomes': 25, 'minOutcomes': 36, 'expected': thresholds(b, 25, 36)})
    write_cases('starter_thresholds_reference.json', cases)


if __name__ == '__main__':
    main()

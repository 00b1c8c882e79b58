#!/usr/bin/env python3
"""Independent reference for a sweep's analytics (numpy + scipy + pyarrow), from its output files.

Reads DIR/curves.arrow, DIR/results.csv and, for the sweep's settings only (objective,
direction, walk_forward.windows), DIR/summary.json; recomputes from the curves and the
results table, without bt's TypeScript:

- the ranking (rank column), each configuration's PSR (psr column) and the best configuration (objective, direction, ties by the
  smaller config id, null or failed configurations unranked, and those that never traded:
  turnover_traded_annualized exactly 0);
- noise against the best (vs_best, sharpe_diff_vs_best_low / _high, summary.json noise): with
  the objective sharpe, the configurations ranked 2..101 are bootstrapped against the best:
  the stream of bt's createRng(42, 'compare-bootstrap:paired') (seeded_stream.py, seedrandom
  ARC4 written from its algorithm), stationary-bootstrap index sequences (Politis & Romano
  1994, mean block round(n^(1/3)); blocks of a uniform start and a geometric length, two draws
  each, stationary_bootstrap.py) drawn once per resample and applied to the best and to each
  configuration, 2000 resamples, the 2.5 % and 97.5 % percentiles (numpy's linear
  interpolation) of Sharpe(config) - Sharpe(best) over the resamples whose difference is
  defined (none when fewer than half are); within noise when the interval covers 0 (within
  1e-9), distinct when it does not; any other objective: n/a;
- PSR and DSR of the best (Bailey & Lopez de Prado 2012 eq. 11, 2014 eqs. 1-2), the trial
  variance over the configurations with a defined Sharpe;
- walk-forward: each curve's returns (the first against initial_equity) cut into K windows
  [floor(k T / K), floor((k + 1) T / K)); on window k the best by the objective (metrics of
  test/reference/metrics_reference.py on that window alone) is scored on window k + 1; its
  rank there (1 + configurations strictly better + those equal with a smaller config id), and
  the metrics of the chosen configurations' out-of-sample returns stitched in time order;
  configurations that never traded neither chosen nor ranked, nor, on a window, those whose
  returns there are all exactly 0 (flat: the book held cash), though the choice keeps its own
  out-of-sample value; a window with no eligible configuration chooses nothing (summary.json
  walk_forward.unchosen lists its in-sample dates); skipped when the configurations'
  periods_per_year differ.

Prints every difference from summary.json and results.csv beyond 1e-9 (relative to
max(1, |x|)); exits 1 when there is one. Run from the repo root:

    python3 test/reference/sweep_analytics_reference.py results/sweeps/quickstart-sweep
"""
import csv
import json
import math
import os
import sys

import numpy as np
import pyarrow.ipc as ipc
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics_reference import metrics  # noqa: E402  (PerformanceAnalytics conventions)
from seeded_stream import create_rng  # noqa: E402  (bt's createRng, reimplemented)
from stationary_bootstrap import stationary_bootstrap  # noqa: E402  (bt's documented block recipe)

TOL = 1e-9
SEED, RESAMPLES, LEVEL, TESTED, SHARPE_EQUAL = 42, 2000, 0.95, 100, 1e-9
TEXT = ("config_id", "status", "error", "notes", "sweep_id", "periods_per_year_source", "vs_best")
GAMMA = 0.5772156649015329


def read_results(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    num = lambda s: None if s == "" else float(s)  # noqa: E731
    return {r["config_id"]: {k: (v if k in TEXT else num(v)) for k, v in r.items()} for r in rows}


def read_curves(path):
    with open(path, "rb") as f:
        t = ipc.open_file(f).read_all()
    ids = [str(x) for x in t.column("config_id").to_pylist()]
    ts = np.array([x.timestamp() * 1000 if x is not None else None for x in t.column("ts").to_pylist()], dtype=float)
    eq = np.asarray(t.column("equity").to_numpy(), dtype=float)
    out = {}
    for i, cid in enumerate(ids):
        out.setdefault(cid, ([], []))
        out[cid][0].append(ts[i])
        out[cid][1].append(eq[i])
    return {k: (np.array(a), np.array(b)) for k, (a, b) in out.items()}


def never_traded(r):
    return r.get("turnover_traded_annualized") == 0


def returns_of(curve, initial):
    e = np.concatenate([[initial], curve[1]])
    return e[1:] / e[:-1] - 1


def sharpe(x, ppy):
    sd = x.std(ddof=1) if len(x) > 1 else 0.0
    return x.mean() / sd * math.sqrt(ppy) if sd > 0 else float("nan")


def noise(curves, results, rk):
    """{config id: (vs_best, low, high)} of the ranked configurations (objective sharpe)."""
    order = sorted(rk, key=rk.get)
    best = order[0]
    out = {best: ("best", None, None)}
    tested = order[1:1 + TESTED]
    for c in order[1 + TESTED:]:
        out[c] = ("untested", None, None)
    b = results[best]
    a = returns_of(curves[best], b["initial_equity"])
    ppy = b["periods_per_year"]
    pairs = []
    for c in tested:
        same_grid = len(curves[c][0]) == len(curves[best][0]) and np.array_equal(curves[c][0], curves[best][0])
        if results[c]["periods_per_year"] != ppy or not same_grid:
            out[c] = ("n/a", None, None)
        else:
            pairs.append(c)
    if not pairs:
        return out, None
    n = len(a)
    block = max(1, math.floor(n ** (1 / 3) + 0.5))
    u = create_rng(SEED, "compare-bootstrap:paired")
    rets = {c: returns_of(curves[c], results[c]["initial_equity"]) for c in pairs}
    reps = {c: [] for c in pairs}
    for _ in range(RESAMPLES):
        idx = stationary_bootstrap(n, block, u)
        sa = sharpe(a[idx], ppy)
        for c in pairs:
            reps[c].append(sharpe(rets[c][idx], ppy) - sa)
    for c in pairs:
        v = np.array([x for x in reps[c] if math.isfinite(x)])
        if len(v) < max(2, math.ceil(RESAMPLES / 2)):
            out[c] = ("n/a", None, None)
            continue
        lo, hi = float(np.percentile(v, 100 * (1 - LEVEL) / 2)), float(np.percentile(v, 100 * (1 + LEVEL) / 2))
        out[c] = ("distinct" if hi < -SHARPE_EQUAL or lo > SHARPE_EQUAL else "within_noise", lo, hi)
    return out, block


def better(a, b, direction):
    return a > b if direction == "maximize" else a < b


def ranks(values, direction):
    """values: {id: number or None}. Rank 1 = best; equal values by the smaller id."""
    scored = [(v, cid) for cid, v in values.items() if v is not None and math.isfinite(v)]
    sign = -1 if direction == "maximize" else 1
    scored.sort(key=lambda x: (sign * x[0], x[1]))
    return {cid: i + 1 for i, (_, cid) in enumerate(scored)}


def psr(sr, n, skew, kurt, sr_star):
    den = 1 - skew * sr + (kurt - 1) / 4 * sr ** 2
    if n < 2 or den <= 0:
        return None
    return float(stats.norm.cdf((sr - sr_star) * math.sqrt(n - 1) / math.sqrt(den)))


def overfitting(results, best_id):
    trials = [r["sharpe"] / math.sqrt(r["periods_per_year"]) for r in results.values() if r["status"] == "ok" and r["sharpe"] is not None]
    b = results[best_id]
    sr = b["sharpe"] / math.sqrt(b["periods_per_year"])
    kurt = b["excess_kurtosis"] + 3
    out = {"n_trials": len(trials), "sharpe_per_period": sr, "psr": psr(sr, b["n"], b["skewness"], kurt, 0.0)}
    if len(trials) >= 2:
        v = float(np.var(trials, ddof=1))
        n_t = len(trials)
        sr0 = math.sqrt(v) * ((1 - GAMMA) * stats.norm.ppf(1 - 1 / n_t) + GAMMA * stats.norm.ppf(1 - 1 / (n_t * math.e)))
        out.update(trial_sharpe_variance=v, expected_max_sharpe_per_period=float(sr0), dsr=psr(sr, b["n"], b["skewness"], kurt, sr0))
    return out


def walk_forward(curves, results, objective, direction, K):
    ids = sorted(curves)
    T = len(curves[ids[0]][0])
    if any(len(curves[c][0]) != T or not np.array_equal(curves[c][0], curves[ids[0]][0]) for c in ids):
        return {"skipped": True}
    if len({results[c]["periods_per_year"] for c in ids}) > 1:
        return {"skipped": "periods_per_year"}
    ts = curves[ids[0]][0]
    ppy = results[ids[0]]["periods_per_year"]
    idle = {c for c in ids if never_traded(results[c])}
    rets = {}
    for c in ids:
        e = np.concatenate([[results[c]["initial_equity"]], curves[c][1]])
        rets[c] = e[1:] / e[:-1] - 1
    bounds = [(k * T) // K for k in range(K + 1)]
    # every return in exactly one window
    assert sum(bounds[k + 1] - bounds[k] for k in range(K)) == T
    win = lambda c, k: rets[c][bounds[k]:bounds[k + 1]]  # noqa: E731
    flat = lambda c, k: bool(np.all(win(c, k) == 0))  # noqa: E731
    value = lambda c, k: None if c in idle or flat(c, k) else metrics(win(c, k), ppy)[objective]  # noqa: E731
    folds, unchosen, stitched = [], [], []
    for k in range(K - 1):
        ins = {c: value(c, k) for c in ids}
        cand = [c for c in ids if ins[c] is not None]
        if not cand:
            unchosen.append(dict(start_ts=ts[bounds[k]], end_ts=ts[bounds[k + 1] - 1]))
            continue
        pick = cand[0]
        for c in cand[1:]:
            if better(ins[c], ins[pick], direction):
                pick = c
        oos = {c: value(c, k + 1) for c in ids}
        # the choice is scored on what it did there, flat or not
        oos[pick] = metrics(win(pick, k + 1), ppy)[objective]
        v = oos[pick]
        # equal values rank by the smaller config id, as the rank column does
        rank = None if v is None else 1 + sum(1 for c in ids if oos[c] is not None and (better(oos[c], v, direction) or (oos[c] == v and c < pick)))
        folds.append(dict(chosen=pick, in_sample_value=ins[pick], out_of_sample_value=v, out_of_sample_rank=rank,
                          out_of_sample_ranked=sum(1 for c in ids if oos[c] is not None),
                          in_sample=dict(start_ts=ts[bounds[k]], end_ts=ts[bounds[k + 1] - 1]),
                          out_of_sample=dict(start_ts=ts[bounds[k + 1]], end_ts=ts[bounds[k + 2] - 1])))
        stitched.extend(win(pick, k + 1))
    m = metrics(np.array(stitched), ppy)
    return dict(folds=folds, unchosen=unchosen, stitched=dict(sharpe=m["sharpe"], total_return=m["total_return"], max_drawdown=m["max_drawdown"]))


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (str, list)) or isinstance(b, (str, list)):
        return a == b
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def main(folder):
    summary = json.load(open(os.path.join(folder, "summary.json")))
    results = read_results(os.path.join(folder, "results.csv"))
    curves = read_curves(os.path.join(folder, "curves.arrow"))
    objective, direction = summary["objective"]["metric"], summary["objective"]["direction"]
    diffs = []

    def check(what, ref, got):
        if not close(ref, got):
            diffs.append(f"{what}: reference {ref}, bt {got}")

    ok = {c: r for c, r in results.items() if r["status"] == "ok"}
    rk = ranks({c: None if never_traded(r) else r[objective] for c, r in ok.items()}, direction)
    for c, r in results.items():
        check(f"rank [{c}]", rk.get(c), r["rank"])
    for c, r in ok.items():
        p = None if r["sharpe"] is None or r["skewness"] is None else psr(r["sharpe"] / math.sqrt(r["periods_per_year"]), r["n"], r["skewness"], r["excess_kurtosis"] + 3, 0.0)
        check(f"psr [{c}]", p, r["psr"])
    best = min(rk, key=rk.get) if rk else None
    check("best.config_id", best, (summary["best"] or {}).get("config_id"))
    if best is not None and summary.get("overfitting") is not None:
        ref = overfitting(results, best)
        for k, v in ref.items():
            check(f"overfitting.{k}", v, summary["overfitting"].get(k))
    check("never_traded", sorted(c for c, r in ok.items() if never_traded(r)), summary.get("never_traded"))
    if rk:
        if objective == "sharpe":
            nz, block = noise(curves, ok, rk)
        else:
            nz, block = {c: ("best" if rk[c] == 1 else "n/a", None, None) for c in rk}, None
        for c in ok:
            if never_traded(ok[c]):
                nz[c] = ("never_traded", None, None)
        for c, r in results.items():
            v, lo, hi = nz.get(c, (None, None, None))
            check(f"vs_best [{c}]", v, r["vs_best"] or None)
            check(f"sharpe_diff_vs_best_low [{c}]", lo, r["sharpe_diff_vs_best_low"])
            check(f"sharpe_diff_vs_best_high [{c}]", hi, r["sharpe_diff_vs_best_high"])
        ns = summary.get("noise") or {}
        check("noise.within_noise", sorted(rk[c] for c in rk if nz[c][0] in ("best", "within_noise")) if objective == "sharpe" else [], ns.get("within_noise"))
        check("noise.distinct", sorted(rk[c] for c in rk if nz[c][0] == "distinct"), ns.get("distinct"))
        check("noise.mean_block", block, ns.get("mean_block"))
    wf = summary.get("walk_forward")
    if wf is not None and wf.get("skipped") is not None and "periods_per_year" in wf["skipped"]:
        ref = walk_forward(curves, ok, objective, direction, wf["windows"])
        check("walk_forward.skipped (periods_per_year)", "periods_per_year", ref.get("skipped"))
    if wf is not None and wf.get("skipped") is None:
        ref = walk_forward(curves, ok, objective, direction, wf["windows"])
        if ref.get("skipped"):
            diffs.append("walk_forward: the reference finds curves on different grids, bt did not skip")
        else:
            check("walk_forward.folds (count)", len(ref["folds"]), len(wf["folds"]))
            for i, (a, b) in enumerate(zip(ref["folds"], wf["folds"])):
                for k in ("chosen", "in_sample_value", "out_of_sample_value", "out_of_sample_rank", "out_of_sample_ranked"):
                    check(f"walk_forward.folds[{i}].{k}", a[k], b.get(k))
                for w in ("in_sample", "out_of_sample"):
                    for e in ("start_ts", "end_ts"):
                        check(f"walk_forward.folds[{i}].{w}.{e}", a[w][e], b[w][e])
            check("walk_forward.unchosen", [[u["start_ts"], u["end_ts"]] for u in ref["unchosen"]], [[u["in_sample"]["start_ts"], u["in_sample"]["end_ts"]] for u in wf.get("unchosen", [])])
            for k, v in ref["stitched"].items():
                check(f"walk_forward.stitched.{k}", v, wf["stitched"][k])
    for d in diffs:
        print(d)
    print(f"{folder}: {len(results)} configurations, objective {objective} ({direction}): {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

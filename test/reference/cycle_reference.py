"""Independent whole-cycle reference of bt's supervisor (numpy + the standard library).

Usage: python3 test/reference/cycle_reference.py IN.json OUT.json
(IN files of the generated scenarios: CYCLE_REF_KEEP=1 npx vitest run
test/engine/run/cycle-reference.test.ts keeps them and prints their folder.)

Written from the seeds (/work/shared/seeds: 000 CapitalAllocator.allocate, 001 compute_weights,
002 Capital Governor, 003 update_confidence_multipliers / promotion gate, 004 compute_weights
and the strategy kill list) and bt's documents (README "How a run works" and "The modules",
docs/modules/*.md, docs/metrics.md, scenarios/README.md) as ONE straight-line replay: plain
lists, every statistic recomputed from scratch at every tick (no incremental sums, no caches).
Where the documents leave a convention open, the TypeScript was read and the choice is marked
"(bt convention, from <file>)".

IN (written by test/engine/run/cycle-reference.test.ts):
  config      the resolved run configuration (engine/run/config.ts RunConfig, camelCase)
  allocator   {variant, params}
  agents      [{name, strategy (or null), weight, enabled, since (ms or null)}]  (sorted by name)
  symbols     [names] (sorted); strategies: [names] (sorted)
  prices      [[ts_ms, symbol_index, close], ...] in time order
  findings    [[ts_ms, agent_index, symbol_index, confidence, severity_mult, direction,
                horizon_hours or null], ...] in time order (file order = emission order)
  kill_list   {class: {status?, maxDrawdownBps?, minHitRate?}} or null
  regime      [[ts_ms, risk_multiplier], ...] or null
OUT: {"ticks": [per tick: t, roster, per-agent stats / multipliers / weights / statuses,
      cvar by class, class statuses, proposed targets, regime, guardian, outcome],
      "equity": [[ts_ms, equity], ...]}
NaN (no data) is written as null.

Semantics (the intended ones, README "How a run works"):
  * event order at one timestamp: prices, then findings, then reconciliations due at t (in
    emission order), then the supervisor tick;
  * an agent joins the roster at its first finding, or at its agents-file `since` when that
    comes first (datasets/README.md); before that it is not eligible, gets no weight, is judged
    by no rule and appears in no output row; a class is judged once one of its agents joined;
  * the equity curve has a point at each close after the start; the initial capital at the
    start is its base (a close at the start itself would repeat it);
  * targets set at tick t fill at each symbol's next close strictly after t, sized on the
    equity marked after all closes of that timestamp; a later tick's target replaces a
    pending one, a target set back to 0 included;
  * capital-governor: no outcome in the 30-day window = the full drawdown penalty;
  * seed-mode decay: filter the reconciled rows on the horizon first, then keep the last
    limit_rows (seed 003 lines 92 and 100).
"""
import json
import math
import sys

import numpy as np

NAN = float("nan")
HOUR_MS = 3_600_000
DAY_MS = 86_400_000


def isnan(x):
    return x != x


# ---------------------------------------------------------------- statistics of one agent


def agent_stats(outs, t, cfg, with_window_dd):
    """Statistics of one agent at tick t from its outcomes [(ts, pnl, abs_err, pnl_err)], oldest first.

    Count window (last `lookback` outcomes): pnl_sum_bps (0 without outcomes), hit_rate
    (pnl > 0), error_rate (abs_error_bps > reconcile.error_abs_bps), avg_abs_error_bps,
    avg_pnl_error_bps (NaN without outcomes; seed mode: round(x, 2), seed 003 section 3). max_drawdown_bps: all-time cumulative pnl from 0
    (bt convention, from engine/modules/stats/outcome-window.ts, as the kill list's class
    drawdown in docs/modules/kill.md). Time windows (t - W, t]: pnl_7d (sum, 0 if none);
    sharpe_30d = mean / sample sd of per-outcome pnl, not annualized, NaN below 2 outcomes or
    at zero variance (bt convention, engine/run/tick.ts readStatsTable; its zero test is
    variance <= 1e-12 * max(1, mean^2)); winrate_30d; max_dd_30d = drawdown of the cumulative
    pnl inside the window from 0 (NaN without outcomes).
    """
    sp = cfg["stats"]
    lookback = sp["lookback"]
    cw = outs[-lookback:] if len(outs) > 0 else []
    n = len(cw)
    s = {"n": n}
    if n > 0:
        pnl = np.array([o[1] for o in cw])
        ae = np.array([o[2] for o in cw])
        pe = np.array([o[3] for o in cw])
        s["pnl_sum_bps"] = float(np.sum(pnl))
        s["hit_rate"] = float(np.sum(pnl > 0)) / n
        s["error_rate"] = float(np.sum(ae > sp["errorAbsBps"])) / n
        if cfg["mode"] == "seed":
            # seed 003 section 3 (build_meta_report.py): round(sum(errors) / len, 2), read by the
            # promotion gate and by seed 001's simulation-integrity penalty
            s["avg_abs_error_bps"] = round(sum(float(o[2]) for o in cw) / max(n, 1), 2)
            s["avg_pnl_error_bps"] = round(sum(float(o[3]) for o in cw) / max(n, 1), 2)
        else:
            s["avg_abs_error_bps"] = float(np.mean(ae))
            s["avg_pnl_error_bps"] = float(np.mean(pe))
    else:
        s.update(pnl_sum_bps=0.0, hit_rate=NAN, error_rate=NAN, avg_abs_error_bps=NAN, avg_pnl_error_bps=NAN)
    cum = 0.0
    peak = 0.0
    dd = 0.0
    for o in outs:
        cum += o[1]
        peak = max(peak, cum)
        dd = min(dd, cum - peak)
    s["max_drawdown_bps"] = dd
    short = [o[1] for o in outs if o[0] > t - sp["shortWindowMs"]]
    s["pnl_7d"] = float(sum(short)) if short else 0.0
    long_ = [o[1] for o in outs if o[0] > t - sp["longWindowMs"]]
    nl = len(long_)
    sharpe = NAN
    if nl >= 2:
        x = np.array(long_)
        mean = float(np.mean(x))
        var = float(np.var(x, ddof=1))
        if var > 1e-12 * max(1.0, mean * mean):
            sharpe = mean / math.sqrt(var)
    s["sharpe_30d"] = sharpe
    s["winrate_30d"] = (sum(1 for v in long_ if v > 0) / nl) if nl > 0 else NAN
    if with_window_dd and nl > 0:
        cum = peak = dd = 0.0
        for v in long_:
            cum += v
            peak = max(peak, cum)
            dd = min(dd, cum - peak)
        s["max_dd_30d"] = dd
    else:
        s["max_dd_30d"] = NAN
    return s


# ---------------------------------------------------------------- seed 003: confidence decay


def decay_agent(m0, rows, p):
    """Seed 003 inner loop over one agent's rows [(abs_err, realized)], oldest first; clamped, not rounded."""
    lam = math.log(2.0) / max(p["halfLifeSignals"], 1)
    n = len(rows)
    tail = rows[-250:]
    m = m0
    good = bad = 0
    for i, (abs_err, realized) in enumerate(tail):
        age = n - 1 - (n - len(tail) + i)
        w = math.exp(-lam * max(age, 0))
        x = max(0.0, abs_err)
        pen = (x / (x + p["lossKBps"])) * p["penaltyCap"] * w
        if realized < 0:
            pen *= p["lossAmplifier"]
        m *= 1.0 - pen
        if realized > 0 and abs_err <= p["stabilityGoodErrBps"]:
            good += 1
        if realized < 0 and abs_err >= p["stabilityGoodErrBps"] * 2:
            bad += 1
    if good >= p["stabilityMinGood"] and bad == 0:
        m *= 1.0 + p["stabilityBoost"]
    return max(p["floor"], min(p["ceil"], m))


def decay_seed(prev, recon_log, p):
    """Seed mode (003 verbatim, Q003-1): every reconciled row so far, filtered on
    int(horizon_hours) == int(HORIZON_HOURS) FIRST, then the last limit_rows; per agent,
    compounding on the previous multiplier, round(m, 4); unseen agents keep theirs."""
    horizon = int(p["horizonHours"])
    recon = [r for r in recon_log if int(r["horizon_hours"]) == horizon]
    out = list(prev)
    if not recon:
        return out
    recon = recon[-p["limitRows"]:]
    by_agent = {}
    for r in recon:
        by_agent.setdefault(r["agent"], []).append((r["abs_err"], r["realized"]))
    for a, rows in by_agent.items():
        out[a] = round(decay_agent(prev[a], rows, p), 4)  # Python round: ties-to-even on the double
    return out


def decay_default(outs, p, lookback):
    """Default mode (docs/modules/decay.md): from 1.0 over the agent's last limit_rows outcomes
    (of its count window: bt convention, engine/run/steps/decay-step.ts), clamped, no rounding."""
    rows = [(o[2], o[1]) for o in outs[-lookback:]][-p["limitRows"]:]
    if not rows:
        return max(p["floor"], min(p["ceil"], 1.0))
    return decay_agent(1.0, rows, p)


# ---------------------------------------------------------------- strategy CVaR (docs/modules/cvar.md)


def cvar_of(values, level, min_n):
    n = len(values)
    if n == 0 or n < min_n:
        return NAN
    x = np.sort(np.array(values, dtype=np.float64))
    p = 1.0 - level
    h = (n - 1) * p  # R type 7: x[lo] + (h - lo) * (x[hi] - x[lo]), 0-based
    lo = int(math.floor(h))
    hi = min(lo + 1, n - 1)
    frac = h - lo
    var = (1.0 - frac) * x[lo] + frac * x[hi]
    below = x[x < var]
    return float(np.mean(below)) if below.size > 0 else float(var)


# ---------------------------------------------------------------- allocators


def water_fill(q, cap, total):
    """x_i = min(cap, lambda q_i), sum x = min(total, cap * #positive) (docs/modules/risk-weights.md default)."""
    q = np.asarray(q, dtype=np.float64)
    out = np.zeros(len(q))
    free = q > 0
    left = total
    while free.any():
        lam = left / q[free].sum()
        over = free & (lam * q > cap)
        if not over.any():
            out[free] = lam * q[free]
            break
        out[over] = cap
        left -= cap * over.sum()
        free = free & ~over
        if left <= 0:
            break
    return np.minimum(out, cap)


def bounded_fill(w, lo, hi, total):
    """x_i = clamp(lambda w_i, lo, hi) with sum x = total, by bisection on lambda then an exact
    solve on the final piece (docs/modules/governor.md and pnl-weights.md, default)."""
    w = np.asarray(w, dtype=np.float64)
    n = len(w)
    if n * lo > total or n * hi < total:
        return None
    w = w / w.max() if w.max() > 0 else w

    def f(lam):
        return np.clip(lam * w, lo, hi).sum()

    a, b = 0.0, 1.0
    while f(b) < total and b < 1e300:
        b *= 2.0
    if f(b) < total:  # every positive weight at hi: zero weights share the rest (bt convention, bounded-fill.ts)
        nz = int(np.sum(w == 0))
        rest = min(hi, max(lo, (total - (n - nz) * hi) / nz)) if nz > 0 else lo
        return np.where(w > 0, hi, rest)
    for _ in range(200):
        m = 0.5 * (a + b)
        if f(m) < total:
            a = m
        else:
            b = m
    lam = b
    x = np.clip(lam * w, lo, hi)
    freem = (lam * w > lo) & (lam * w < hi)
    if freem.any():
        fixed = x[~freem].sum()
        lam = (total - fixed) / w[freem].sum()
        x = np.clip(lam * w, lo, hi)
    return x


def alloc_static(ctx):
    return [ctx["agents"][a]["weight"] if ctx["eligible"][a] else 0.0 for a in range(ctx["n"])]


def alloc_risk(ctx, params, mode):
    """Seed 001 compute_weights (docs/modules/risk-weights.md)."""
    n = ctx["n"]
    q = np.zeros(n)
    seed = mode == "seed"
    gate = params["max_error_rate"]  # seed 001's literal 0.15 is the default; honoured in both modes (docs/modules/risk-weights.md)
    for a in range(n):
        if not ctx["eligible"][a]:
            continue
        s = ctx["stats"][a]
        pnl, hit, err = s["pnl_sum_bps"], s["hit_rate"], s["error_rate"]
        if not seed and (isnan(pnl) or isnan(hit) or isnan(err)):
            continue
        pnl = 0.0 if isnan(pnl) else pnl
        hit = 0.0 if isnan(hit) else hit
        err = 0.0 if isnan(err) else err
        ae = s["avg_abs_error_bps"]
        ae = 999.0 if isnan(ae) else ae
        if err > gate or pnl <= 0:
            continue
        v = math.sqrt(pnl) * (0.6 + hit)
        m = ctx["mult"][a]
        if not seed:
            m = min(1.1, max(0.5, m))
        v *= m
        v *= 1.0 / (1.0 + ae / 75.0)
        k = ctx["agents"][a]["class"]
        cv = ctx["cvar"][k] if k >= 0 else ctx["cvar_unclassified"]
        cv = 0.0 if isnan(cv) else cv
        if cv < 0:
            v *= max(0.25, 1.0 + cv * params["cvar_penalty_k"])
        dd = s["max_drawdown_bps"]
        if dd < 0:
            v *= max(0.4, 1.0 + dd * params["dd_penalty_k"])
        q[a] = max(v, 0.0)
    tot = q.sum()
    if not tot > 0:
        return [0.0] * n
    if seed:
        cap = params["max_weight"]
        w = q / tot
        capped = np.minimum(w, cap)
        excess = float(np.sum(w[w > cap] - cap))
        if excess > 0:
            below = (q > 0) & (capped < cap)
            free = capped[below].sum()
            if free > 0:
                capped[below] = capped[below] + excess * (capped[below] / free)
        return [round(float(v), 6) for v in capped]
    return list(water_fill(q, params["max_weight"], 1.0))


def alloc_governor(ctx, params, mode):
    """Seed 002: score = 0.4 norm(pnl_7d) + 0.3 norm(sharpe_30d) + 0.2 winrate_30d + 0.1 (1 - norm(max_dd_30d));
    missing data earns no credit, a missing drawdown the full penalty (docs/modules/governor.md)."""
    ids = [a for a in range(ctx["n"]) if ctx["eligible"][a]]
    out = [0.0] * ctx["n"]
    if not ids:
        return out

    def unit(x, if_nan):
        return if_nan if isnan(x) else min(1.0, max(0.0, x))

    sc = []
    for a in ids:
        s = ctx["stats"][a]
        v = (unit(s["pnl_7d"] / params["pnl_scale_bps"], 0.0) * 0.4
             + unit(s["sharpe_30d"] / params["sharpe_scale"], 0.0) * 0.3
             + unit(s["winrate_30d"], 0.0) * 0.2
             + (1.0 - unit(abs(s["max_dd_30d"]) / params["drawdown_scale_bps"], 1.0)) * 0.1)
        sc.append(max(0.0, v))
    sc = np.array(sc)
    n = len(ids)
    lo, hi = params["min_alloc"], params["max_alloc"]
    if mode == "seed":
        tot = sc.sum()
        al = np.full(n, 1.0 / n) if tot <= 0 else sc / tot
        cl = np.minimum(np.maximum(al, lo), hi)
        w = cl / cl.sum()
    elif n * hi < 1:
        w = np.full(n, hi)
    elif n * lo > 1 or not (sc > 0).any():
        w = np.full(n, 1.0 / n)
    else:
        w = bounded_fill(sc, lo, hi, 1.0)
    for j, a in enumerate(ids):
        out[a] = float(w[j])
    return out


def alloc_pnl(ctx, params, mode):
    """Seed 004 compute_weights (docs/modules/pnl-weights.md); ineligible agents are absent."""
    ids = [a for a in range(ctx["n"]) if ctx["eligible"][a]]
    out = [0.0] * ctx["n"]
    mw = params["min_weight"]
    pnl = {a: ctx["stats"][a]["pnl_sum_bps"] for a in ids}
    if mode == "seed":
        tot = sum(max(0.0, pnl[a]) for a in ids)
        w = {a: max(mw, round(max(0.0, pnl[a]) / tot if tot != 0 else 0.0, 4)) for a in ids}
        s = sum(w.values())
        for a in ids:
            out[a] = round(w[a] / s, 4)
        return out
    win = [a for a in ids if pnl[a] > 0]
    if not win:
        return out
    x = bounded_fill([pnl[a] for a in win], max(0.0, mw), 1.0, 1.0)
    for j, a in enumerate(win):
        out[a] = 1.0 / len(win) if x is None else float(x[j])
    return out


# ---------------------------------------------------------------- promotion / kill (docs/modules/promotion.md, kill.md)


def agent_decision(s, cfg):
    pr, kl = cfg["promotion"], cfg["kill"]
    kill_err = kl["killErrorRate"] if kl["enabled"] else math.inf
    retire_pnl = kl["retirePnlSumBps"] if kl["enabled"] else -math.inf
    retire_dd = kl["retireDrawdownBps"] if kl["enabled"] else -math.inf
    if not isnan(s["error_rate"]) and s["error_rate"] > kill_err:
        return "KILL"
    if (s["n"] >= kl["retireMinOutcomes"] and s["pnl_sum_bps"] <= retire_pnl) or s["max_drawdown_bps"] < retire_dd:
        return "RETIRE"
    ok = (s["pnl_sum_bps"] > pr["minPnlSumBps"]
          and not isnan(s["hit_rate"]) and s["hit_rate"] >= pr["minHitRate"]
          and not isnan(s["error_rate"]) and s["error_rate"] <= pr["maxErrorRate"]
          and not isnan(s["avg_abs_error_bps"]) and s["avg_abs_error_bps"] <= pr["maxAvgAbsErrorBps"]
          and not isnan(s["avg_pnl_error_bps"]) and s["avg_pnl_error_bps"] >= pr["minAvgPnlErrorBps"])
    return "PROMOTE" if ok else "HOLD"


def class_decision(name, cls_pnl, kill_list, cfg):
    """Kill list on the class's cumulative pnl from 0; thresholds only from class_min_outcomes
    outcomes on (bt convention, engine/run/steps/decision-step.ts); DISABLED at once."""
    e = kill_list.get(name)
    if e is None:
        return 0
    status = e.get("status")
    disabled = status is not None and (status == "DISABLED" if cfg["mode"] == "seed" else status.upper() == "DISABLED")
    if disabled:
        return 2
    n = len(cls_pnl)
    if n < cfg["kill"]["classMinOutcomes"] or n == 0:
        return 0
    cum = peak = dd = 0.0
    for v in cls_pnl:
        cum += v
        peak = max(peak, cum)
        dd = min(dd, cum - peak)
    hit = sum(1 for v in cls_pnl if v > 0) / n
    breach = ("maxDrawdownBps" in e and dd < e["maxDrawdownBps"]) or ("minHitRate" in e and hit < e["minHitRate"])
    return 1 if breach else 0


# ---------------------------------------------------------------- seed 000: symbol targets


def targets_seed(live, weight, n_sym, tp):
    """Seed 000 CapitalAllocator.allocate in fractions: per finding min(w, max_agent_weight) x conf x sev;
    x_s = min(raw_s / total, cap); cash = max(buffer, 1 - sum x); x_s *= (1 - cash) / max(sum x, 1e-9)."""
    raw = [0.0] * n_sym
    for (a, s, c, sev) in live:
        raw[s] += min(weight[a], tp["maxAgentWeight"]) * c * sev
    tot = sum(raw)
    if tot == 0:
        return [0.0] * n_sym
    x = [min(r / tot, tp["maxSymbolWeight"]) for r in raw]
    used = sum(x)
    cash = max(tp["cashBuffer"], 1.0 - used)
    scale = (1.0 - cash) / max(used, 1e-9)
    return [v * scale for v in x]


def targets_default(live, weight, n_sym, n_agents, tp):
    """Progressive filling (docs/modules/targets.md): one level t rises; every live (agent, symbol)
    pair holds raw * t; a symbol at max_symbol_weight or an agent at max_agent_weight freezes its
    pairs; stop at 1 - cash_buffer invested or when every pair is frozen."""
    pairs = {}
    for (a, s, c, sev) in live:
        pairs[(a, s)] = pairs.get((a, s), 0.0) + weight[a] * c * sev
    keys = sorted(k for k, v in pairs.items() if v > 0)
    if not keys:
        return [0.0] * n_sym
    top = max(pairs[k] for k in keys)
    raw = {k: pairs[k] / top for k in keys}
    value = {k: 0.0 for k in keys}
    frozen = set()
    total = 1.0 - tp["cashBuffer"]
    groups = [("s", s, tp["maxSymbolWeight"]) for s in range(n_sym)] + [("a", a, tp["maxAgentWeight"]) for a in range(n_agents)]

    def members(g):
        kind, i, _ = g
        return [k for k in keys if (k[1] if kind == "s" else k[0]) == i]

    gm = [members(g) for g in groups]
    while len(frozen) < len(keys):
        live_k = [k for k in keys if k not in frozen]
        f_tot = sum(value[k] for k in frozen)
        u_tot = sum(raw[k] for k in live_k)
        t_total = (total - f_tot) / u_tot
        levels = []
        for gi, g in enumerate(groups):
            lk = [k for k in gm[gi] if k not in frozen]
            u = sum(raw[k] for k in lk)
            if lk and u > 0:
                levels.append(((g[2] - sum(value[k] for k in gm[gi] if k in frozen)) / u, gi))
        t = min([lv for lv, _ in levels], default=math.inf)
        if t_total <= t:
            for k in live_k:
                value[k] = raw[k] * max(0.0, t_total)
                frozen.add(k)
            break
        for lv, gi in levels:
            if lv <= t:
                for k in gm[gi]:
                    if k not in frozen:
                        value[k] = raw[k] * max(0.0, t)
                        frozen.add(k)
    out = [0.0] * n_sym
    for k in keys:
        out[k[1]] += value[k]
    return out


# ---------------------------------------------------------------- the replay


def main(path_in, path_out):
    with open(path_in) as fh:
        d = json.load(fh)
    cfg = d["config"]
    mode = cfg["mode"]
    variant = d["allocator"]["variant"]
    params = d["allocator"]["params"]
    strategies = d["strategies"]
    symbols = d["symbols"]
    agents = [{"name": a["name"], "weight": a["weight"], "enabled": a["enabled"], "since": a.get("since"),
               "class": strategies.index(a["strategy"]) if a["strategy"] is not None else -1} for a in d["agents"]]
    nA, nS, nK = len(agents), len(symbols), len(strategies)
    prices, findings = d["prices"], d["findings"]
    regime = d["regime"] or []
    kill_list = d["kill_list"]

    # One event list, sorted by (time, kind, emission order): kind 0 price, 1 finding,
    # 2 reconciliation (due = finding time + horizon), 3 tick (epoch multiples of the cadence).
    ev = []
    for i, p in enumerate(prices):
        ev.append((p[0], 0, i))
    for j, f in enumerate(findings):
        h = cfg["defaultHorizonMs"] / HOUR_MS if f[6] is None else f[6]
        ev.append((f[0], 1, j))
        ev.append((f[0] + (cfg["defaultHorizonMs"] if f[6] is None else h * HOUR_MS), 2, j))
    cad = cfg["cadenceMs"]
    t = math.ceil(cfg["startMs"] / cad) * cad
    k = 0
    while t <= cfg["endMs"]:
        ev.append((t, 3, k))
        k += 1
        t += cad
    ev.sort()

    last_close = [NAN] * nS
    qty = [0.0] * nS
    pending = [None] * nS
    cash = cfg["initialCapital"]
    peak = cfg["initialCapital"]
    cost_rate = (cfg["costs"]["bpsPerTurnover"] + cfg["costs"]["slippageBps"]) / 1e4
    entry = {}  # finding -> entry close
    live = {}  # finding -> (agent, symbol, confidence, severity_mult, direction)
    outs = [[] for _ in range(nA)]  # per agent: (ts, pnl, abs_err, pnl_err)
    cls_out = [[] for _ in range(nK + 1)]  # per class (+ unclassified): (ts, pnl_err)
    cls_pnl = [[] for _ in range(nK)]
    recon_log = []
    joined = [False] * nA
    mult = [1.0] * nA
    status = [0] * nA
    cstatus = [0] * nK
    paused = False
    targets = None
    equity_out = []
    ticks_out = []

    def equity_now():
        return cash + sum(qty[s] * last_close[s] for s in range(nS) if qty[s] != 0)

    i = 0
    while i < len(ev):
        t, kind, idx = ev[i]
        if t > cfg["endMs"]:
            break
        if kind == 0:
            # the whole price block at t: mark every close, then fill what is pending there
            block = []
            while i < len(ev) and ev[i][0] == t and ev[i][1] == 0:
                s, c = prices[ev[i][2]][1], prices[ev[i][2]][2]
                last_close[s] = c
                block.append(s)
                i += 1
            eq = equity_now()
            for s in block:
                if pending[s] is None:
                    continue
                w = pending[s]
                pending[s] = None
                q_after = w * eq / last_close[s]
                traded = (q_after - qty[s]) * last_close[s]
                cash -= traded + cost_rate * abs(traded)
                qty[s] = q_after
            eq = equity_now()
            peak = max(peak, eq)
            if t > cfg["startMs"]:  # a close at the start is the initial capital: no point (the curve's base)
                equity_out.append([t, eq])
            continue
        i += 1
        if kind == 1:
            f = findings[idx]
            if not joined[f[1]]:
                joined[f[1]] = True
                k = agents[f[1]]["class"]
                if k >= 0:
                    follow_class(k, agents, joined, status, cstatus)  # joining a class already out
            entry[idx] = last_close[f[2]]
            live[idx] = (f[1], f[2], f[3], f[4], f[5])
        elif kind == 2:
            f = findings[idx]
            a, s = f[1], f[2]
            realized = f[5] * (last_close[s] / entry[idx] - 1.0) * 1e4
            expected = cfg["expectedModel"]["bpsPerScore"] * f[3] * f[4]
            err = realized - expected
            outs[a].append((t, realized, abs(err), err))
            k = agents[a]["class"]
            cls_out[k if k >= 0 else nK].append((t, err))
            if k >= 0:
                cls_pnl[k].append(realized)
            recon_log.append({"agent": a, "horizon_hours": cfg["defaultHorizonMs"] / HOUR_MS if f[6] is None else f[6],
                              "abs_err": abs(err), "realized": realized})
            del live[idx]
        else:
            ticks_out.append(tick(t, cfg, mode, variant, params, agents, nA, nS, nK, strategies, outs, cls_out, cls_pnl,
                                  recon_log, joined, mult, status, cstatus, live, kill_list, regime))
            rec = ticks_out[-1]
            # guardian on the equity at the tick (drawdown from the running peak of marked equity)
            g = cfg["governor"]["guardian"]
            held = False
            if g["enabled"]:
                eq = equity_now()
                dd = 1.0 - eq / peak if peak > 0 else 0.0
                if not paused and dd > g["pauseDrawdown"]:
                    paused = True
                elif paused and dd < g["resumeDrawdown"]:
                    paused = False
                held = paused
            rec["guardian_paused"] = paused
            nxt = rec["_next"]
            del rec["_next"]
            if held:
                rec["outcome"] = "guardian_paused"
                continue
            thr = cfg["governor"]["reallocationThreshold"]
            if targets is not None:
                change = max(abs(nxt[s] - targets[s]) for s in range(nS))
                if not (change >= (thr if mode == "seed" else thr - 1e-12)):
                    rec["outcome"] = "below_threshold"
                    continue
            targets = list(nxt)
            for s in range(nS):
                pending[s] = nxt[s]  # replaces any pending target, 0 included
            rec["outcome"] = "targets_set"
    out = {"ticks": ticks_out, "equity": equity_out}
    with open(path_out, "w") as fh:
        json.dump(clean(out), fh)


def follow_class(k, agents, joined, status, cstatus):
    """Seed 004 "RETIRE ALL AGENTS IN CLASS": a removed class retires (or kills) each of its joined
    agents still in play, one status per agent (docs/modules/promotion.md)."""
    if cstatus[k] == 0:
        return
    for a in range(len(agents)):
        if agents[a]["class"] == k and joined[a] and status[a] < 2:
            status[a] = 3 if cstatus[k] == 2 else 2


def tick(t, cfg, mode, variant, params, agents, nA, nS, nK, strategies, outs, cls_out, cls_pnl, recon_log, joined, mult,
         status, cstatus, live, kill_list, regime):
    for a in range(nA):
        # joining by `since` between two ticks shows first at the next tick: join at that tick
        if not joined[a] and agents[a]["since"] is not None and agents[a]["since"] <= t:
            joined[a] = True
            if agents[a]["class"] >= 0:
                follow_class(agents[a]["class"], agents, joined, status, cstatus)
    roster = [a for a in range(nA) if joined[a]]

    def in_play(a):
        k = agents[a]["class"]
        return joined[a] and agents[a]["enabled"] and status[a] <= 1 and (k < 0 or cstatus[k] == 0)

    stats = [agent_stats(outs[a], t, cfg, variant == "capital-governor") for a in range(nA)]
    # 1. decay
    p = cfg["decay"]
    if p["enabled"]:
        if mode == "seed":
            nxt = decay_seed(mult, recon_log, p)
        else:
            nxt = [decay_default(outs[a], p, cfg["stats"]["lookback"]) for a in range(nA)]
        mult[:] = nxt
    # 2. CVaR per class over (t - window, t], the last max_outcomes
    cv = cfg["cvar"]
    cvar = []
    for k in range(nK + 1):
        vals = [v for (ts, v) in cls_out[k] if ts > t - cv["windowMs"]][-cv["maxOutcomes"]:]
        cvar.append(cvar_of(vals, cv["level"], cv["minN"]))
    # 3. allocator. Seed order: it weighs the roster as it stood before this tick's decisions
    # (a removed agent's share is zeroed below and sits in cash). Default order: the decisions
    # (4) first, then the allocator over the agents still in play (docs/modules/promotion.md).
    def allocate():
        ctx = {"n": nA, "agents": agents, "eligible": [in_play(a) for a in range(nA)], "stats": stats, "mult": mult,
               "cvar": cvar[:nK], "cvar_unclassified": cvar[nK]}
        if variant == "static-schedule":
            return alloc_static(ctx)
        if variant == "risk-penalized":
            return alloc_risk(ctx, params, mode)
        if variant == "capital-governor":
            return alloc_governor(ctx, params, mode)
        return alloc_pnl(ctx, params, mode)

    if mode == "seed":
        aw = allocate()
    # 4. promotion / retirement / kill; no decision below kill.retire_min_outcomes outcomes
    # (bt convention, engine/run/steps/decision-step.ts)
    if cfg["promotion"]["enabled"] or cfg["kill"]["enabled"]:
        for a in range(nA):
            if not in_play(a) or stats[a]["n"] < cfg["kill"]["retireMinOutcomes"]:
                continue
            dec = agent_decision(stats[a], cfg)
            if dec == "KILL":
                status[a] = 3
            elif dec == "RETIRE":
                status[a] = 2
            elif dec == "PROMOTE" and status[a] == 0 and cfg["promotion"]["enabled"]:
                status[a] = 1
    if cfg["kill"]["enabled"] and cfg["kill"]["classKill"] and kill_list is not None:
        for k in range(nK):
            # a class is judged once one of its agents has joined the roster
            if cstatus[k] == 0 and any(joined[a] and agents[a]["class"] == k for a in range(nA)):
                cstatus[k] = class_decision(strategies[k], cls_pnl[k], kill_list, cfg)
                follow_class(k, agents, joined, status, cstatus)
    if mode != "seed":
        aw = allocate()
    fw = [aw[a] if in_play(a) else 0.0 for a in range(nA)]
    # 5. symbol targets from the live long findings, oldest first
    lv = [(f[0], f[1], f[2], f[3]) for j, f in sorted(live.items()) if f[4] > 0]
    tp = cfg["targets"]
    sym = targets_seed(lv, fw, nS, tp) if mode == "seed" else targets_default(lv, fw, nS, nA, tp)
    # 6. regime: the last row at or before t, else governor.regime_default
    r = cfg["governor"]["regimeDefault"]
    for (ts, m) in regime:
        if ts <= t:
            r = m
    nxt = [v * r for v in sym]
    return {
        "t": t,
        "agents": {agents[a]["name"]: dict(stats[a], multiplier=mult[a], allocator_weight=aw[a], weight=fw[a],
                                           status=status[a]) for a in roster},
        "cvar": {(strategies[k] if k < nK else ""): cvar[k] for k in range(nK + 1)},
        "class_status": {strategies[k]: cstatus[k] for k in range(nK)},
        "proposed": nxt,
        "regime": r,
        "_next": nxt,
    }


def clean(x):
    if isinstance(x, float):
        return None if x != x or x in (math.inf, -math.inf) else x
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.floating,)):
        return clean(float(x))
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.bool_,)):
        return bool(x)
    return x


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python3 test/reference/cycle_reference.py IN.json OUT.json\n")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])

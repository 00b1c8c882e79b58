"""The seeds' own Python for each function of the parity contract, to compute expected values.

Usage:
  python3 test/reference/seed_functions.py --verify-seeds /work/shared/seeds
      checks that every block below is still, character for character, the seed text it names;
  python3 test/reference/seed_functions.py --check CASES.jsonl [...]
      runs every case and compares with its `expected` / `raises` under the contract's rule
      (shared/parity/CONTRACT.md: |a - e| <= 1e-9 * max(1, |e|), key sets, lists element-wise).
  From Python: `run_case(fn, args)` -> ("actual", value) or ("raises", "<ExceptionName>").

The blocks S000_* .. S004_* are VERBATIM seed code (file and line range in each block's
comment and tuple), executed as is in a fresh namespace per call. Only the glue below them is
ours: it takes the arguments from `args` and stands in for the seeds' file I/O and imports
(the schedule file, reconciled.jsonl, the confidence state, strategy_cvar_run). Where an
argument is absent the seed's own default (module constant or keyword default) applies.
promotion_decision, strategy_kill and governor_allocate have no seed code: the contract
defines them as readings of the prose ("faithful?" column), and the functions at the end
code the contract's readings (CONTRACT.md, "Where the seed is silent").
"""
import json
import math
import sys

# seed 000_4c02bce412d9273c.txt, lines 33-138: imports and class CapitalAllocator (allocate, _severity_multiplier, _empty_portfolio)
S000_CAPITAL_ALLOCATOR = ('000_4c02bce412d9273c.txt', 33, 138, r'''
import json
import math
from collections import defaultdict
from typing import Dict, List, Any
from datetime import datetime
import os


class CapitalAllocator:
    def __init__(
        self,
        schedule_path: str = "agent_schedule.json",
        max_agent_weight: float = 0.25,
        max_symbol_weight: float = 0.20,
        cash_buffer: float = 0.10
    ):
        self.schedule_path = schedule_path
        self.max_agent_weight = max_agent_weight
        self.max_symbol_weight = max_symbol_weight
        self.cash_buffer = cash_buffer

        self.agent_config = self._load_schedule()

    def _load_schedule(self) -> Dict[str, Any]:
        with open(self.schedule_path, "r") as f:
            return json.load(f)

    def allocate(
        self,
        findings: List[Dict[str, Any]],
        portfolio_value: float = 1.0
    ) -> Dict[str, Any]:
        """
        Main allocation entrypoint.

        Returns normalized portfolio targets.
        """
        raw_allocations = defaultdict(float)
        agent_contributions = defaultdict(float)

        # 1️⃣ Agent → signal → raw capital
        for f in findings:
            agent = f.get("agent")
            symbol = f.get("symbol")
            severity = f.get("severity", "low")
            confidence = float(f.get("confidence", 0.5))

            if not agent or not symbol:
                continue

            cfg = self.agent_config.get(agent)
            if not cfg or not cfg.get("enabled", False):
                continue

            agent_weight = min(cfg.get("weight", 0), self.max_agent_weight)
            severity_mult = self._severity_multiplier(severity)

            capital = agent_weight * confidence * severity_mult

            raw_allocations[symbol] += capital
            agent_contributions[agent] += capital

        # 2️⃣ Normalize + enforce symbol caps
        total_risk = sum(raw_allocations.values())
        if total_risk == 0:
            return self._empty_portfolio()

        normalized = {}
        for symbol, w in raw_allocations.items():
            norm = w / total_risk
            capped = min(norm, self.max_symbol_weight)
            normalized[symbol] = capped

        # 3️⃣ Cash buffer
        used = sum(normalized.values())
        cash = max(self.cash_buffer, 1.0 - used)

        # 4️⃣ Final scaling
        scale = (1.0 - cash) / max(sum(normalized.values()), 1e-9)
        for symbol in normalized:
            normalized[symbol] *= scale * portfolio_value

        return {
            "timestamp": datetime.utcnow().isoformat(),
            "portfolio_value": portfolio_value,
            "targets": normalized,
            "cash": cash * portfolio_value,
            "agent_contributions": dict(agent_contributions),
        }

    def _severity_multiplier(self, severity: str) -> float:
        return {
            "low": 0.5,
            "medium": 1.0,
            "high": 1.5,
            "critical": 2.0,
        }.get(severity, 1.0)

    def _empty_portfolio(self):
        return {
            "timestamp": datetime.utcnow().isoformat(),
            "portfolio_value": 1.0,
            "targets": {},
            "cash": 1.0,
            "agent_contributions": {},
        }
''')


# seed 001_ed573ff7483b3d11.txt, lines 21-23: imports of meta_supervisor/allocation.py (lines 24-25 import the two functions the glue passes in)
S001_IMPORTS = ('001_ed573ff7483b3d11.txt', 21, 23, r'''
import json
from pathlib import Path
from math import sqrt
''')


# seed 001_ed573ff7483b3d11.txt, lines 29-33: tunables of meta_supervisor/allocation.py
S001_TUNABLES = ('001_ed573ff7483b3d11.txt', 29, 33, r'''
# ---- Tunables (quant defaults) ----
MAX_WEIGHT = 0.25          # never allow a single agent >25%
MIN_CONF = 0.50            # confidence decay floor already enforces this
CVAR_PENALTY_K = 0.015     # how strongly CVaR reduces capital
DD_PENALTY_K = 0.01        # drawdown sensitivity
''')


# seed 001_ed573ff7483b3d11.txt, lines 35-110: _safe and compute_weights
S001_COMPUTE_WEIGHTS = ('001_ed573ff7483b3d11.txt', 35, 110, r'''
def _safe(x, d=0.0):
    try:
        return float(x)
    except Exception:
        return d

def compute_weights(agent_stats: dict) -> dict:
    raw = {}

    # Strategy-level CVaR (expected vs realized gap)
    strategy_cvar = strategy_cvar_run(horizon_hours=24)

    for name, s in agent_stats.items():
        pnl = _safe(s.get("pnl_sum_bps"))
        hit = _safe(s.get("hit_rate"))
        err = _safe(s.get("error_rate"))
        avg_abs_err = _safe(s.get("avg_abs_error_bps"), 999)
        strategy = s.get("strategy", "unclassified")

        # --- Hard safety gates ---
        if err > 0.15:
            continue
        if pnl <= 0:
            continue

        # --- Base alpha quality score ---
        # concave: rewards consistency over spikes
        q = sqrt(max(pnl, 0)) * (0.6 + hit)

        # --- Confidence decay (from realized vs expected error) ---
        conf_mult = get_confidence_multiplier(name)
        q *= conf_mult

        # --- Simulation integrity penalty ---
        # penalize if live vs sim error is large
        sim_penalty = 1.0 / (1.0 + avg_abs_err / 75.0)
        q *= sim_penalty

        # --- Strategy CVaR penalty ---
        strat_cvar = _safe(strategy_cvar.get(strategy, {}).get("gap_cvar95_bps", 0))
        if strat_cvar < 0:
            q *= max(0.25, 1.0 + strat_cvar * CVAR_PENALTY_K)

        # --- Optional drawdown awareness (if present) ---
        dd = _safe(s.get("max_drawdown_bps", 0))
        if dd < 0:
            q *= max(0.4, 1.0 + dd * DD_PENALTY_K)

        if q > 0:
            raw[name] = q

    total = sum(raw.values())
    if total <= 0:
        return {}

    # Normalize
    weights = {k: v / total for k, v in raw.items()}

    # Cap max weight & renormalize
    capped = {}
    excess = 0.0
    for k, w in weights.items():
        if w > MAX_WEIGHT:
            capped[k] = MAX_WEIGHT
            excess += w - MAX_WEIGHT
        else:
            capped[k] = w

    if excess > 0:
        free = sum(v for v in capped.values() if v < MAX_WEIGHT)
        if free > 0:
            for k in capped:
                if capped[k] < MAX_WEIGHT:
                    capped[k] += excess * (capped[k] / free)

    return {k: round(v, 6) for k, v in capped.items()}
''')


# seed 003_f6a2bee3fdda9415.txt, lines 16-48: imports, paths and tunables of meta_supervisor/confidence_decay.py
S003_CONFIDENCE_DECAY = ('003_f6a2bee3fdda9415.txt', 16, 48, r'''
import json
import math
from pathlib import Path
from collections import defaultdict
from datetime import datetime, timezone

RECON = Path("alpha/reconciled.jsonl")
STATE = Path("meta_supervisor/state/confidence_multipliers.json")

# ---------- Tunables (production-safe defaults) ----------
HORIZON_HOURS = 24

# How quickly history fades (in number of reconciled signals per agent)
HALF_LIFE_SIGNALS = 80

# Penalty scaling: abs_error of ~50 bps is meaningful
LOSS_K_BPS = 50.0

# Hard bounds (so allocation never goes infinite or zero without a kill decision)
FLOOR = 0.50
CEIL = 1.10

# Per-signal penalty ceiling (prevents a single point from nuking the multiplier)
PENALTY_CAP = 0.08

# Loss amplifier: if realized < 0, penalize more than just abs_error
LOSS_AMPLIFIER = 1.3

# Optional tiny boost for strong stability streaks (kept small + capped)
STABILITY_BOOST = 0.02
STABILITY_GOOD_ERR_BPS = 30.0
STABILITY_MIN_GOOD = 10
# --------------------------------------------------------
''')


# seed 003_f6a2bee3fdda9415.txt, lines 51-175: _now .. update_confidence_multipliers, get_confidence_multiplier
S003_FUNCTIONS = ('003_f6a2bee3fdda9415.txt', 51, 175, r'''
def _now():
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _load_jsonl(p: Path) -> list[dict]:
    if not p.exists():
        return []
    return [json.loads(x) for x in p.read_text().splitlines() if x.strip()]


def _load_state() -> dict:
    if not STATE.exists():
        return {"version": 1, "generated_at": None, "multipliers": {}}
    try:
        return json.loads(STATE.read_text())
    except Exception:
        return {"version": 1, "generated_at": None, "multipliers": {}}


def _save_state(s: dict):
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(s, indent=2))


def _sigmoid_penalty(abs_error_bps: float) -> float:
    """
    Maps abs_error_bps -> penalty in [0, PENALTY_CAP].
    0 bps -> 0 penalty
    50 bps -> moderate penalty
    150+ bps -> near cap
    """
    x = max(0.0, float(abs_error_bps))
    return (x / (x + LOSS_K_BPS)) * PENALTY_CAP


def update_confidence_multipliers(limit_rows: int = 8000) -> dict:
    """
    Recomputes confidence multipliers based on reconciled signal error.
    Uses exponentially weighted penalties with half-life in signals.
    """
    recon = _load_jsonl(RECON)
    recon = [r for r in recon if int(r.get("horizon_hours", 0)) == HORIZON_HOURS]
    if not recon:
        state = _load_state()
        if state.get("generated_at") is None:
            state["generated_at"] = _now()
            _save_state(state)
        return state

    recon = recon[-limit_rows:]

    # group by agent in file order (approx chronological)
    by_agent: dict[str, list[dict]] = defaultdict(list)
    for r in recon:
        a = r.get("agent") or "unknown"
        by_agent[a].append(r)

    prev = _load_state()
    prev_mult = prev.get("multipliers", {}) or {}

    # exponential forgetting factor
    lam = math.log(2.0) / max(HALF_LIFE_SIGNALS, 1)

    multipliers: dict[str, float] = dict(prev_mult)  # keep agents not seen today

    for agent, rows in by_agent.items():
        m = float(prev_mult.get(agent, 1.0))

        good = 0
        bad = 0

        n = len(rows)
        # last 250 signals is plenty; still EW-weighted
        tail = rows[-250:]

        for i, r in enumerate(tail):
            try:
                abs_err = float(r.get("abs_error_bps", 0.0) or 0.0)
                realized = float(r.get("realized_pnl_bps", 0.0) or 0.0)
            except Exception:
                continue

            # weight: newer signals matter more
            # map i to global index within agent series (approx)
            # newer => smaller exponent => higher weight
            global_idx = (n - len(tail) + i)
            age = (n - 1 - global_idx)
            w = math.exp(-lam * max(age, 0))

            pen = _sigmoid_penalty(abs_err) * w
            if realized < 0:
                pen *= LOSS_AMPLIFIER

            # multiplicative decay
            m *= (1.0 - pen)

            # track stability stats
            if realized > 0 and abs_err <= STABILITY_GOOD_ERR_BPS:
                good += 1
            if realized < 0 and abs_err >= (STABILITY_GOOD_ERR_BPS * 2):
                bad += 1

        # small boost if consistently good and not “bad”
        if good >= STABILITY_MIN_GOOD and bad == 0:
            m *= (1.0 + STABILITY_BOOST)

        # clamp
        m = max(FLOOR, min(CEIL, m))
        multipliers[agent] = round(m, 4)

    out = {"version": 1, "generated_at": _now(), "multipliers": multipliers}
    _save_state(out)
    return out


def get_confidence_multiplier(agent_name: str) -> float:
    """
    Safe accessor used by allocation.py.
    """
    state = _load_state()
    mult = (state.get("multipliers") or {}).get(agent_name)
    try:
        return float(mult) if mult is not None else 1.0
    except Exception:
        return 1.0
''')


# seed 004_5d6ef4ea7050a4d2.txt, lines 109-116: strategy_attribution (meta-supervisor attribution logic)
S004_STRATEGY_ATTRIBUTION = ('004_5d6ef4ea7050a4d2.txt', 109, 116, r'''
def strategy_attribution(events):
    by_strategy = {}
    for e in events:
        s = e["strategy"]
        by_strategy.setdefault(s, []).append(e["pnl_bps"])
    return {
        s: sum(v) for s,v in by_strategy.items()
    }
''')


# seed 004_5d6ef4ea7050a4d2.txt, lines 126-140: allocation/capital_sim.py compute_weights
S004_CAPITAL_SIM = ('004_5d6ef4ea7050a4d2.txt', 126, 140, r'''
def compute_weights(agent_stats, min_weight=0.02):
    total_alpha = sum(max(0, a["pnl_sum_bps"]) for a in agent_stats.values())
    weights = {}

    for name, a in agent_stats.items():
        alpha = max(0, a["pnl_sum_bps"])
        w = alpha / total_alpha if total_alpha else 0
        weights[name] = max(min_weight, round(w, 4))

    # normalize
    s = sum(weights.values())
    for k in weights:
        weights[k] = round(weights[k] / s, 4)

    return weights
''')


# ---------------------------------------------------------------- glue (ours)


def _namespace(*blocks):
    """Returns a fresh module namespace in which the verbatim blocks were executed, in order."""
    ns = {"__name__": "seed"}
    for block in blocks:
        exec(_compiled(block), ns)
    return ns


_CODE = {}


def _compiled(block):
    """Returns the block's code object, compiled once."""
    file, a, b, text = block
    if (file, a) not in _CODE:
        _CODE[(file, a)] = compile(text, f"<{file}:{a}-{b}>", "exec")
    return _CODE[(file, a)]


def capital_allocate(args):
    """Seed 000 CapitalAllocator.allocate on the case's schedule; the timestamp is dropped."""
    ns = _namespace(S000_CAPITAL_ALLOCATOR)
    cls = ns["CapitalAllocator"]
    allocator = cls.__new__(cls)  # __init__ would read agent_schedule.json: set its fields here
    allocator.schedule_path = "agent_schedule.json"
    allocator.max_agent_weight = args.get("max_agent_weight", 0.25)
    allocator.max_symbol_weight = args.get("max_symbol_weight", 0.20)
    allocator.cash_buffer = args.get("cash_buffer", 0.10)
    allocator.agent_config = args.get("schedule", {})
    if "portfolio_value" in args:
        out = allocator.allocate(args.get("findings", []), args["portfolio_value"])
    else:
        out = allocator.allocate(args.get("findings", []))
    del out["timestamp"]
    return out


def _confidence_namespace(args, multipliers_state):
    """Seed 003's module with its tunables from args and its files replaced by arguments."""
    ns = _namespace(S003_CONFIDENCE_DECAY, S003_FUNCTIONS)
    for k in ("HORIZON_HOURS", "HALF_LIFE_SIGNALS", "LOSS_K_BPS", "FLOOR", "CEIL", "PENALTY_CAP",
              "LOSS_AMPLIFIER", "STABILITY_BOOST", "STABILITY_GOOD_ERR_BPS", "STABILITY_MIN_GOOD"):
        if k in args:
            ns[k] = args[k]
    ns["_now"] = lambda: "1970-01-01T00:00:00Z"
    ns["_save_state"] = lambda s: None
    ns["_load_state"] = lambda: {"version": 1, "generated_at": None, "multipliers": multipliers_state}
    return ns


def risk_weights(args):
    """Seed 001 compute_weights; strategy_cvar_run() and seed 003's state are the arguments."""
    ns = _namespace(S001_IMPORTS, S001_TUNABLES, S001_COMPUTE_WEIGHTS)
    for k in ("MAX_WEIGHT", "CVAR_PENALTY_K", "DD_PENALTY_K"):
        if k in args:
            ns[k] = args[k]
    strategy_cvar = args.get("strategy_cvar", {})
    ns["strategy_cvar_run"] = lambda horizon_hours=24: strategy_cvar
    decay = _confidence_namespace({}, args.get("confidence_multipliers", {}))
    ns["get_confidence_multiplier"] = decay["get_confidence_multiplier"]
    return ns["compute_weights"](args.get("agent_stats", {}))


def update_confidence(args):
    """Seed 003 update_confidence_multipliers: rows are reconciled.jsonl, prev the state's map."""
    ns = _confidence_namespace(args, args.get("prev_multipliers", {}))
    rows = list(args.get("rows", []))
    ns["_load_jsonl"] = lambda p: rows
    if "limit_rows" in args:
        out = ns["update_confidence_multipliers"](args["limit_rows"])
    else:
        out = ns["update_confidence_multipliers"]()
    return out["multipliers"]


def pnl_weights(args):
    """Seed 004 capital_sim.compute_weights."""
    ns = _namespace(S004_CAPITAL_SIM)
    if "min_weight" in args:
        return ns["compute_weights"](args["agent_stats"], args["min_weight"])
    return ns["compute_weights"](args["agent_stats"])


def strategy_attribution(args):
    """Seed 004 strategy_attribution."""
    return _namespace(S004_STRATEGY_ATTRIBUTION)["strategy_attribution"](args["events"])


# ---------------------------------------------------------------- the contract's readings (ours)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def promotion_decision(args):
    """Contract reading of 003 §4: pnl_sum_bps > 150, hit_rate >= 0.55, error_rate == 0,
    avg_abs_error_bps <= 60, avg_pnl_error_bps >= -20; a missing, null, bool or non-number
    value fails its gate (HOLD)."""
    s = args["stats"]
    gates = (("pnl_sum_bps", lambda v: v > 150), ("hit_rate", lambda v: v >= 0.55),
             ("error_rate", lambda v: v == 0), ("avg_abs_error_bps", lambda v: v <= 60),
             ("avg_pnl_error_bps", lambda v: v >= -20))
    ok = all(_is_number(s.get(k)) and test(s.get(k)) for k, test in gates)
    return "PROMOTE" if ok else "HOLD"


def strategy_kill(args):
    """Contract reading of 004's kill list: drawdown of the left-to-right cumulative pnl from a
    peak starting at 0; hit rate = share of pnl_bps > 0 (None without events); breaches strict,
    each only if its key is present; DISABLED (exact) -> KILL, else any breach -> RETIRE, else
    ACTIVE; classes in event order, then kill-list-only ones; agents and retired_agents sorted."""
    events_by_strategy = args["events_by_strategy"]
    kill_list = args.get("kill_list", {}) or {}
    names = list(events_by_strategy) + [k for k in kill_list if k not in events_by_strategy]
    strategies = {}
    retired = set()
    for name in names:
        events = events_by_strategy.get(name, [])
        pnls = [e["pnl_bps"] for e in events]
        agents = sorted({e["agent"] for e in events})
        cum, peak, dd = 0.0, 0.0, 0.0
        for p in pnls:
            cum += p
            peak = max(peak, cum)
            dd = min(dd, cum - peak)
        hit = sum(1 for p in pnls if p > 0) / len(pnls) if pnls else None
        reasons = []
        if name in kill_list:
            entry = kill_list[name]
            if entry.get("status") == "DISABLED":
                reasons.append("status_disabled")
            if "max_drawdown_bps" in entry and dd < entry["max_drawdown_bps"]:
                reasons.append("max_drawdown_breach")
            if "min_hit_rate" in entry and hit is not None and hit < entry["min_hit_rate"]:
                reasons.append("min_hit_rate_breach")
        decision = "KILL" if reasons[:1] == ["status_disabled"] else "RETIRE" if reasons else "ACTIVE"
        if decision != "ACTIVE":
            retired.update(agents)
        strategies[name] = {"decision": decision, "reasons": reasons, "n_events": len(pnls),
                            "pnl_sum_bps": sum(pnls), "max_drawdown_bps": dd, "hit_rate": hit,
                            "agents": agents}
    return {"strategies": strategies, "retired_agents": sorted(retired)}


def governor_allocate(args):
    """Contract reading of 002: negative scores count as 0; no positive score -> equal split;
    s_i / sum s; clamp to [min_alloc, max_alloc]; renormalize once; x risk_multiplier."""
    scores = args.get("scores", {})
    lo, hi = args.get("min_alloc", 0.05), args.get("max_alloc", 0.40)
    rm = args.get("risk_multiplier", 1.0)
    s = {k: max(0.0, v) for k, v in scores.items()}
    tot = sum(s.values())
    al = {k: 1.0 / len(s) for k in s} if tot <= 0 else {k: v / tot for k, v in s.items()}
    clamped = {k: min(max(v, lo), hi) for k, v in al.items()}
    t = sum(clamped.values())
    return {k: v / t * rm for k, v in clamped.items()}


FUNCTIONS = {
    "capital_allocate": capital_allocate,
    "governor_allocate": governor_allocate,
    "pnl_weights": pnl_weights,
    "promotion_decision": promotion_decision,
    "risk_weights": risk_weights,
    "strategy_attribution": strategy_attribution,
    "strategy_kill": strategy_kill,
    "update_confidence": update_confidence,
}


def run_case(fn, args):
    """Returns ("actual", output) or ("raises", exception class name) for one case's args."""
    try:
        return "actual", FUNCTIONS[fn](args)
    except Exception as e:  # the seed raised: a result, as in quirks.jsonl
        return "raises", type(e).__name__


# ---------------------------------------------------------------- the contract's comparison rule


def first_difference(actual, expected, path="$"):
    """Returns the first place where actual differs from expected (contract rule), or None."""
    def kind(v):
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, (int, float)):
            return "number"
        return {str: "string", list: "list", dict: "object"}[type(v)]
    ka, ke = kind(actual), kind(expected)
    if ka != ke:
        return f"{path}: expected {ke} {expected!r}, found {ka} {actual!r}"
    if ka == "number":
        ok = actual == expected or abs(actual - expected) <= 1e-9 * max(1, abs(expected))
        return None if ok else f"{path}: expected {expected!r}, found {actual!r}"
    if ka == "list":
        for i, (a, e) in enumerate(zip(actual, expected)):
            d = first_difference(a, e, f"{path}[{i}]")
            if d:
                return d
        return None if len(actual) == len(expected) else f"{path}: expected {len(expected)} items, found {len(actual)}"
    if ka == "object":
        if set(actual) != set(expected):
            return f"{path}: expected keys {sorted(expected)}, found {sorted(actual)}"
        for k in expected:
            d = first_difference(actual[k], expected[k], f"{path}.{k}")
            if d:
                return d
        return None
    return None if actual == expected else f"{path}: expected {expected!r}, found {actual!r}"


def json_round_trip(v):
    """Returns v as a JSON reader sees it (int keys become strings, tuples lists); NaN/inf refused."""
    return json.loads(json.dumps(v, allow_nan=False))


def check_files(paths):
    """Runs every case of the files; prints mismatches and a summary; returns the mismatch count."""
    total = bad = 0
    for path in paths:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            c = json.loads(line)
            total += 1
            kind, value = run_case(c["fn"], c["args"])
            if c.get("raises") is not None:
                d = None if kind == "raises" else f"$: expected raises {c['raises']}, found {value!r}"
            elif kind == "raises":
                d = f"$: expected {c['expected']!r}, found raises {value}"
            else:
                d = first_difference(json_round_trip(value), c["expected"])
            if d:
                bad += 1
                if bad <= 20:
                    print(f"mismatch {c['id']} ({path}:{n}): {d}")
    print(f"{total - bad}/{total} cases match")
    return bad


def verify_seed_text(seeds_dir):
    """Returns the names of the blocks that are no longer the seed text they cite."""
    stale = []
    for name, (file, a, b, text) in sorted(BLOCKS.items()):
        with open(f"{seeds_dir}/{file}", encoding="utf-8") as f:
            lines = f.read().split("\n")[a - 1:b]
        if "\n" + "\n".join(lines) + "\n" != text:
            stale.append(name)
    return stale


BLOCKS = {k: v for k, v in globals().items() if k.startswith("S00") and isinstance(v, tuple)}

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify-seeds":
        stale = verify_seed_text(sys.argv[2])
        print("every block is verbatim" if not stale else f"not verbatim: {', '.join(stale)}")
        sys.exit(1 if stale else 0)
    if len(sys.argv) >= 3 and sys.argv[1] == "--check":
        sys.exit(1 if check_files(sys.argv[2:]) else 0)
    sys.exit(__doc__)

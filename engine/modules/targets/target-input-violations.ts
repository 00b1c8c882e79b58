/**
 * Input checks for the default-mode target step (the fix for Q000-3 and Q000-5): the shell
 * turns these into a BtInputError; allocateTargets asserts there are none.
 */
import type { InputErrorDetail } from '../../core/errors.js';
import type { TargetFindings, TargetParams } from './allocate-targets.js';

function isFraction(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}

/** Returns every violation (field, expected, found) of the default-mode target inputs; empty when valid. */
export function targetInputViolations(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
): InputErrorDetail[] {
  const out: InputErrorDetail[] = [];
  const frac = 'a number in [0, 1]';
  for (const key of ['maxAgentWeight', 'maxSymbolWeight', 'cashBuffer'] as const) {
    if (!isFraction(params[key])) out.push({ field: key, expected: frac, found: String(params[key]) });
  }
  agentWeight.forEach((w, a) => {
    if (!(Number.isFinite(w) && w >= 0)) {
      out.push({ field: `agent_weight[${a}]`, expected: 'a finite number >= 0', found: String(w) });
    }
  });
  for (let f = 0; f < findings.n; f++) {
    const a = findings.agentId[f] ?? -1;
    const s = findings.symbolId[f] ?? -1;
    const c = findings.confidence[f] ?? Number.NaN;
    const m = findings.severityMult[f] ?? Number.NaN;
    if (!(a >= 0 && a < agentWeight.length)) {
      out.push({ row: f, field: 'agent', expected: `an agent id in [0, ${agentWeight.length})`, found: String(a) });
    }
    if (!(s >= 0 && s < nSymbols)) {
      out.push({ row: f, field: 'symbol', expected: `a symbol id in [0, ${nSymbols})`, found: String(s) });
    }
    if (!isFraction(c)) out.push({ row: f, field: 'confidence', expected: frac, found: String(c) });
    if (!(Number.isFinite(m) && m >= 0)) {
      out.push({ row: f, field: 'severity', expected: 'a finite multiplier >= 0', found: String(m) });
    }
  }
  return out;
}

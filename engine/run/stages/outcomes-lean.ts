import { appendEventColumns, appendInOrderOutcomeBlock, claimEventRows, type EventColumns } from '../../events/log.js';
import { doubledF64, padF64To } from '../../core/growable.js';
import { expectedPnlBps, realizedPnlBps, type ScoreLinearModel } from '../../modules/reconcile/reconcile.js';
import { applyAgentBacklog, BACKLOG_CAP, beginOutcomeBlock, endOutcomeBlock, RECORD } from '../../modules/stats/outcome-window.js';
import { findingColumns, releaseInOrderTo } from '../pending-findings.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Returns true when stage 1 can reconcile the block due now in one pass (reconcileLeanBlock):
 * its findings leave in counter order (so their rows are consecutive), the expected pnl is
 * score-linear and seed decay takes no rows. The usual default-mode run, in memory or spilling
 * its log (bt run).
 */
export function isLeanBlock(st: RunState, data: RunData, cfg: RunConfig): boolean {
  if (st.pending.useHeap || cfg.expectedModel.kind !== 'score-linear' || (cfg.mode === 'seed' && cfg.decay.enabled)) return false;
  return !compactLog(st, data, cfg) || st.log.outcomes.expectedFrom !== null;
}

/** True when the block's outcomes go to the log as one compact block (in memory, findings in memory); false: as full rows, or not at all. */
function compactLog(st: RunState, data: RunData, cfg: RunConfig): boolean {
  return cfg.logOutcomes && st.log.sink === null && data.stream === undefined;
}

/** True when the block's outcomes go to the log as full outcome_reconciled rows (a log that spills, or streamed findings): reconcileLeanBlock's `rows`. */
export function leanBlockLogsRows(st: RunState, data: RunData, cfg: RunConfig): boolean {
  return cfg.logOutcomes && !compactLog(st, data, cfg);
}

/** The row columns of a block that logs no full rows (never written). */
const NO_ROWS: EventColumns = { agent: new Int32Array(0), symbol: new Int32Array(0), strategy: new Int32Array(0), v1: new Float64Array(0), v2: new Float64Array(0), v3: new Float64Array(0) };

/** What the log's compact block is given for its expected column: nothing (it recomputes them). */
const NO_EXPECTED = new Float64Array(0);

/**
 * Stage 1 on a lean block (isLeanBlock) of the n findings due at t (dueInOrderCount): each
 * reconciled and handed to every consumer in one pass, where the general path (outcomes.ts)
 * gathers the block into columns and then runs one loop per consumer. Each consumer still
 * takes the outcomes in the block's order, each sum its own in the same order, so the same
 * bits: the agent's statistics (its backlog and the time-window log, as addOutcomes writes
 * them), its class's figures and the class CVaR values (as recordDue adds them), and the log.
 * A block's findings come grouped by agent, so by class (M: runs of ~3 and ~95): a class's
 * figures and CVaR cursor stay in locals over its run, an agent's backlog cursor over its own.
 * `scratch` (n rows long, leanBlockLogsRows) is for the outcome_reconciled rows of a log that
 * keeps full rows: they are written into the log's own columns where its batch has room for the
 * block (claimEventRows), else into `scratch` and then appended; null: the log keeps a compact
 * block, or nothing. Returns n.
 */
export function reconcileLeanBlock(st: RunState, data: RunData, cfg: RunConfig, t: number, n: number, scratch: EventColumns | null): number {
  if (n === 0) return 0;
  // the log's full rows: in place at rowAt.., or in scratch from 0
  const rowAt = scratch === null ? -1 : claimEventRows(st.log, 'outcome_reconciled', t, n);
  const rows: EventColumns | null = rowAt >= 0 ? st.log : scratch;
  const p = st.pending;
  const ringMask = p.capacity - 1;
  const first = p.dueHead;
  const end = first + n;
  const rowBase = Math.max(rowAt, 0) - first; // outcome c's log row at rowBase + c
  const logRows = rows !== null;
  const { agent: rowAgent, symbol: rowSymbol, strategy: rowStrategy, v1: rowV1, v2: rowV2, v3: rowV3 } = rows ?? NO_ROWS;
  // gather: the findings' own columns (entry c's row at c & fm), its entry close, the latest closes
  const { symbol, agent, direction, confidence, severityMult, mask: fm } = findingColumns(p, data.findings);
  const entryClose = p.entryClose;
  const lastClose = st.portfolio.lastClose;
  const linear = cfg.expectedModel as ScoreLinearModel;
  // statistics: the agents' backlogs and the time-window log
  const stats = st.outcomes;
  const bl = beginOutcomeBlock(stats, cfg.stats, n);
  const records = bl.records;
  const pending = bl.pending;
  const logAgent = stats.logAgent;
  const logPnl = stats.logPnl;
  const logCap = logAgent.length;
  let logSlot = stats.logEnd % logCap; // the log slot of outcome c (its counter in the log % logCap)
  // class figures and CVaR values (slot `unclassified`: the agents of no class, no figures)
  const agentStrategy = data.agentStrategy;
  const unclassified = data.strategies.length;
  const acc = st.classAcc;
  let flat = 0; // outcomes of realized pnl exactly 0 (st.out.flatOutcomes)
  let c = first;
  while (c < end) {
    let a = agent[c & fm] as number;
    const cls = agentStrategy[a] as number;
    const cvar = st.cvarVal[cls >= 0 ? cls : unclassified] as RunState['cvarVal'][number];
    let values = cvar.data;
    let len = cvar.length;
    const runStart = c;
    let cum = 0;
    let peak = 0;
    let maxDd = 0;
    let hits = 0;
    if (cls >= 0) {
      cum = acc.sumBps[cls] as number;
      peak = acc.peakBps[cls] as number;
      maxDd = acc.maxDrawdownBps[cls] as number;
      hits = acc.hits[cls] as number;
    }
    for (;;) {
      const backlogBase = a * BACKLOG_CAP;
      let k = pending[a] as number;
      do {
        // gather
        const f = c & fm;
        const realized = realizedPnlBps(direction[f] as number, entryClose[c & ringMask] as number, lastClose[symbol[f] as number] as number);
        const expected = expectedPnlBps(linear, confidence[f] as number, severityMult[f] as number);
        const pnlErr = realized - expected;
        // statistics (addOutcomes): a full backlog is applied first
        if (k === BACKLOG_CAP) {
          pending[a] = k;
          applyAgentBacklog(stats, bl, a);
          k = 0;
        }
        const at = (backlogBase + k) * RECORD;
        records[at] = realized;
        records[at + 1] = pnlErr;
        k++;
        logAgent[logSlot] = a;
        logPnl[logSlot] = realized;
        if (++logSlot === logCap) logSlot = 0;
        // class figures (addClassOutcome's operations) and the CVaR value (pushF64's growth)
        cum += realized;
        if (cum > peak) peak = cum;
        const dd = cum - peak;
        if (dd < maxDd) maxDd = dd;
        hits += Number(realized > 0);
        flat += Number(realized === 0);
        if (len === values.length) values = doubledF64(values);
        values[len++] = pnlErr;
        // the log's full rows
        if (logRows) {
          const i = rowBase + c;
          rowAgent[i] = a;
          rowSymbol[i] = symbol[f] as number;
          rowStrategy[i] = cls;
          rowV1[i] = realized;
          rowV2[i] = expected;
          rowV3[i] = c; // the counter is the finding's row (pending-findings.ts)
        }
        c++;
      } while (c < end && agent[c & fm] === a);
      pending[a] = k;
      if (c === end) break;
      a = agent[c & fm] as number;
      if (agentStrategy[a] !== cls) break;
    }
    if (cls >= 0) {
      acc.n[cls] = (acc.n[cls] as number) + (c - runStart);
      acc.sumBps[cls] = cum;
      acc.peakBps[cls] = peak;
      acc.maxDrawdownBps[cls] = maxDd;
      acc.hits[cls] = hits;
    }
    cvar.data = values;
    cvar.length = len;
  }
  st.out.flatOutcomes += flat;
  endOutcomeBlock(stats, t, n);
  p.dueHead = end;
  releaseInOrderTo(p, end);
  // Every outcome of the block has time t: each CVaR slot's time column is brought level with its values by one fill.
  for (let k = 0; k <= unclassified; k++) padF64To(st.cvarTs[k] as RunState['cvarTs'][number], t, (st.cvarVal[k] as RunState['cvarVal'][number]).length);
  // Full rows written to scratch (the batch had no room for them) are appended now; without full
  // rows the log keeps the block compactly: its rows are consecutive from `first` (the counter is the finding's row).
  if (rows !== null && rowAt < 0) appendEventColumns(st.log, 'outcome_reconciled', t, rows, n);
  else if (rows === null && cfg.logOutcomes) appendInOrderOutcomeBlock(st.log, t, first, NO_EXPECTED, n);
  return n;
}

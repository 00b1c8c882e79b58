import { allocateTargets } from '../../modules/targets/capital-allocate.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Stage 5, targets: symbol targets (fractions of equity, before the regime multiplier) from
 * the live findings (emitted, not yet reconciled, long only) and the agents' final weights
 * (seed 000 CapitalAllocator.allocate in seed mode, progressive filling in default mode).
 */
export function proposeTargets(st: RunState, data: RunData, cfg: RunConfig, agentWeight: Float64Array): Float64Array {
  const live = collectLive(st);
  return allocateTargets(live, agentWeight, data.symbols.length, cfg.targets, cfg.mode).symbolWeight;
}

function collectLive(st: RunState) {
  const p = st.pending;
  const mask = p.capacity - 1;
  let n = 0;
  for (let c = p.head; c < p.tail; c++) if (p.live[c & mask] === 1 && (p.direction[c & mask] as number) > 0) n++;
  const agentId = new Int32Array(n);
  const symbolId = new Int32Array(n);
  const confidence = new Float64Array(n);
  const severityMult = new Float64Array(n);
  let j = 0;
  // Long-only book: a short finding (direction -1) carries no long capital.
  for (let c = p.head; c < p.tail; c++) {
    const k = c & mask;
    if (p.live[k] !== 1 || (p.direction[k] as number) <= 0) continue;
    agentId[j] = p.agent[k] as number;
    symbolId[j] = p.symbol[k] as number;
    confidence[j] = p.confidence[k] as number;
    severityMult[j] = p.severityMult[k] as number;
    j++;
  }
  return { n, agentId, symbolId, confidence, severityMult };
}


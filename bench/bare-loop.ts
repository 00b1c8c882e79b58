import type { RunData } from '../engine/run/run-data.js';

/**
 * The bare columnar loop the engine is measured against: findings and prices merged on one
 * clock (prices first at equal times, as the engine orders them), each finding's
 * allocator work (schedule weight x confidence x severity into its symbol's bucket),
 * nothing else. Returns the events it visited (prices + findings).
 */
export function bareLoop(data: RunData): number {
  const P = data.prices;
  const F = data.findings;
  const last = new Float64Array(data.symbols.length);
  const bucket = new Float64Array(data.symbols.length);
  const w = data.scheduleWeight;
  let pi = 0;
  let fi = 0;
  let events = 0;
  while (pi < P.n || fi < F.n) {
    const tP = pi < P.n ? (P.tsMs[pi] as number) : Infinity;
    const tF = fi < F.n ? (F.tsMs[fi] as number) : Infinity;
    if (tP <= tF) {
      last[P.symbolId[pi] as number] = P.close[pi] as number;
      pi++;
    } else {
      const s = F.symbolId[fi] as number;
      bucket[s] = (bucket[s] as number) + (w[F.agentId[fi] as number] as number) * (F.confidence[fi] as number) * (F.severityMult[fi] as number) * ((last[s] as number) > 0 ? 1 : 0);
      fi++;
    }
    events++;
  }
  // A checksum the loop cannot be optimized away without.
  let chk = 0;
  for (let s = 0; s < bucket.length; s++) chk += bucket[s] as number;
  if (!Number.isFinite(chk)) throw new Error('bare loop checksum is not finite');
  return events;
}

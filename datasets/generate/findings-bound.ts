/**
 * Largest expected findings (agents x bars x findings per agent per bar): their columns are held
 * in memory, ~33 bytes a finding and a grown copy (workload L: 49.9M). Beyond it the generator's
 * arrays could not be allocated (a RangeError, exit 3) or filled the memory.
 */
export const MAX_EXPECTED_FINDINGS = 200_000_000;

/** The violation of MAX_EXPECTED_FINDINGS by `agents` agents over `bars` bars at `rate` findings per agent per bar, or null. */
export function tooManyFindings(agents: number, bars: number, rate: number): { field: string; expected: string; found: string; hint: string } | null {
  const n = agents * bars * rate;
  if (!(n > MAX_EXPECTED_FINDINGS)) return null;
  return {
    field: '--findings-per-agent-per-bar',
    expected: `agents x bars x findings per agent per bar <= ${MAX_EXPECTED_FINDINGS}`,
    found: `${agents} agents x ${bars} bars x ${rate} = ${n}`,
    hint: 'Use fewer agents, a lower rate, a shorter span or a coarser --freq.',
  };
}

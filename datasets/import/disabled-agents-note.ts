/**
 * The note for an agents file in which no agent is enabled. A desk's list of agents and their
 * classes, without an `enabled` column, imports every agent disabled (seed 000's
 * `cfg.get("enabled", False)`), and a run then gives none of them capital: no fill, flat equity,
 * and no word anywhere of why.
 */

/** Returns the note when `enabled` (one flag per agent) holds no 1, else null; `hadColumn`: the input had an enabled column. */
export function disabledAgentsNote(enabled: Uint8Array, hadColumn: boolean): string | null {
  if (enabled.length === 0 || enabled.includes(1)) return null;
  const one = enabled.length === 1;
  const all = one ? 'the one agent' : `all ${enabled.length} agents`;
  return hadColumn
    ? `${all} ${one ? 'is' : 'are'} disabled (enabled false): bt run gives a disabled agent no capital`
    : `no enabled column, so ${all} ${one ? 'was' : 'were'} imported disabled (seed 000's default): bt run gives a disabled agent no capital; add a column enabled, true for each agent to fund`;
}

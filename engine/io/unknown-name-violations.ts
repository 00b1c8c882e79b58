/**
 * The errors for findings whose agent the agents file lacks, or whose symbol has no prices: one
 * per name, at its first row, with the fix. A desk's agent missing from the agents file is on
 * every row it wrote, and one line per row (20, then "... and 56 more") named it over and over
 * and said nothing of what to do.
 */
import type { InputErrorDetail, ViolationCollector } from '../core/errors.js';
import { unicodeTwinNote } from '../core/unicode-twin.js';

/** The first row (0-based) of each name a lookup missed, and whether later rows name it too. */
export class UnknownNames {
  // by name, in the order first met: the lookups visit rows in order, so that is first-row order
  private readonly byName = new Map<string, { readonly firstRow: number; repeated: boolean }>();

  /** Notes that `row` names `value`, which the run does not know. */
  add(row: number, value: string): void {
    const seen = this.byName.get(value);
    if (seen !== undefined) seen.repeated = true;
    else this.byName.set(value, { firstRow: row, repeated: false });
  }

  /**
   * Adds one violation per name to `v`, by first row, each made by `detail` from the name, its
   * 1-based first row and whether later rows name it too.
   */
  report(v: ViolationCollector, detail: (value: string, row: number, repeated: boolean) => InputErrorDetail): void {
    for (const [value, { firstRow, repeated }] of this.byName) v.add(detail(value, firstRow + 1, repeated));
  }
}

/** Said of a name on more than one row, whose later rows the error leaves out. */
const LATER_ROWS = 'its first row; later rows naming it are not listed';

/** The error for an agent the agents file `agentsFile` lacks (twin: the agents file's name for it in another Unicode form). */
export function unknownAgentDetail(findingsFile: string, row: number, repeated: boolean, value: string, twin: string | undefined, agentsFile: string): InputErrorDetail {
  const notes = [...(twin === undefined ? [] : [unicodeTwinNote(value, twin, agentsFile)]), ...(repeated ? [LATER_ROWS] : [])];
  return {
    file: findingsFile,
    row,
    field: 'agent',
    expected: `an agent listed in ${agentsFile}`,
    found: notes.length === 0 ? `'${value}'` : `'${value}' (${notes.join('; ')})`,
    ...(twin === undefined ? { hint: `Add a row for '${value}' to ${agentsFile} (bt data import agents), or drop its findings` } : {}),
  };
}

/** The error for a symbol with no prices in `pricesFile` (twin: the prices' name for it in another Unicode form). */
export function unknownSymbolDetail(findingsFile: string, row: number, repeated: boolean, value: string, twin: string | undefined, pricesFile: string): InputErrorDetail {
  const notes = ['no prices', ...(twin === undefined ? [] : [unicodeTwinNote(value, twin, pricesFile)]), ...(repeated ? [LATER_ROWS] : [])];
  return {
    file: findingsFile,
    row,
    field: 'symbol',
    expected: `a symbol with prices in ${pricesFile}`,
    found: `'${value}' (${notes.join('; ')})`,
    ...(twin === undefined ? { hint: `Add closes of '${value}' to ${pricesFile}, or drop its findings` } : {}),
  };
}

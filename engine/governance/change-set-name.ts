import { formatUtc } from './format-utc.js';

/** Returns the history folder name of the change set at `tsMs`: its UTC time without colons (portable file names), e.g. 2005-07-03T000000Z. */
export function changeSetName(tsMs: number): string {
  return formatUtc(tsMs).replace(/:/g, '');
}

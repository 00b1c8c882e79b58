/**
 * The total order of the event stream: timestamp, then kind rank, then source, then
 * sequence (row in its source; scheduled events number their own). Two events never
 * compare equal.
 */

/** Kinds of input and scheduled events on the virtual clock. */
export const EVENT_KINDS = ['price', 'finding', 'reconcile', 'tick'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Rank of each kind at one timestamp, with the reason for its place. */
export const KIND_RANK: Readonly<Record<EventKind, number>> = {
  // A bar's close at t is known before anything else happens at t: marks, fills and
  // reconciliations at t all use it.
  price: 0,
  // A finding at t enters with the price at t as its entry price and is usable from the
  // tick at t (it was known when the supervisor ran).
  finding: 1,
  // A reconciliation due at t+h uses the price at t+h (rank 0 above) and feeds the
  // statistics the tick at t+h sees.
  reconcile: 2,
  // The supervisor tick at t sees every price, finding and outcome at or before t. Its
  // targets fill at each symbol's next price strictly after t.
  tick: 3,
};

/** Identifies one event in the merged stream. */
export interface EventKey {
  readonly tsMs: number;
  readonly kind: EventKind;
  /** Source index (e.g. 0 for the single findings file). */
  readonly source: number;
  /** Row in its source, or the scheduled event's own number. */
  readonly seq: number;
}

/** Total comparator on events: tsMs, KIND_RANK, source, seq. */
export function compareEvents(a: EventKey, b: EventKey): number {
  return (
    a.tsMs - b.tsMs || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.source - b.source || a.seq - b.seq
  );
}

/** A trough label placed in the plot: its text and its box's top-left corner, in pixels from the plot's top-left. */
export interface PlacedTroughLabel {
  readonly label: string;
  readonly xPx: number;
  readonly yPx: number;
}

/** Font size of a trough label, px. */
export const TROUGH_LABEL_FONT_PX = 10;

/** Width of a trough label's character, px: 10 px sans-serif is ~6 px a character ('%' and '#' ~8); the box errs wide. */
export const TROUGH_LABEL_CHAR_PX = 6.5;

/** Height of a trough label's box, px. */
export const TROUGH_LABEL_HEIGHT_PX = 12;

/** Gap between a trough and its label, and least gap between two labels, px. */
const GAP_PX = 3;

/** Room under the deepest trough for its label: the label's height and two gaps. */
export const TROUGH_LABEL_ROOM_PX = TROUGH_LABEL_HEIGHT_PX + 2 * GAP_PX;

/**
 * Returns the bottom of an underwater chart's drawdown axis (a fraction < 0): the deepest
 * drawdown with room under it for its label (TROUGH_LABEL_ROOM_PX of `heightPx`), rounded down to
 * a step of 1, 2 or 5 x 10^k giving ~10 steps (-6.1% to -7%, not -8%). With vega's own nice a
 * trough at -6.0% sat on the axis and its label in the tick labels. 0 when nothing is under water.
 */
export function underwaterAxisMin(deepest: number, heightPx: number): number {
  if (!(deepest < 0)) return 0;
  const raw = (-deepest * heightPx) / (heightPx - TROUGH_LABEL_ROOM_PX);
  const rough = raw / 10;
  // the power of ten at or below `rough`, by IEEE products and quotients alone (no ** or log10: their last bits vary by platform)
  let mag = 1;
  while (mag > rough) mag /= 10;
  while (mag * 10 <= rough) mag *= 10;
  const step = ([1, 2, 5, 10].find((m) => m * mag >= rough) ?? 10) * mag;
  // the step count rounded to 9 digits first: 0.06 / 0.01 is 5.999999999999999
  return -Math.ceil(Number((raw / step).toFixed(9))) * step;
}

/** One episode to label: its trough (time, depth <= 0) and its label text, in rank order. */
export interface TroughToLabel {
  readonly trough: number;
  readonly depth: number;
  readonly label: string;
}

/**
 * Returns where each trough label goes in a plot of `widthPx` x `heightPx` whose x maps [x0Ms,
 * x1Ms] to [0, widthPx] and y maps [yMin, 0] to [heightPx, 0], and the labels that fit nowhere
 * (`dropped`, their texts). Labels in the given order (rank), each at the first of: below right of
 * its trough, below left, above right, above left, whose box is inside the plot (not over the
 * axes or the title), 3 px or more from every label placed, and under the curve (`curve`: the
 * drawn points, the area filled from 0 down to them); failing the last everywhere, the first
 * place that passes the other two. Pure: depends on its arguments only.
 */
export function placeTroughLabels(
  troughs: readonly TroughToLabel[],
  curveTsMs: readonly number[],
  curveDrawdown: readonly (number | null)[],
  x0Ms: number,
  x1Ms: number,
  yMin: number,
  widthPx: number,
  heightPx: number,
): { placed: PlacedTroughLabel[]; dropped: string[] } {
  const xOf = (ts: number): number => (x1Ms > x0Ms ? ((ts - x0Ms) / (x1Ms - x0Ms)) * widthPx : 0);
  const yOf = (d: number): number => (yMin < 0 ? (d / yMin) * heightPx : 0);
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const placed: PlacedTroughLabel[] = [];
  const dropped: string[] = [];
  const inside = (b: { x0: number; y0: number; x1: number; y1: number }): boolean => b.x0 >= 0 && b.x1 <= widthPx && b.y0 >= 0 && b.y1 <= heightPx;
  const clearOfLabels = (b: { x0: number; y0: number; x1: number; y1: number }): boolean => boxes.every((o) => b.x1 + GAP_PX <= o.x0 || o.x1 + GAP_PX <= b.x0 || b.y1 + GAP_PX <= o.y0 || o.y1 + GAP_PX <= b.y0);
  // the curve's lowest pixel (largest y) over a box's x span: the box is clear of the area below it
  const underCurve = (b: { x0: number; y0: number; x1: number; y1: number }): boolean => {
    for (let i = 0; i < curveTsMs.length; i++) {
      const d = curveDrawdown[i];
      const x = xOf(curveTsMs[i] as number);
      if (d !== null && d !== undefined && x >= b.x0 - 1 && x <= b.x1 + 1 && yOf(d) > b.y0) return false;
    }
    return true;
  };
  for (const t of troughs) {
    const w = t.label.length * TROUGH_LABEL_CHAR_PX;
    const h = TROUGH_LABEL_HEIGHT_PX;
    const px = xOf(t.trough);
    const py = yOf(t.depth);
    const candidates = [
      { x0: px + GAP_PX, y0: py + GAP_PX },
      { x0: px - GAP_PX - w, y0: py + GAP_PX },
      { x0: px + GAP_PX, y0: py - GAP_PX - h },
      { x0: px - GAP_PX - w, y0: py - GAP_PX - h },
    ].map((c) => ({ ...c, x1: c.x0 + w, y1: c.y0 + h }));
    const fits = candidates.filter((b) => inside(b) && clearOfLabels(b));
    const best = fits.find(underCurve) ?? fits[0];
    if (best === undefined) {
      dropped.push(t.label);
      continue;
    }
    boxes.push(best);
    placed.push({ label: t.label, xPx: best.x0, yPx: best.y0 });
  }
  return { placed, dropped };
}

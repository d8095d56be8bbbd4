/**
 * Where the timeline's labels go: a greedy pass over rows of text, the most important and the
 * newest first, so what happened near "now" is always labelled and nothing overlaps. Pure.
 */

export interface LabelPart {
  readonly text: string;
  /** A class for the part's colour ('' for plain). */
  readonly className: string;
}

export interface LabelWish {
  readonly parts: readonly LabelPart[];
  /** The point the label belongs to, in px. */
  readonly x: number;
  /** center: centred on x; beside: starts just right of x, else ends just left of it, else as near as fits. */
  readonly align: 'center' | 'beside';
  /** Rows the label may go in, in order of preference. */
  readonly rows: readonly number[];
  /** Lower ranks are placed first. */
  readonly rank: number;
  /** Newer labels (larger time) are placed first within a rank. */
  readonly time: number;
}

export interface PlacedLabel {
  readonly wish: LabelWish;
  readonly row: number;
  readonly left: number;
  readonly right: number;
}

export interface LabelLayout {
  /** Width of the area, px. */
  readonly width: number;
  /** Average width of a character, px (a conservative estimate for the font). */
  readonly charPx: number;
  /** Space kept between two labels of a row, and between a "beside" label and its point. */
  readonly gap: number;
}

export function labelText(wish: LabelWish): string {
  return wish.parts.map((p) => p.text).join('');
}

function span(wish: LabelWish, layout: LabelLayout): [number, number] {
  const w = labelText(wish).length * layout.charPx;
  const clamp = (left: number): [number, number] => {
    const l = Math.max(0, Math.min(layout.width - w, left));
    return [l, l + w];
  };
  if (wish.align === 'beside') {
    if (wish.x + layout.gap / 2 + w <= layout.width) return [wish.x + layout.gap / 2, wish.x + layout.gap / 2 + w];
    if (wish.x - layout.gap / 2 - w >= 0) return [wish.x - layout.gap / 2 - w, wish.x - layout.gap / 2];
    // Too long for either side: as close to its point as the area allows.
    return clamp(wish.x + layout.gap / 2);
  }
  return clamp(wish.x - w / 2);
}

/** Places as many labels as fit, none overlapping another in its row. */
export function placeLabels(wishes: readonly LabelWish[], layout: LabelLayout): PlacedLabel[] {
  const order = [...wishes].sort((a, b) => a.rank - b.rank || b.time - a.time);
  const placed: PlacedLabel[] = [];
  for (const wish of order) {
    const [left, right] = span(wish, layout);
    for (const row of wish.rows) {
      const clash = placed.some((p) => p.row === row && left < p.right + layout.gap && right > p.left - layout.gap);
      if (clash) continue;
      placed.push({ wish, row, left, right });
      break;
    }
  }
  return placed;
}

// Which node labels are drawn when the graph is zoomed out (pure: no Cytoscape import).
// Below zoom 1 a label is drawn at its normal screen size only where it overlaps no label already
// placed and stays inside the canvas, most important first: the CI under the pointer and the
// selection, change targets and the explanation path, services, hubs, then (once nearly zoomed
// in) any other CI; the rest wait for zooming in or hovering. From zoom 1 the layout leaves every
// label its room.

export interface LabelCandidate {
  id: string;
  ciClass: string;
  degree: number;
  selected: boolean;
  /** Overlay classes of the node (impact-*), to rank targets and paths first and skip dimmed CIs. */
  classes: ReadonlySet<string>;
  /** A roll-up group (its label is its count). */
  group?: boolean;
  /** Under the pointer. */
  hover?: boolean;
}

/** A node of at least this many relationships is a hub. */
export const HUB_DEGREE = 8;
/** At most this many labels are drawn below zoom 1 (the rest need zooming in). */
export const MAX_KEY_LABELS = 80;
/** The rank of a CI that does not matter more than another: labelled, where room is left, once nearly zoomed in. */
export const ORDINARY_RANK = 5;

const SERVICE_CLASSES = new Set(['business_service', 'technical_service']);
const IMPACTED = ['impact-down', 'impact-degraded', 'impact-at_risk'];

/**
 * How much a node's label matters (0 most), or null when it waits for zooming in whatever room is left:
 * 0 the CI under the pointer and the selection, 1 change targets, the explanation path, SPOFs, the
 * asked-about CI and roll-up groups, 2 impacted services, 3 other services, 4 hubs (most
 * relationships first, by the caller's sort), ORDINARY_RANK the rest. A dimmed or faded CI only
 * keeps its label when selected, hovered or on the path.
 */
export function labelRank(c: LabelCandidate): number | null {
  if (c.selected || c.hover) return 0;
  if (c.group || c.classes.has('impact-target') || c.classes.has('impact-path') || c.classes.has('impact-spof') || c.classes.has('impact-root')) return 1;
  if (c.classes.has('impact-dim') || c.classes.has('impact-faded')) return null;
  const service = SERVICE_CLASSES.has(c.ciClass);
  if (service && IMPACTED.some((cls) => c.classes.has(cls))) return 2;
  if (service) return 3;
  if (c.degree >= HUB_DEGREE) return 4;
  return ORDINARY_RANK;
}

export interface RankedLabel {
  id: string;
  rank: number;
}

/** Candidates of rank `maxRank` or better, most important first (then more relationships, then id). */
export function rankLabels(candidates: readonly LabelCandidate[], maxRank = ORDINARY_RANK - 1): RankedLabel[] {
  const ranked: { id: string; rank: number; degree: number }[] = [];
  for (const c of candidates) {
    const rank = labelRank(c);
    if (rank !== null && rank <= maxRank) ranked.push({ id: c.id, rank, degree: c.degree });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.map((r) => ({ id: r.id, rank: r.rank }));
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Where a label may sit around its node, in order of preference. */
export const LABEL_SLOTS = ['bottom', 'top', 'right', 'left', 'bottom-right', 'top-right', 'bottom-left', 'top-left'] as const;
export type LabelSlot = (typeof LABEL_SLOTS)[number];

export interface PlacedLabel {
  id: string;
  slot: LabelSlot;
}

function overlaps(a: Box, b: Box): boolean {
  return Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1);
}

function within(a: Box, bounds: Box): boolean {
  return a.x1 >= bounds.x1 && a.y1 >= bounds.y1 && a.x2 <= bounds.x2 && a.y2 <= bounds.y2;
}

/** The shapes of the nodes on screen, which a label covers only when it has no other side. */
export interface Obstacle {
  id: string;
  box: Box;
}

/**
 * Greedy placement: walks the ranked labels and keeps each in the first slot whose label box (on
 * screen) lies inside `bounds`, overlaps no label kept before it and covers no other node; when
 * every such slot covers a node, the first that overlaps no label. A label with no slot at all is
 * not drawn (hovering or zooming in shows it); up to `limit` labels. Labels without a box (off screen) are skipped.
 */
export function placeLabels(
  ranked: readonly RankedLabel[],
  boxOf: (id: string, slot: LabelSlot) => Box | null,
  bounds: Box,
  limit = MAX_KEY_LABELS,
  obstacles: readonly Obstacle[] = [],
): PlacedLabel[] {
  const kept: PlacedLabel[] = [];
  const boxes: Box[] = [];
  for (const { id } of ranked) {
    if (kept.length >= limit) break;
    let fallback: { slot: LabelSlot; box: Box } | null = null;
    let chosen: { slot: LabelSlot; box: Box } | null = null;
    for (const slot of LABEL_SLOTS) {
      const box = boxOf(id, slot);
      if (!box) break;
      if (!within(box, bounds) || boxes.some((b) => overlaps(b, box))) continue;
      if (!obstacles.some((o) => o.id !== id && overlaps(o.box, box))) {
        chosen = { slot, box };
        break;
      }
      fallback ??= { slot, box };
    }
    const pick = chosen ?? fallback;
    if (!pick) continue;
    kept.push({ id, slot: pick.slot });
    boxes.push(pick.box);
  }
  return kept;
}

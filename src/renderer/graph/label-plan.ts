// Which node labels stay readable when the graph is zoomed out (pure: no Cytoscape import).
// The CIs that matter — the selection, change targets and the explanation path, services, hubs —
// keep a label drawn at its normal screen size at every zoom, most important first, skipping any
// that would overlap one already placed; every other label appears once zoomed in.

export interface LabelCandidate {
  id: string;
  ciClass: string;
  degree: number;
  selected: boolean;
  /** Overlay classes of the node (impact-*), to rank targets and paths first and skip dimmed CIs. */
  classes: ReadonlySet<string>;
  /** A roll-up group (its label is its count). */
  group?: boolean;
}

/** A node of at least this many relationships is a hub. */
export const HUB_DEGREE = 8;
/** At most this many labels are kept at every zoom (the rest need zooming in). */
export const MAX_KEY_LABELS = 60;

const SERVICE_CLASSES = new Set(['business_service', 'technical_service']);
const IMPACTED = ['impact-down', 'impact-degraded', 'impact-at_risk'];

/**
 * How much a node's label matters (0 most), or null when it can wait for zooming in:
 * 0 the selection, 1 change targets, the explanation path, SPOFs, the asked-about CI and roll-up groups,
 * 2 impacted services, 3 other services, 4 hubs (most relationships first, by the caller's sort).
 * A dimmed or faded CI only keeps its label when selected or on the path.
 */
export function labelRank(c: LabelCandidate): number | null {
  if (c.selected) return 0;
  if (c.group || c.classes.has('impact-target') || c.classes.has('impact-path') || c.classes.has('impact-spof') || c.classes.has('impact-root')) return 1;
  if (c.classes.has('impact-dim') || c.classes.has('impact-faded')) return null;
  const service = SERVICE_CLASSES.has(c.ciClass);
  if (service && IMPACTED.some((cls) => c.classes.has(cls))) return 2;
  if (service) return 3;
  if (c.degree >= HUB_DEGREE) return 4;
  return null;
}

/** Ranks up to this one (services and everything above them) are labelled even where no side is free. */
export const ALWAYS_LABELLED_RANK = 3;

export interface RankedLabel {
  id: string;
  rank: number;
}

/** Candidates that matter, most important first (then more relationships, then id). */
export function rankLabels(candidates: readonly LabelCandidate[]): RankedLabel[] {
  const ranked: { id: string; rank: number; degree: number }[] = [];
  for (const c of candidates) {
    const rank = labelRank(c);
    if (rank !== null) ranked.push({ id: c.id, rank, degree: c.degree });
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

function overlapArea(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
}

/**
 * Greedy placement: walks the ranked labels and keeps each in the first slot whose label box (on
 * screen) overlaps none kept before it, up to `limit`. A label of rank ALWAYS_LABELLED_RANK or
 * above with no free side is kept in the slot that overlaps least; a hub's is dropped. Labels
 * without a box (off screen) are skipped.
 */
export function placeLabels(ranked: readonly RankedLabel[], boxOf: (id: string, slot: LabelSlot) => Box | null, limit = MAX_KEY_LABELS): PlacedLabel[] {
  const kept: PlacedLabel[] = [];
  const boxes: Box[] = [];
  for (const { id, rank } of ranked) {
    if (kept.length >= limit) break;
    let best: { slot: LabelSlot; box: Box; overlap: number } | null = null;
    for (const slot of LABEL_SLOTS) {
      const box = boxOf(id, slot);
      if (!box) break;
      const overlap = boxes.reduce((sum, b) => sum + overlapArea(b, box), 0);
      if (!best || overlap < best.overlap) best = { slot, box, overlap };
      if (overlap === 0) break;
    }
    if (!best || (best.overlap > 0 && rank > ALWAYS_LABELLED_RANK)) continue;
    kept.push({ id, slot: best.slot });
    boxes.push(best.box);
  }
  return kept;
}

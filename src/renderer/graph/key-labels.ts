// Keeps the labels of the CIs that matter readable at every zoom, never overlapping (label-plan.ts
// chooses them and their side): below zoom 1 their font is scaled up by 1/zoom through element
// style bypasses, so they stay 12 px on screen, and every other label is hidden (the muted class)
// until zoomed in or hovered. From zoom 1 the stylesheet draws every label where the layout left it room.
import type { Collection, Core, EventObject, NodeSingular } from 'cytoscape';
import { MAX_KEY_LABELS, ORDINARY_RANK, placeLabels, type Obstacle, rankLabels, type Box, type LabelCandidate, type LabelSlot, type PlacedLabel, type RankedLabel } from './label-plan';
import { OVERLAY_CLASS_NAMES } from '../impact/impact-model';
import { LABEL_MAX_WIDTH as MAX_WIDTH } from './label-size';

const FONT_SIZE = 12;
const SELECTED_MAX_WIDTH = 400;
const MARGIN_Y = 5;
const PADDING = 2;
/** Free space kept between two labels (screen px). */
const GAP = 3;
/** From this zoom on, labels of ordinary CIs are placed too where room is left. */
const ORDINARY_ZOOM = 0.5;
/** Above this many nodes labels do not weigh the nodes they would cover. */
const MAX_OBSTACLES = 400;
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Hides a node's label (stylesheet.ts). A class, not a style bypass: a node added while labels are muted gets it before Cytoscape first styles it, for next to nothing. */
export const MUTED_LABEL_CLASS = 'label-muted';
const BYPASSED = 'font-size text-max-width text-margin-x text-margin-y text-valign text-halign text-background-padding min-zoomed-font-size';
/** The stylesheet's valign/halign and margins for each slot (screen px before scaling). */
const SLOT_STYLE: Readonly<Record<LabelSlot, { valign: string; halign: string; x: number; y: number }>> = {
  bottom: { valign: 'bottom', halign: 'center', x: 0, y: MARGIN_Y },
  top: { valign: 'top', halign: 'center', x: 0, y: -MARGIN_Y },
  right: { valign: 'center', halign: 'right', x: MARGIN_Y, y: 0 },
  left: { valign: 'center', halign: 'left', x: -MARGIN_Y, y: 0 },
  'bottom-right': { valign: 'bottom', halign: 'right', x: 0, y: 0 },
  'top-right': { valign: 'top', halign: 'right', x: 0, y: 0 },
  'bottom-left': { valign: 'bottom', halign: 'left', x: 0, y: 0 },
  'top-left': { valign: 'top', halign: 'left', x: 0, y: 0 },
};

function overlap(a: Box, b: Box): boolean {
  return Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1);
}

export class KeyLabels {
  private kept = new Map<string, LabelSlot>();
  /** Nodes whose label is hidden below zoom 1 (not placed). */
  private muted = new Set<string>();
  /** The last write hid the labels not placed: nodes added since come in muted. */
  private muting = false;
  /** Class events of our own writes do not ask for a new plan. */
  private writing = false;
  private ranked: RankedLabel[] | null = null;
  private frame = 0;
  private readonly measure = document.createElement('canvas').getContext('2d');

  constructor(private readonly cy: Core) {
    cy.on('zoom pan resize position', this.schedule);
    cy.on('remove select unselect', this.invalidate);
    cy.on('add class', this.onChange);
    cy.on('add', 'node', this.onAdd);
  }

  detach(): void {
    cancelAnimationFrame(this.frame);
    this.cy.off('zoom pan resize position', this.schedule);
    this.cy.off('remove select unselect', this.invalidate);
    this.cy.off('add class', this.onChange);
    this.cy.off('add', 'node', this.onAdd);
  }

  /** Ids whose label is kept at every zoom, for the test hook. */
  keptIds(): string[] {
    return [...this.kept.keys()].sort();
  }

  /** Drops the zoom-sized labels (for a full-size picture) until resume(). */
  suspend(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.write([], 1, false);
  }

  resume(): void {
    this.schedule();
  }

  /** After a stylesheet swap (theme): the bypasses are written again (classes stay). */
  restyle(): void {
    const kept = [...this.kept].map(([id, slot]) => ({ id, slot }));
    this.kept = new Map();
    this.write(kept, Math.max(1, 1 / this.cy.zoom()), this.muting);
  }

  private readonly invalidate = () => {
    if (this.writing) return;
    this.ranked = null;
    this.schedule();
  };

  /**
   * An element added or reclassed. One not laid out yet ('pending', invisible) changes no label
   * that can be placed: the plan waits until it is shown (its 'pending' class goes, a class event),
   * not once per chunk of a view being added (element-feed.ts).
   */
  private readonly onChange = (event: EventObject) => {
    if (!(event.target as NodeSingular).hasClass('pending')) this.invalidate();
  };

  /** A node added while labels are muted is muted at once (the next plan may place its label). */
  private readonly onAdd = (event: EventObject) => {
    if (!this.muting) return;
    const node = event.target as NodeSingular;
    this.writing = true;
    node.addClass(MUTED_LABEL_CLASS);
    this.writing = false;
    this.muted.add(node.id());
  };

  private readonly schedule = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  private refresh(): void {
    if (this.cy.destroyed()) return;
    this.ranked ??= rankLabels(
      this.cy.nodes().map((n) => this.candidate(n)),
      ORDINARY_RANK,
    );
    const zoom = this.cy.zoom();
    if (zoom >= 1) {
      this.write([], 1, false);
      return;
    }
    const width = this.cy.width();
    const height = this.cy.height();
    const boxOf = (id: string, slot: LabelSlot): Box | null => {
      const node = this.cy.getElementById(id);
      if (node.empty() || node.hasClass('pending')) return null;
      const p = node.renderedPosition();
      if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return null;
      const w = Math.min(this.wide(node) ? SELECTED_MAX_WIDTH : MAX_WIDTH, this.textWidth(node) + 2 * PADDING) + GAP;
      const h = FONT_SIZE + 2 * PADDING + 2 + GAP;
      const halfW = node.renderedOuterWidth() / 2;
      const halfH = node.renderedOuterHeight() / 2;
      const place = SLOT_STYLE[slot];
      const x1 =
        place.halign === 'center' ? p.x - w / 2 : place.halign === 'right' ? p.x + halfW + place.x : p.x - halfW + place.x - w;
      const y1 =
        place.valign === 'center' ? p.y - h / 2 : place.valign === 'bottom' ? p.y + halfH + place.y : p.y - halfH + place.y - h;
      return { x1, y1, x2: x1 + w, y2: y1 + h };
    };
    const ranked = zoom >= ORDINARY_ZOOM ? this.ranked : this.ranked.filter((r) => r.rank < ORDINARY_RANK);
    const bounds = { x1: 0, y1: 0, x2: width, y2: height };
    const placed = placeLabels(ranked, boxOf, bounds, MAX_KEY_LABELS, this.obstacles(width, height));
    this.write(placed, 1 / zoom, true);
    // The estimate above can be off by a few pixels (fonts, outlines): Cytoscape's own label boxes decide.
    const drawn = this.checked(placed, bounds);
    if (drawn.length < placed.length) this.write(drawn, 1 / zoom, true);
  }

  /** The nodes' shapes on screen, for labels to avoid; a large view is left out (too many to weigh every frame). */
  private obstacles(width: number, height: number): Obstacle[] {
    const nodes = this.cy.nodes();
    if (nodes.length > MAX_OBSTACLES) return [];
    const list: Obstacle[] = [];
    nodes.forEach((n) => {
      const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      if (b.x2 < 0 || b.y2 < 0 || b.x1 > width || b.y1 > height) return;
      list.push({ id: n.id(), box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } });
    });
    return list;
  }

  /** The placed labels, most important first, whose drawn box overlaps none before it and stays inside `bounds`. */
  private checked(placed: PlacedLabel[], bounds: Box): PlacedLabel[] {
    const boxes: Box[] = [];
    return placed.filter(({ id }) => {
      const b = this.cy.getElementById(id).renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      const box = { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
      const clear = box.x1 >= bounds.x1 && box.y1 >= bounds.y1 && box.x2 <= bounds.x2 && box.y2 <= bounds.y2 && !boxes.some((o) => overlap(o, box));
      if (clear) boxes.push(box);
      return clear;
    });
  }

  /** The selection's and the hovered CI's labels are shown whole (the stylesheet's 400 px), the others cut at 130 px. */
  private wide(node: NodeSingular): boolean {
    return node.selected() || node.hasClass('hover');
  }

  /** The label's width at 12 px in the node's own font weight and style (bold for impact marks). */
  private textWidth(node: NodeSingular): number {
    const text = String(node.data('label') ?? '');
    if (!this.measure) return text.length * 7;
    this.measure.font = `${String(node.style('font-style'))} ${String(node.style('font-weight'))} ${FONT_SIZE}px ${FONT_FAMILY}`;
    return this.measure.measureText(text).width;
  }

  /** Draws these labels at 12 px on screen (`scale` = 1/zoom); with `mute`, hides every other label. */
  private write(labels: PlacedLabel[], scale: number, mute: boolean): void {
    const next = new Map(labels.map((l) => [l.id, l.slot]));
    const nextMuted = new Set<string>();
    if (mute) this.cy.nodes().forEach((n) => void (next.has(n.id()) || nextMuted.add(n.id())));
    const unmute = this.collect([...this.muted].filter((id) => !nextMuted.has(id)));
    const newlyMuted = this.collect([...nextMuted].filter((id) => !this.muted.has(id)));
    this.writing = true;
    this.cy.batch(() => {
      for (const id of this.kept.keys()) if (!next.has(id)) this.cy.getElementById(id).removeStyle(BYPASSED);
      if (unmute.nonempty()) unmute.removeClass(MUTED_LABEL_CLASS);
      if (newlyMuted.nonempty()) newlyMuted.addClass(MUTED_LABEL_CLASS);
      for (const [id, slot] of next) {
        const node = this.cy.getElementById(id);
        const place = SLOT_STYLE[slot];
        node.style({
          'font-size': FONT_SIZE * scale,
          'text-max-width': `${(this.wide(node) ? SELECTED_MAX_WIDTH : MAX_WIDTH) * scale}px`,
          'text-valign': place.valign,
          'text-halign': place.halign,
          'text-margin-x': place.x * scale,
          'text-margin-y': place.y * scale,
          'text-background-padding': `${PADDING * scale}px`,
          'min-zoomed-font-size': 0,
        });
      }
    });
    this.writing = false;
    this.kept = next;
    this.muted = nextMuted;
    this.muting = mute;
  }

  /** The nodes of these ids on the canvas. */
  private collect(ids: string[]): Collection {
    const eles = this.cy.collection();
    for (const id of ids) eles.merge(this.cy.getElementById(id));
    return eles;
  }

  private candidate(node: NodeSingular): LabelCandidate {
    return {
      id: node.id(),
      ciClass: String(node.data('ciClass')),
      degree: node.degree(false),
      selected: node.selected(),
      classes: new Set(OVERLAY_CLASS_NAMES.filter((c) => node.hasClass(c))),
      group: node.data('group') === true,
      hover: node.hasClass('hover'),
    };
  }
}

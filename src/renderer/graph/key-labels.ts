// Keeps the labels of the CIs that matter readable at every zoom (label-plan.ts chooses them):
// below zoom 1 their font is scaled up by 1/zoom through element style bypasses, so they stay
// 12 px on screen while every other label shrinks away until zoomed in.
import type { Core, NodeSingular } from 'cytoscape';
import { placeLabels, rankLabels, type Box, type LabelCandidate, type LabelSlot, type PlacedLabel, type RankedLabel } from './label-plan';
import { OVERLAY_CLASS_NAMES } from '../impact/impact-model';

const FONT_SIZE = 12;
const MAX_WIDTH = 130;
const SELECTED_MAX_WIDTH = 400;
const MARGIN_Y = 5;
const PADDING = 2;
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

export class KeyLabels {
  private kept = new Map<string, LabelSlot>();
  private ranked: RankedLabel[] | null = null;
  private frame = 0;
  private readonly measure = document.createElement('canvas').getContext('2d');

  constructor(private readonly cy: Core) {
    cy.on('zoom pan resize position', this.schedule);
    cy.on('add remove select unselect class', this.invalidate);
    if (this.measure) this.measure.font = `${FONT_SIZE}px system-ui, sans-serif`;
  }

  detach(): void {
    cancelAnimationFrame(this.frame);
    this.cy.off('zoom pan resize position', this.schedule);
    this.cy.off('add remove select unselect class', this.invalidate);
  }

  /** Ids whose label is kept at every zoom, for the test hook. */
  keptIds(): string[] {
    return [...this.kept.keys()].sort();
  }

  /** Drops the zoom-sized labels (for a full-size picture) until resume(). */
  suspend(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.write([]);
  }

  resume(): void {
    this.schedule();
  }

  /** After a stylesheet swap (theme): the bypasses are written again. */
  restyle(): void {
    const kept = [...this.kept].map(([id, slot]) => ({ id, slot }));
    this.kept = new Map();
    this.write(kept);
  }

  private readonly invalidate = () => {
    this.ranked = null;
    this.schedule();
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
    this.ranked ??= rankLabels(this.cy.nodes().map((n) => this.candidate(n)));
    const zoom = this.cy.zoom();
    const scale = zoom < 1 ? 1 / zoom : 1;
    const width = this.cy.width();
    const height = this.cy.height();
    const boxOf = (id: string, slot: LabelSlot): Box | null => {
      const node = this.cy.getElementById(id);
      if (node.empty() || node.hasClass('pending')) return null;
      const p = node.renderedPosition();
      if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return null;
      const text = String(node.data('label') ?? '');
      const w = Math.min(node.selected() ? SELECTED_MAX_WIDTH : MAX_WIDTH, (this.measure?.measureText(text).width ?? text.length * 6.5) + 2 * PADDING);
      const h = FONT_SIZE + 2 * PADDING + 2;
      const halfW = node.renderedOuterWidth() / 2;
      const halfH = node.renderedOuterHeight() / 2;
      const place = SLOT_STYLE[slot];
      const x1 =
        place.halign === 'center' ? p.x - w / 2 : place.halign === 'right' ? p.x + halfW + place.x : p.x - halfW + place.x - w;
      const y1 =
        place.valign === 'center' ? p.y - h / 2 : place.valign === 'bottom' ? p.y + halfH + place.y : p.y - halfH + place.y - h;
      return { x1, y1, x2: x1 + w, y2: y1 + h };
    };
    const kept = zoom >= 1 ? [] : placeLabels(this.ranked, boxOf);
    this.write(kept, scale);
  }

  private write(labels: PlacedLabel[], scale = Math.max(1, 1 / this.cy.zoom())): void {
    const next = new Map(labels.map((l) => [l.id, l.slot]));
    this.cy.batch(() => {
      for (const id of this.kept.keys()) if (!next.has(id)) this.cy.getElementById(id).removeStyle(BYPASSED);
      for (const [id, slot] of next) {
        const node = this.cy.getElementById(id);
        const place = SLOT_STYLE[slot];
        // The selection's label is shown whole (the stylesheet's 400 px), the others cut at 130 px.
        node.style({
          'font-size': FONT_SIZE * scale,
          'text-max-width': `${(node.selected() ? SELECTED_MAX_WIDTH : MAX_WIDTH) * scale}px`,
          'text-valign': place.valign,
          'text-halign': place.halign,
          'text-margin-x': place.x * scale,
          'text-margin-y': place.y * scale,
          'text-background-padding': `${PADDING * scale}px`,
          'min-zoomed-font-size': 0,
        });
      }
    });
    this.kept = next;
  }

  private candidate(node: NodeSingular): LabelCandidate {
    return {
      id: node.id(),
      ciClass: String(node.data('ciClass')),
      degree: node.degree(false),
      selected: node.selected(),
      classes: new Set(OVERLAY_CLASS_NAMES.filter((c) => node.hasClass(c))),
      group: node.data('group') === true,
    };
  }
}

// Draws the change simulation on the Explore screen's Cytoscape instance: element classes from
// the impact store (re-applied when elements are added), framing the impacted CIs once laid out,
// the right-click menu on a node, and a read-only window.__faultlineImpact for end-to-end tests.
import type { Core, EventObject, NodeSingular } from 'cytoscape';
import { useViewStore } from '../state/view-store';
import { OVERLAY_CLASS_NAMES, overlayClasses, type OverlayClasses } from './impact-model';
import { useImpactStore, type ImpactState } from './impact-store';
import { isGroupId } from './roll-up';
import { syncClasses } from '../graph/class-sync';

export interface ImpactTestHook {
  /** Overlay classes (impact-*) of an element on the canvas, sorted; null when it is not on the canvas. */
  classesOf(id: string): string[] | null;
  /** Ids of the nodes (or edges) carrying a class, sorted. */
  nodesWithClass(cls: string): string[];
  edgesWithClass(cls: string): string[];
}

declare global {
  interface Window {
    __faultlineImpact?: ImpactTestHook;
  }
}

/** Room around framed CIs for their (wide) labels. */
const PADDING = 90;
const MAX_FRAME_ZOOM = 1.2;

function overlayKey(s: ImpactState): unknown[] {
  return [s.active, s.tab, s.result, s.dependencies, s.chosenId, s.spof, s.rollUp];
}

export class ImpactOverlay {
  private overlay: OverlayClasses | null = null;
  private queued = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly cy: Core) {
    this.unsubscribe = useImpactStore.subscribe((state, previous) => {
      const a = overlayKey(state);
      const b = overlayKey(previous);
      if (a.some((v, i) => v !== b[i])) this.update(state);
      if (state.fitRequest && state.fitRequest !== previous.fitRequest) this.frame(state.fitRequest.ids);
    });
    cy.on('add', this.onAdd);
    cy.on('cxttap', 'node', this.onContextTap);
    cy.on('tap', this.onTap);
    window.__faultlineImpact = Object.freeze({
      classesOf: (id: string) => {
        const el = cy.getElementById(id);
        if (el.empty()) return null;
        return OVERLAY_CLASS_NAMES.filter((c) => el.hasClass(c)).sort();
      },
      nodesWithClass: (cls: string) => cy.nodes(`.${cls}`).map((n) => n.id()).sort(),
      edgesWithClass: (cls: string) => cy.edges(`.${cls}`).map((e) => e.id()).sort(),
    });
    this.update(useImpactStore.getState());
  }

  detach(): void {
    this.unsubscribe();
    this.cy.off('add', this.onAdd);
    this.cy.off('cxttap', 'node', this.onContextTap);
    this.cy.off('tap', this.onTap);
    delete window.__faultlineImpact;
  }

  private update(state: ImpactState): void {
    this.overlay = state.active ? overlayClasses(state) : null;
    this.apply();
  }

  private readonly onAdd = () => {
    if (!this.overlay || this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.apply();
    });
  };

  private readonly onContextTap = (event: EventObject) => {
    const node = event.target as NodeSingular;
    const id = node.id();
    const view = useViewStore.getState();
    if (!view.selection.includes(id)) view.setSelection([id]);
    const p = event.renderedPosition;
    useImpactStore.getState().openContextMenu({ ciId: id, x: p.x, y: p.y });
  };

  private readonly onTap = (event: EventObject) => {
    const impact = useImpactStore.getState();
    if (impact.contextMenu) impact.closeContextMenu();
    // A roll-up group opens to its members (or folds back) when clicked.
    const target = event.target as NodeSingular | Core;
    if (target !== this.cy && (target as NodeSingular).isNode() && isGroupId((target as NodeSingular).id())) void impact.toggleGroup((target as NodeSingular).id());
  };

  private apply(): void {
    const overlay = this.overlay;
    const none: readonly string[] = [];
    const rest = overlay?.rest ? [overlay.rest] : none;
    // Listed elements carry their own classes (dimmed only when the overlay says so); the others get `rest`.
    syncClasses(this.cy, this.cy.elements(), OVERLAY_CLASS_NAMES, (el) =>
      overlay ? ((el.isNode() ? overlay.nodes : overlay.edges).get(el.id()) ?? rest) : none,
    );
  }

  /** Brings these CIs into view once the graph holding them is laid out. */
  private frame(ids: string[]): void {
    const cy = this.cy;
    const go = () => {
      const eles = cy.collection();
      for (const id of ids) eles.merge(cy.getElementById(id));
      if (eles.empty()) return;
      cy.stop();
      cy.fit(eles, PADDING);
      if (cy.zoom() > MAX_FRAME_ZOOM) cy.zoom({ level: MAX_FRAME_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    };
    if (cy.nodes('.pending').nonempty()) cy.one('layoutstop', () => queueMicrotask(go));
    else go();
  }
}

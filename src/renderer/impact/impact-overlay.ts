// Draws the change simulation on the Explore screen's Cytoscape instance: element classes from
// the impact store (re-applied when elements are added), framing the impacted CIs once laid out,
// the right-click menu on a node, and a read-only window.__faultlineImpact for end-to-end tests.
import type { Core, EventObject, NodeSingular, SingularElementArgument } from 'cytoscape';
import { useViewStore } from '../state/view-store';
import { OVERLAY_CLASS_NAMES, overlayClasses, type OverlayClasses } from './impact-model';
import { useImpactStore, type ImpactState } from './impact-store';
import { isGroupId } from './roll-up';

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

const ALL_CLASSES = OVERLAY_CLASS_NAMES.join(' ');
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
    const cy = this.cy;
    const overlay = this.overlay;
    cy.batch(() => {
      cy.elements().removeClass(ALL_CLASSES);
      if (!overlay) return;
      if (overlay.rest) cy.elements().addClass(overlay.rest);
      const rest = overlay.rest;
      const mark = (el: SingularElementArgument, classes: readonly string[]): void => {
        // Listed elements carry their own classes; they are dimmed only when the overlay says so.
        if (rest && !classes.includes(rest)) el.removeClass(rest);
        el.addClass(classes.join(' '));
      };
      for (const [map, drawn] of [
        [overlay.nodes, cy.nodes()],
        [overlay.edges, cy.edges()],
      ] as const) {
        // A big blast radius lists far more CIs than the view draws: walk the smaller side.
        if (map.size > drawn.length) {
          drawn.forEach((el) => {
            const classes = map.get(el.id());
            if (classes) mark(el, classes);
          });
          continue;
        }
        for (const [id, classes] of map) {
          const el = cy.getElementById(id);
          if (el.nonempty()) mark(el, classes);
        }
      }
    });
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

// Owns the one Cytoscape instance of the Explore screen: applies views by diffing elements,
// lays them out through the worker, keeps selection in step and answers fit/centre requests.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { GraphView } from '../../shared/operations';
import type { LayoutAlgorithm, LayoutDirection, Theme } from '../state/view-store';
import { diffElements, toElements, type EdgeData, type NodeData, type RollUpDecor } from './elements';
import { LayoutEngine } from './layout-engine';
import { buildLayoutRequest, type Positions } from './layout-input';
import { FADE_CLASS, buildStylesheet } from './stylesheet';
import { PALETTES } from './palette';
import { installTestHook } from './test-hook';
import { IncidentBadgeOverlay } from '../incidents/incident-badges';
import { ImpactOverlay } from '../impact/impact-overlay';
import { KeyLabels } from './key-labels';
import { MINIMAP_ROOM, Minimap } from './minimap';
import { fitViewport } from './fit';
import { markLaidOut } from './perf-marks';
import { ElementFeed, type Frames } from './element-feed';

export interface GraphCallbacks {
  onSelectionChange(ids: string[]): void;
  onLayoutBusy(busy: boolean): void;
  onLayoutError(message: string): void;
  /** A group node (a roll-up's or a neighbourhood's) was clicked. */
  onGroupTap?(id: string): void;
}

export interface LayoutChoice {
  algorithm: LayoutAlgorithm;
  direction: LayoutDirection;
}

const PADDING = 48;
const MAX_FIT_ZOOM = 1.3;
/** Below this zoom labels are too small to read: a neighbourhood opens at least this close, around its centre CI. */
const READABLE_ZOOM = 0.75;
/** Views of up to this many nodes animate their layout, and their new nodes fade in and out. */
const ANIMATE_LIMIT = 300;

const PAGE_FRAMES: Frames = {
  request: (run) => requestAnimationFrame(run),
  cancel: (id) => cancelAnimationFrame(id),
  hidden: () => document.hidden,
};

function minimapColours(theme: Theme): { background: string; border: string; viewport: string } {
  const p = PALETTES[theme];
  return { background: p.background, border: p.mutedText, viewport: p.accent };
}

function toPage(container: HTMLElement, box: { x1: number; y1: number; x2: number; y2: number }): { x1: number; y1: number; x2: number; y2: number } {
  const at = container.getBoundingClientRect();
  return { x1: at.left + box.x1, y1: at.top + box.y1, x2: at.left + box.x2, y2: at.top + box.y2 };
}

/** The controller of the mounted graph, for exports and diff marks (src/renderer/data). */
const mounted = new Set<GraphController>();
export function activeGraph(): GraphController | null {
  return [...mounted].pop() ?? null;
}

export class GraphController {
  private readonly cy: Core;
  private readonly engine = new LayoutEngine();
  private readonly nodes = new Map<string, NodeData>();
  private readonly edges = new Map<string, EdgeData>();
  private selectionOrder: string[] = [];
  private applying = false;
  private emitQueued = false;
  private layoutToken = 0;
  private layoutKey = '';
  private layoutChoice = '';
  private laidOut = false;
  private layingOut = false;
  /** Large additions go onto the canvas a chunk per frame (element-feed.ts). */
  private readonly feed: ElementFeed;
  private busyShown = false;
  private pendingCentre: string | null = null;
  private focusId: string | null = null;
  private readonly removeTestHook: () => void;
  /** The change simulation drawn over the graph (src/renderer/impact). */
  private readonly impact: ImpactOverlay;
  private readonly incidents: IncidentBadgeOverlay;
  private readonly keyLabels: KeyLabels;
  private readonly minimap: Minimap;

  constructor(
    container: HTMLElement,
    theme: Theme,
    private readonly callbacks: GraphCallbacks,
  ) {
    this.cy = cytoscape({
      container,
      style: buildStylesheet(theme),
      elements: [],
      minZoom: 0.03,
      maxZoom: 4,
      boxSelectionEnabled: true,
      selectionType: 'single',
      motionBlur: false,
    });
    this.bindEvents();
    this.feed = new ElementFeed(this.cy, PAGE_FRAMES, { onChunk: () => this.afterChunk(), onBusy: () => this.showBusy() });
    this.impact = new ImpactOverlay(this.cy);
    this.incidents = new IncidentBadgeOverlay(this.cy);
    this.keyLabels = new KeyLabels(this.cy);
    this.minimap = new Minimap(this.cy, container.parentElement ?? container, minimapColours(theme));
    this.engine.warmUp();
    this.removeTestHook = installTestHook({
      nodeIds: () => this.cy.nodes().map((n) => n.id()).sort(),
      edgeIds: () => this.cy.edges().map((e) => e.id()).sort(),
      selectedIds: () => this.cy.nodes(':selected').map((n) => n.id()).sort(),
      renderedPosition: (id) => {
        const node = this.cy.getElementById(id);
        if (node.empty()) return null;
        const box = container.getBoundingClientRect();
        const p = node.renderedPosition();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      renderedBox: (id) => {
        const node = this.cy.getElementById(id);
        if (node.empty()) return null;
        return toPage(container, node.renderedBoundingBox({ includeLabels: false, includeOverlays: false }));
      },
      labelBoxes: () => {
        const shown = new Set(this.labelledIds());
        return this.cy
          .nodes()
          .filter((n) => shown.has(n.id()))
          .map((n) => ({ id: n.id(), box: toPage(container, n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })) }));
      },
      labelledIds: () => this.labelledIds(),
      keyLabelIds: () => this.keyLabels.keptIds(),
      isSettled: () => this.laidOut && !this.layingOut && !this.feed.busy && !this.cy.nodes('.pending').nonempty() && !this.cy.animated(),
    });
    mounted.add(this);
  }

  /** Nodes whose label is drawn at the current zoom, as Cytoscape's renderer decides (eleTextBiggerThanMin). */
  private labelledIds(): string[] {
    // The zoom rounded up to its texture level.
    const scale = 2 ** Math.ceil(Math.log2(this.cy.zoom() * window.devicePixelRatio));
    return this.cy
      .nodes()
      .filter(
        (n) =>
          String(n.data('label') ?? '') !== '' &&
          n.numericStyle('text-opacity') > 0 &&
          n.numericStyle('font-size') * scale >= n.numericStyle('min-zoomed-font-size'),
      )
      .map((n) => n.id())
      .sort();
  }

  /** The Cytoscape instance, read (never re-created) by the PNG/SVG export and the diff marks. */
  get core(): Core {
    return this.cy;
  }

  /**
   * The whole graph (not just the visible part) as a PNG at twice its size, scaled down so its
   * longer side stays within `maxSide` pixels (a sensible picture to paste or print).
   */
  exportPng(background: string, maxSide = 2400): Promise<Blob> {
    this.feed.flush();
    const box = this.cy.elements().boundingBox();
    const scale = Math.min(2, maxSide / Math.max(1, box.w), maxSide / Math.max(1, box.h));
    // The whole graph at picture scale: labels as the stylesheet draws them, not the zoom-sized key labels.
    this.keyLabels.suspend();
    return this.cy.png({ output: 'blob-promise', full: true, scale, bg: background }).finally(() => this.keyLabels.resume());
  }

  destroy(): void {
    mounted.delete(this);
    this.impact.detach();
    this.incidents.detach();
    this.keyLabels.detach();
    this.minimap.detach();
    this.removeTestHook();
    this.feed.dispose();
    this.engine.dispose();
    this.cy.destroy();
  }

  resize(): void {
    this.cy.resize();
  }

  setTheme(theme: Theme): void {
    this.cy.style(buildStylesheet(theme));
    this.keyLabels.restyle();
    this.minimap.setColours(minimapColours(theme));
  }

  /** Shows a view: diff elements in, then lay out (cached positions apply at once). */
  setView(view: GraphView, layout: LayoutChoice, focusId: string | null, decor?: RollUpDecor): void {
    const elements = toElements(view, decor);
    const diff = diffElements({ nodes: this.nodes, edges: this.edges }, elements);
    const cy = this.cy;
    const nodeChurn = diff.addNodes.length + diff.removeNodes.length;
    this.applying = true;
    cy.batch(() => {
      // Elements still queued in the feed are changed there.
      for (const id of diff.removeEdges) {
        if (!this.feed.drop(id)) cy.getElementById(id).remove();
        this.edges.delete(id);
      }
      for (const id of diff.removeNodes) {
        if (!this.feed.drop(id)) cy.getElementById(id).remove();
        this.nodes.delete(id);
      }
      for (const node of diff.updateNodes) {
        if (!this.feed.update(node.id, { ...node })) cy.getElementById(node.id).data(node);
        this.nodes.set(node.id, node);
      }
      for (const edge of diff.updateEdges) {
        if (!this.feed.update(edge.id, { ...edge })) cy.getElementById(edge.id).data(edge);
        this.edges.set(edge.id, edge);
      }
      const nodeClasses = elements.nodes.length <= ANIMATE_LIMIT ? `pending ${FADE_CLASS}` : 'pending';
      const added: ElementDefinition[] = diff.addNodes.map((node) => ({
        group: 'nodes',
        data: { ...node },
        classes: nodeClasses,
        selectable: !node.group,
        position: this.guessPosition(node.id, elements.edges),
      }));
      added.push(
        ...diff.addEdges.map((edge): ElementDefinition => ({ group: 'edges', data: { ...edge }, classes: 'pending', selectable: false })),
      );
      this.feed.add(added);
      for (const node of diff.addNodes) this.nodes.set(node.id, node);
      for (const edge of diff.addEdges) this.edges.set(edge.id, edge);
      this.focusId = focusId;
      this.markFocus();
    });
    this.applySelection();
    this.applying = false;

    const request = buildLayoutRequest(elements, layout.algorithm, layout.direction);
    if (request.key === this.layoutKey && !cy.elements('.pending').nonempty()) return;
    this.layoutKey = request.key;
    const choice = `${layout.algorithm}-${layout.direction}`;
    const fit = !this.laidOut || choice !== this.layoutChoice || nodeChurn > Math.max(3, this.nodes.size * 0.2);
    this.layoutChoice = choice;
    const token = ++this.layoutToken;
    const cached = this.engine.cached(request.key);
    if (cached) {
      // A layout still running for an older view is dropped with it (its reply is ignored).
      if (this.layingOut) this.setBusy(false);
      this.place(cached, fit, token);
      return;
    }
    this.setBusy(true);
    this.engine
      .layout(request)
      .then((positions) => {
        if (token !== this.layoutToken || !positions) return;
        this.place(positions, fit, token);
      })
      .catch((error: unknown) => {
        if (token !== this.layoutToken) return;
        this.feed.flush();
        this.cy.elements('.pending').removeClass('pending');
        this.callbacks.onLayoutError(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        if (token === this.layoutToken) this.setBusy(false);
      });
  }

  /** Selects exactly these CIs (those on the graph); the last one is the primary selection. */
  setSelection(ids: string[]): void {
    this.selectionOrder = [...ids];
    this.applying = true;
    this.applySelection();
    this.applying = false;
  }

  /**
   * Shows the whole graph, at most MAX_FIT_ZOOM, leaving the overview's corner free. The box is
   * the nodes' own (the zoom-sized key labels would inflate it); PADDING is the labels' room.
   */
  fit(): void {
    const cy = this.cy;
    if (cy.nodes().empty()) return;
    const box = cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    const { zoom, pan } = fitViewport({
      box,
      width: cy.width(),
      height: cy.height(),
      padding: PADDING,
      corner: this.minimap.open ? MINIMAP_ROOM : null,
      minZoom: cy.minZoom(),
      maxZoom: MAX_FIT_ZOOM,
    });
    cy.viewport({ zoom, pan });
  }

  /** Zooms in (factor > 1) or out around the centre of the canvas. */
  zoomBy(factor: number): void {
    const cy = this.cy;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.stop();
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  centreOn(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty() || node.hasClass('pending') || this.layingOut || !this.laidOut) {
      this.pendingCentre = id;
      return;
    }
    this.pendingCentre = null;
    const zoom = Math.max(this.cy.zoom(), 0.9);
    this.cy.stop();
    this.cy.animate({ zoom, center: { eles: node } }, { duration: 250 });
  }

  private applySelection(): void {
    const wanted = new Set(this.selectionOrder);
    this.cy.batch(() => {
      this.cy.nodes(':selected').forEach((node) => {
        if (!wanted.has(node.id())) node.unselect();
      });
      for (const id of this.selectionOrder) {
        const node = this.cy.getElementById(id);
        if (node.nonempty() && !node.selected()) node.select();
      }
    });
    this.markAdjacent();
  }

  private markAdjacent(): void {
    this.cy.batch(() => {
      this.cy.edges('.adjacent').removeClass('adjacent');
      this.cy.nodes(':selected').connectedEdges().addClass('adjacent');
    });
  }

  private setBusy(busy: boolean): void {
    this.layingOut = busy;
    this.showBusy();
  }

  /** The indicator is on while a layout runs or elements are still being added. */
  private showBusy(): void {
    const busy = this.layingOut || this.feed.busy;
    if (busy === this.busyShown) return;
    this.busyShown = busy;
    this.callbacks.onLayoutBusy(busy);
  }

  /** The focus ring on the focus CI alone (touching only nodes that change: a class change restyles). */
  private markFocus(): void {
    const cy = this.cy;
    cy.nodes('.focus').forEach((node) => void (node.id() === this.focusId || node.removeClass('focus')));
    if (!this.focusId) return;
    const focus = cy.getElementById(this.focusId);
    if (focus.nonempty() && !focus.hasClass('focus')) focus.addClass('focus');
  }

  /** A chunk of queued elements is on the canvas: the focus ring and the selection may name some of them. */
  private afterChunk(): void {
    const applying = this.applying;
    this.applying = true;
    this.cy.batch(() => this.markFocus());
    this.applySelection();
    this.applying = applying;
  }

  /** Applies a layout's positions once every element of the view is on the canvas (unless a newer layout came). */
  private place(positions: Positions, fit: boolean, token: number): void {
    this.feed.whenDrained(() => {
      if (token === this.layoutToken) this.applyPositions(positions, fit);
    });
  }

  /** Where a new node appears until the layout places it: among its placed neighbours. */
  private guessPosition(id: string, edges: EdgeData[]): { x: number; y: number } {
    let x = 0;
    let y = 0;
    let count = 0;
    for (const edge of edges) {
      const peer = edge.source === id ? edge.target : edge.target === id ? edge.source : null;
      if (!peer) continue;
      const node = this.cy.getElementById(peer);
      if (node.empty() || node.hasClass('pending')) continue;
      const p = node.position();
      x += p.x;
      y += p.y;
      count++;
    }
    if (count) return { x: x / count, y: y / count + 40 };
    const extent = this.cy.extent();
    return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  }

  private applyPositions(positions: Positions, fit: boolean): void {
    const cy = this.cy;
    const animate = !fit && this.laidOut && cy.nodes().length <= ANIMATE_LIMIT;
    cy.elements('.pending').removeClass('pending');
    const layout = cy.layout({
      name: 'preset',
      positions,
      fit: false,
      animate,
      animationDuration: 300,
    });
    layout.one('layoutstop', () => {
      if (fit) this.fit();
      if (fit && this.focusId) this.zoomToReadable(this.focusId);
      this.laidOut = true;
      markLaidOut(cy.nodes().length);
      if (this.pendingCentre) this.centreOn(this.pendingCentre);
    });
    layout.run();
  }

  /** A fitted neighbourhood too small to read: zoom in to a readable size around its centre CI. */
  private zoomToReadable(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty() || this.cy.zoom() >= READABLE_ZOOM) return;
    this.cy.zoom(READABLE_ZOOM);
    this.cy.center(node);
    this.fillViewport();
  }

  /** Pans so the content covers the viewport where it can (no empty margin beside a graph larger than the screen). */
  private fillViewport(): void {
    const box = this.cy.elements().renderedBoundingBox();
    const shift = (low: number, high: number, size: number): number => {
      if (high - low <= size - 2 * PADDING) return (size - (low + high)) / 2;
      if (low > PADDING) return PADDING - low;
      if (high < size - PADDING) return size - PADDING - high;
      return 0;
    };
    this.cy.panBy({ x: shift(box.x1, box.x2, this.cy.width()), y: shift(box.y1, box.y2, this.cy.height()) });
  }

  private bindEvents(): void {
    const cy = this.cy;
    cy.on('select', 'node', (event) => {
      if (this.applying) return;
      const id = (event.target as NodeSingular).id();
      this.selectionOrder = [...this.selectionOrder.filter((s) => s !== id), id];
      this.queueEmit();
    });
    cy.on('unselect', 'node', (event) => {
      if (this.applying) return;
      const id = (event.target as NodeSingular).id();
      this.selectionOrder = this.selectionOrder.filter((s) => s !== id);
      this.queueEmit();
    });
    cy.on('mouseover', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.addClass('hover');
      node.connectedEdges().addClass('hover');
    });
    cy.on('mouseout', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.removeClass('hover');
      node.connectedEdges().removeClass('hover');
    });
    cy.on('tap', 'node[?group]', (event) => this.callbacks.onGroupTap?.((event.target as NodeSingular).id()));
    cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
    cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));
  }

  private queueEmit(): void {
    if (this.emitQueued) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      // Drop ids no longer selected on the graph (a plain click replaces the selection).
      this.selectionOrder = this.selectionOrder.filter((id) => this.cy.getElementById(id).selected());
      this.markAdjacent();
      this.callbacks.onSelectionChange([...this.selectionOrder]);
    });
  }
}

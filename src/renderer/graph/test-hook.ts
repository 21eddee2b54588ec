// A tiny read-only window.__faultlineGraph for end-to-end tests: what is on the canvas,
// which nodes are selected and where a node is on screen (to click it).
export interface ScreenBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphTestHook {
  nodeIds(): string[];
  edgeIds(): string[];
  selectedIds(): string[];
  renderedPosition(id: string): { x: number; y: number } | null;
  /** A node's shape on screen (page coordinates), without its label. */
  renderedBox(id: string): ScreenBox | null;
  /** The label of every node whose label is drawn, as Cytoscape measures it, on screen (page coordinates). */
  labelBoxes(): { id: string; box: ScreenBox }[];
  /** Nodes whose label is drawn at the current zoom (not hidden as too small). */
  labelledIds(): string[];
  /** Nodes whose label is kept readable at every zoom (key-labels.ts). */
  keyLabelIds(): string[];
  /** True once the current elements have been laid out and no layout is running. */
  isSettled(): boolean;
}

declare global {
  interface Window {
    __faultlineGraph?: GraphTestHook;
  }
}

export function installTestHook(hook: GraphTestHook): () => void {
  window.__faultlineGraph = Object.freeze(hook);
  return () => {
    if (window.__faultlineGraph === hook) delete window.__faultlineGraph;
  };
}

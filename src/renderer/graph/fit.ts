// Where a fit puts the graph (pure): the zoom and pan that show a bounding box whole inside the
// canvas less its margins, with a corner kept free for the overview (minimap.ts) when it is open.
// The corner is kept free by a band along the right edge or along the bottom, whichever leaves
// the larger zoom.

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

export interface FitInput {
  /** The nodes' bounding box in graph units. */
  box: Box;
  width: number;
  height: number;
  /** Screen margin on every side (room for the labels under and beside the outer nodes). */
  padding: number;
  /** The overview's corner (bottom right, including its inset), or null when none is open. */
  corner: { width: number; height: number } | null;
  minZoom: number;
  maxZoom: number;
}

function place(input: FitInput, pad: { left: number; right: number; top: number; bottom: number }): Viewport {
  const { box, width, height } = input;
  const w = Math.max(1, box.x2 - box.x1);
  const h = Math.max(1, box.y2 - box.y1);
  const areaW = Math.max(1, width - pad.left - pad.right);
  const areaH = Math.max(1, height - pad.top - pad.bottom);
  const zoom = Math.min(input.maxZoom, Math.max(input.minZoom, Math.min(areaW / w, areaH / h)));
  return {
    zoom,
    pan: {
      x: pad.left + areaW / 2 - zoom * ((box.x1 + box.x2) / 2),
      y: pad.top + areaH / 2 - zoom * ((box.y1 + box.y2) / 2),
    },
  };
}

export function fitViewport(input: FitInput): Viewport {
  const p = input.padding;
  const plain = { left: p, right: p, top: p, bottom: p };
  if (!input.corner) return place(input, plain);
  const right = place(input, { ...plain, right: Math.max(p, input.corner.width + p / 2) });
  const bottom = place(input, { ...plain, bottom: Math.max(p, input.corner.height + p / 2) });
  return bottom.zoom >= right.zoom ? bottom : right;
}

import { describe, expect, it } from 'vitest';
import { fitViewport, type Box } from '../../../src/renderer/graph/fit';

const corner = { width: 192, height: 132 };
const canvas = { width: 800, height: 700 };

/** The graph's box on screen for a viewport. */
function onScreen(box: Box, v: { zoom: number; pan: { x: number; y: number } }): Box {
  return { x1: box.x1 * v.zoom + v.pan.x, y1: box.y1 * v.zoom + v.pan.y, x2: box.x2 * v.zoom + v.pan.x, y2: box.y2 * v.zoom + v.pan.y };
}
const coversCorner = (b: Box) => b.x2 > canvas.width - corner.width && b.y2 > canvas.height - corner.height;

describe('fitViewport', () => {
  const square = { x1: -500, y1: -500, x2: 500, y2: 500 };
  const input = { box: square, ...canvas, padding: 48, minZoom: 0.03, maxZoom: 1.3 };

  it('shows the whole box inside the margins', () => {
    const b = onScreen(square, fitViewport({ ...input, corner: null }));
    expect(b.x1).toBeGreaterThanOrEqual(48 - 1e-9);
    expect(b.y1).toBeGreaterThanOrEqual(48 - 1e-9);
    expect(b.x2).toBeLessThanOrEqual(canvas.width - 48 + 1e-9);
    expect(b.y2).toBeLessThanOrEqual(canvas.height - 48 + 1e-9);
    // Without an overview, a square graph in this canvas reaches its bottom-right corner.
    expect(coversCorner(b)).toBe(true);
  });

  it('leaves the overview’s corner free, by the band (right or bottom) that keeps the larger zoom', () => {
    const v = fitViewport({ ...input, corner });
    expect(coversCorner(onScreen(square, v))).toBe(false);
    // A wide graph gives up a bottom band, a tall one a right band.
    const wide = { x1: 0, y1: 0, x2: 2000, y2: 400 };
    const w = onScreen(wide, fitViewport({ ...input, box: wide, corner }));
    expect(w.y2).toBeLessThanOrEqual(canvas.height - corner.height + 1e-9);
    const tall = { x1: 0, y1: 0, x2: 300, y2: 2000 };
    const t = onScreen(tall, fitViewport({ ...input, box: tall, corner }));
    expect(t.x2).toBeLessThanOrEqual(canvas.width - corner.width + 1e-9);
  });

  it('never zooms past the maximum: a tiny graph sits in the middle of the free area', () => {
    const tiny = { x1: 0, y1: 0, x2: 10, y2: 10 };
    const v = fitViewport({ ...input, box: tiny, corner });
    expect(v.zoom).toBe(1.3);
    expect(coversCorner(onScreen(tiny, v))).toBe(false);
  });
});

// ElementFeed (src/renderer/graph/element-feed.ts): a large addition goes onto a headless Cytoscape
// a chunk per animation frame (frames stepped by hand here), queued elements can be dropped or
// changed, and the wait for the whole batch runs in a task of its own after the last chunk.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElementFeed, FEED_CHUNK, type Frames } from '../../../src/renderer/graph/element-feed';

let frames = new Map<number, () => void>();
let lastFrame = 0;
const FRAMES: Frames = {
  request: (run) => {
    frames.set(++lastFrame, run);
    return lastFrame;
  },
  cancel: (id) => void frames.delete(id),
  hidden: () => false,
};
function step(): void {
  const due = [...frames.values()];
  frames = new Map();
  for (const run of due) run();
}

beforeEach(() => {
  frames = new Map();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function chain(n: number): ElementDefinition[] {
  const nodes: ElementDefinition[] = Array.from({ length: n }, (_, i) => ({ group: 'nodes', data: { id: `n${i}` } }));
  const edges: ElementDefinition[] = Array.from({ length: n - 1 }, (_, i) => ({ group: 'edges', data: { id: `e${i}`, source: `n${i}`, target: `n${i + 1}` } }));
  return [...nodes, ...edges];
}

function setUp(): { cy: Core; feed: ElementFeed; busy: boolean[]; chunks: number[] } {
  const cy = cytoscape({ headless: true });
  const busy: boolean[] = [];
  const chunks: number[] = [];
  const feed = new ElementFeed(cy, FRAMES, { onChunk: () => chunks.push(cy.elements().length), onBusy: (b) => busy.push(b) });
  return { cy, feed, busy, chunks };
}

describe('ElementFeed', () => {
  it('adds a small batch at once', () => {
    const { cy, feed, busy } = setUp();
    feed.add(chain(10));
    expect(cy.elements().length).toBe(19);
    expect(feed.busy).toBe(false);
    expect(busy).toEqual([]);
  });

  it('adds the first chunk now and the rest a chunk per frame, nodes before their edges', () => {
    const { cy, feed, busy, chunks } = setUp();
    const all = chain(400);
    feed.add(all);
    expect(cy.elements().length).toBe(FEED_CHUNK);
    expect(feed.busy).toBe(true);
    for (let i = 0; i < 100 && feed.busy; i++) step();
    expect(feed.busy).toBe(false);
    expect(cy.elements().length).toBe(all.length);
    expect(chunks.length).toBeGreaterThan(2);
    expect(busy).toEqual([true, false]);
  });

  it('drops and changes queued elements; the wait runs in a task after the last chunk', () => {
    const { cy, feed } = setUp();
    const all = chain(400);
    feed.add(all);
    expect(feed.drop('e398')).toBe(true);
    expect(feed.drop('n0')).toBe(false);
    expect(feed.update('n399', { id: 'n399', label: 'last' })).toBe(true);
    let done = 0;
    feed.whenDrained(() => done++);
    for (let i = 0; i < 100 && feed.busy; i++) step();
    expect(done).toBe(0);
    vi.runAllTimers();
    expect(done).toBe(1);
    expect(cy.getElementById('e398').empty()).toBe(true);
    expect(cy.getElementById('n399').data('label')).toBe('last');
    expect(cy.elements().length).toBe(all.length - 1);
  });

  it('flush adds everything still queued', () => {
    const { cy, feed } = setUp();
    feed.add(chain(400));
    feed.flush();
    expect(feed.busy).toBe(false);
    expect(cy.elements().length).toBe(799);
  });
});

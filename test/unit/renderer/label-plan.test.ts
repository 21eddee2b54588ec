import { describe, expect, it } from 'vitest';
import { HUB_DEGREE, ORDINARY_RANK, labelRank, placeLabels, rankLabels, type LabelCandidate } from '../../../src/renderer/graph/label-plan';

const node = (id: string, ciClass: string, degree = 1, classes: string[] = [], selected = false): LabelCandidate => ({
  id,
  ciClass,
  degree,
  selected,
  classes: new Set(classes),
});

describe('labelRank / rankLabels', () => {
  it('ranks the selection, then targets and paths, impacted services, services, hubs; leaves the rest for zooming in', () => {
    const candidates = [
      node('vm', 'virtual_machine'),
      node('hub', 'cluster', HUB_DEGREE + 4),
      node('small-hub', 'server', HUB_DEGREE),
      node('svc', 'business_service'),
      node('svc-down', 'technical_service', 1, ['impact-down']),
      node('db', 'database', 2, ['impact-down', 'impact-target']),
      node('picked', 'container', 1, [], true),
    ];
    expect(rankLabels(candidates).map((r) => r.id)).toEqual(['picked', 'db', 'svc-down', 'svc', 'hub', 'small-hub']);
    // Once nearly zoomed in, every other CI comes last.
    expect(rankLabels(candidates, ORDINARY_RANK).map((r) => r.id)).toEqual(['picked', 'db', 'svc-down', 'svc', 'hub', 'small-hub', 'vm']);
  });

  it('ranks the CI under the pointer with the selection, even a faded one', () => {
    expect(labelRank({ ...node('vm', 'virtual_machine', 1, ['impact-faded']), hover: true })).toBe(0);
    expect(labelRank(node('vm', 'virtual_machine'))).toBe(ORDINARY_RANK);
  });

  it('drops dimmed and faded CIs unless selected or on the path', () => {
    expect(labelRank(node('svc', 'business_service', 1, ['impact-dim']))).toBeNull();
    expect(labelRank(node('hub', 'cluster', 50, ['impact-faded']))).toBeNull();
    expect(labelRank(node('app', 'application', 1, ['impact-faded', 'impact-path']))).toBe(1);
    expect(labelRank(node('app', 'application', 1, ['impact-dim'], true))).toBe(0);
  });
});

describe('placeLabels', () => {
  const box = (x: number, y: number) => ({ x1: x, y1: y, x2: x + 100, y2: y + 16 });
  const screen = { x1: -1000, y1: -1000, x2: 1000, y2: 1000 };
  // Each node's label below it at its y, above it 40 px higher, right of it 150 px further, left of it 150 px back.
  const at: Record<string, [number, number] | null> = { a: [0, 0], b: [50, 8], c: [0, 100], d: null, e: [400, 0] };
  const boxOf = (id: string, slot: string) => {
    const p = at[id];
    if (!p) return null;
    const [x, y] = p;
    return slot === 'bottom' ? box(x, y) : slot === 'top' ? box(x, y - 40) : slot === 'right' ? box(x + 150, y) : box(x - 150, y);
  };

  const hub = (id: string) => ({ id, rank: 4 });

  it('keeps labels that do not overlap, trying each side of the node, most important first, up to the limit', () => {
    expect(placeLabels(['a', 'b', 'c', 'd', 'e'].map(hub), boxOf, screen)).toEqual([
      { id: 'a', slot: 'bottom' },
      { id: 'b', slot: 'top' },
      { id: 'c', slot: 'bottom' },
      { id: 'e', slot: 'bottom' },
    ]);
    expect(placeLabels(['a', 'b', 'c'].map(hub), boxOf, screen, 2)).toEqual([
      { id: 'a', slot: 'bottom' },
      { id: 'b', slot: 'top' },
    ]);
  });

  it('never overlaps: a label with no free side is left for hovering or zooming in, a service as much as a hub', () => {
    const crowded = (id: string, slot: string) =>
      id === 'x' ? box(0, 0) : slot === 'left' ? box(-60, 0) : { x1: -1000, y1: -1000, x2: 1000, y2: 1000 };
    expect(placeLabels([hub('x'), hub('y')], crowded, screen)).toEqual([{ id: 'x', slot: 'bottom' }]);
    expect(placeLabels([hub('x'), { id: 'svc', rank: 3 }], crowded, screen)).toEqual([{ id: 'x', slot: 'bottom' }]);
  });

  it('prefers a side that covers no other node, and covers one only when no other side is free', () => {
    // a's bottom box covers node n; its top box is free.
    const nodes = [{ id: 'n', box: { x1: 10, y1: 4, x2: 30, y2: 12 } }, { id: 'a', box: { x1: 0, y1: -20, x2: 100, y2: -1 } }];
    expect(placeLabels([hub('a')], boxOf, screen, 10, nodes)).toEqual([{ id: 'a', slot: 'top' }]);
    // Every side covers a node: the first free of labels is kept.
    const everywhere = [{ id: 'n', box: { x1: -1000, y1: -1000, x2: 1000, y2: 1000 } }];
    expect(placeLabels([hub('a')], boxOf, screen, 10, everywhere)).toEqual([{ id: 'a', slot: 'bottom' }]);
  });

  it('keeps labels inside the canvas: a label that would be cut at the edge goes to another side', () => {
    // e's bottom, top and right boxes end past x = 450; its left box (250–350) is inside.
    expect(placeLabels([hub('e')], boxOf, { x1: 0, y1: -100, x2: 450, y2: 100 })).toEqual([{ id: 'e', slot: 'left' }]);
  });
});

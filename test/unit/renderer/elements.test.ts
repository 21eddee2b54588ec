// The renderer's pure graph helpers: element data, the diff that keeps one Cytoscape instance
// in step, and deterministic layout requests with stable cache keys.
import { describe, expect, it } from 'vitest';
import type { Relationship } from '../../../src/shared/model';
import { ci } from '../../support/ci-fixture';
import { diffElements, toElements, type EdgeData, type NodeData } from '../../../src/renderer/graph/elements';
import { FORCE_LAYOUT_LIMIT, LARGE_LAYOUT, buildLayoutRequest, centresFromBoxes, effectiveAlgorithm, elkOptions } from '../../../src/renderer/graph/layout-input';

function rel(id: string, source: string, target: string, overrides: Partial<Relationship> = {}): Relationship {
  return { id, source, target, type: 'depends_on', strength: 'hard', ...overrides };
}
function maps(view: { nodes: NodeData[]; edges: EdgeData[] }) {
  return { nodes: new Map(view.nodes.map((n) => [n.id, n])), edges: new Map(view.edges.map((e) => [e.id, e])) };
}

describe('toElements', () => {
  it('sorts by id, drops edges whose ends are not in the view and labels soft edges', () => {
    const els = toElements({
      nodes: [ci('b'), ci('a')],
      edges: [rel('r2', 'a', 'b', { strength: 'soft', type: 'runs_on' }), rel('r1', 'a', 'zzz')],
    });
    expect(els.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(els.edges).toEqual([{ id: 'r2', source: 'a', target: 'b', type: 'runs_on', strength: 'soft', label: 'Runs on (soft)' }]);
  });
});

describe('diffElements', () => {
  const before = toElements({ nodes: [ci('a'), ci('b'), ci('c')], edges: [rel('r1', 'a', 'b'), rel('r2', 'b', 'c')] });

  it('is empty for the same view', () => {
    const diff = diffElements(maps(before), before);
    expect(Object.values(diff).every((list) => list.length === 0)).toBe(true);
  });

  it('removes a node with its edges, adds new ones and updates changed data', () => {
    const after = toElements({
      nodes: [ci('a', 'A renamed'), ci('b'), ci('d')],
      edges: [rel('r1', 'a', 'b', { strength: 'soft' }), rel('r3', 'b', 'd')],
    });
    const diff = diffElements(maps(before), after);
    expect(diff.removeNodes).toEqual(['c']);
    expect(diff.removeEdges).toEqual(['r2']);
    expect(diff.addNodes.map((n) => n.id)).toEqual(['d']);
    expect(diff.addEdges.map((e) => e.id)).toEqual(['r3']);
    expect(diff.updateNodes.map((n) => [n.id, n.label])).toEqual([['a', 'A renamed']]);
    expect(diff.updateEdges.map((e) => [e.id, e.strength])).toEqual([['r1', 'soft']]);
  });

  it('re-adds an edge whose ends changed (Cytoscape cannot move an edge)', () => {
    const after = toElements({ nodes: [ci('a'), ci('b'), ci('c')], edges: [rel('r1', 'a', 'c'), rel('r2', 'b', 'c')] });
    const diff = diffElements(maps(before), after);
    expect(diff.removeEdges).toEqual(['r1']);
    expect(diff.addEdges.map((e) => e.id)).toEqual(['r1']);
  });
});

describe('buildLayoutRequest', () => {
  const view = {
    nodes: [ci('svc', 'Checkout', { class: 'business_service' }), ci('app', 'Checkout API'), ci('db', 'Orders DB', { class: 'database' })],
    edges: [rel('r1', 'app', 'svc', { type: 'part_of' }), rel('r2', 'app', 'db')],
  };

  it('gives the same request and key for the same data in any order', () => {
    const a = buildLayoutRequest(toElements(view), 'layered', 'RIGHT');
    const b = buildLayoutRequest(toElements({ nodes: [...view.nodes].reverse(), edges: [...view.edges].reverse() }), 'layered', 'RIGHT');
    expect(b).toEqual(a);
    expect(a.graph.children.map((c) => c.id)).toEqual(['app', 'db', 'svc']);
  });

  it('keys on the node set, the edge set and the algorithm', () => {
    const base = buildLayoutRequest(toElements(view), 'layered', 'RIGHT').key;
    expect(buildLayoutRequest(toElements(view), 'layered', 'DOWN').key).not.toBe(base);
    expect(buildLayoutRequest(toElements(view), 'force', 'RIGHT').key).not.toBe(base);
    expect(buildLayoutRequest(toElements({ ...view, edges: view.edges.slice(1) }), 'layered', 'RIGHT').key).not.toBe(base);
    expect(buildLayoutRequest(toElements({ ...view, nodes: view.nodes.slice(0, 2), edges: [view.edges[0]] }), 'layered', 'RIGHT').key).not.toBe(base);
  });

  it('lays the whole above its parts: part_of and member_of edges point from target to source for layering', () => {
    const request = buildLayoutRequest(toElements(view), 'layered', 'DOWN');
    const edges = Object.fromEntries(request.graph.edges.map((e) => [e.id, [e.sources[0], e.targets[0]]]));
    expect(edges).toEqual({ r1: ['svc', 'app'], r2: ['app', 'db'] });
    expect(request.graph.layoutOptions['elk.algorithm']).toBe('layered');
    expect(request.graph.layoutOptions['elk.direction']).toBe('DOWN');
  });

  it('runs force (ELK stress) only up to its size limit, with a fixed seed', () => {
    expect(effectiveAlgorithm('force', FORCE_LAYOUT_LIMIT)).toBe('force');
    expect(effectiveAlgorithm('force', FORCE_LAYOUT_LIMIT + 1)).toBe('layered');
    expect(effectiveAlgorithm('layered', 10)).toBe('layered');
    const request = buildLayoutRequest(toElements(view), 'force', 'RIGHT');
    expect(request.graph.layoutOptions['elk.algorithm']).toBe('stress');
    expect(request.graph.layoutOptions['elk.randomSeed']).toBe('1');
  });

  it('routes edges the cheap way and balances node placement only above LARGE_LAYOUT nodes (small views look as before)', () => {
    const small = elkOptions('layered', 'RIGHT', LARGE_LAYOUT);
    expect(small['elk.edgeRouting']).toBeUndefined();
    expect(small['elk.layered.nodePlacement.bk.fixedAlignment']).toBeUndefined();
    const large = elkOptions('layered', 'RIGHT', LARGE_LAYOUT + 1);
    expect(large['elk.edgeRouting']).toBe('POLYLINE');
    expect(large['elk.layered.nodePlacement.bk.fixedAlignment']).toBe('BALANCED');
  });

  it('turns ELK box corners into shape centres', () => {
    const request = buildLayoutRequest(toElements(view), 'layered', 'DOWN');
    const svcBox = request.graph.children.find((c) => c.id === 'svc')!;
    const size = request.shapeSize.svc;
    expect(centresFromBoxes({ svc: { x: 10, y: 20, width: svcBox.width } }, request.shapeSize)).toEqual({
      svc: { x: 10 + svcBox.width / 2, y: 20 + size / 2 },
    });
  });
});

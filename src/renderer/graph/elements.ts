// Graph view → Cytoscape element data, and the add/remove/update diff that keeps one
// Cytoscape instance in step with successive views (pure: no Cytoscape import).
import type { GraphView } from '../../shared/operations';
import { relationshipLabel } from './class-style';

export interface NodeData {
  id: string;
  label: string;
  ciClass: string;
  criticality: number;
  status: string;
  /** A roll-up group (src/renderer/impact/roll-up.ts), not a CI: drawn larger, not selectable. */
  group?: boolean;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  strength: string;
  label: string;
  /** Hops added up by a roll-up: its label (a count) is always shown. */
  rolled?: boolean;
}

/** What a roll-up adds to a view's elements: which nodes are groups, and the counts on its edges. */
export interface RollUpDecor {
  groupIds: ReadonlySet<string>;
  edgeLabels: ReadonlyMap<string, string>;
}

export interface GraphElements {
  nodes: NodeData[];
  edges: EdgeData[];
}

/** Element data for a view, nodes and edges sorted by id so the same data always gives the same input. */
export function toElements(view: Pick<GraphView, 'nodes' | 'edges'>, decor?: RollUpDecor): GraphElements {
  const nodes: NodeData[] = view.nodes
    .map((ci): NodeData => {
      const node: NodeData = { id: ci.id, label: ci.name, ciClass: ci.class, criticality: ci.criticality, status: ci.status };
      if (decor?.groupIds.has(ci.id)) node.group = true;
      return node;
    })
    .sort(byId);
  const ids = new Set(nodes.map((n) => n.id));
  const edges: EdgeData[] = view.edges
    .filter((rel) => ids.has(rel.source) && ids.has(rel.target))
    .map((rel): EdgeData => {
      const rolled = decor?.edgeLabels.get(rel.id);
      const label = rolled ?? (rel.strength === 'soft' ? `${relationshipLabel(rel.type)} (soft)` : relationshipLabel(rel.type));
      const edge: EdgeData = { id: rel.id, source: rel.source, target: rel.target, type: rel.type, strength: rel.strength, label };
      if (rolled) edge.rolled = true;
      return edge;
    })
    .sort(byId);
  return { nodes, edges };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface ElementDiff {
  removeEdges: string[];
  removeNodes: string[];
  addNodes: NodeData[];
  addEdges: EdgeData[];
  updateNodes: NodeData[];
  updateEdges: EdgeData[];
}

function sameData(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(rb);
  return keys.length === Object.keys(ra).length && keys.every((k) => ra[k] === rb[k]);
}

/**
 * What to change so elements `current` become `next`. An edge whose ends changed is removed
 * and added again (Cytoscape cannot move an edge's ends).
 */
export function diffElements(
  current: { nodes: ReadonlyMap<string, NodeData>; edges: ReadonlyMap<string, EdgeData> },
  next: GraphElements,
): ElementDiff {
  const diff: ElementDiff = { removeEdges: [], removeNodes: [], addNodes: [], addEdges: [], updateNodes: [], updateEdges: [] };
  const nextNodes = new Set(next.nodes.map((n) => n.id));
  const nextEdges = new Map(next.edges.map((e) => [e.id, e]));
  for (const [id, edge] of current.edges) {
    const wanted = nextEdges.get(id);
    const endsGone = !nextNodes.has(edge.source) || !nextNodes.has(edge.target);
    if (!wanted || endsGone || wanted.source !== edge.source || wanted.target !== edge.target) diff.removeEdges.push(id);
  }
  for (const id of current.nodes.keys()) if (!nextNodes.has(id)) diff.removeNodes.push(id);
  const removedEdges = new Set(diff.removeEdges);
  for (const node of next.nodes) {
    const had = current.nodes.get(node.id);
    if (!had) diff.addNodes.push(node);
    else if (!sameData(had, node)) diff.updateNodes.push(node);
  }
  for (const edge of next.edges) {
    const had = current.edges.get(edge.id);
    if (!had || removedEdges.has(edge.id)) diff.addEdges.push(edge);
    else if (!sameData(had, edge)) diff.updateEdges.push(edge);
  }
  return diff;
}

export function isEmptyDiff(diff: ElementDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}

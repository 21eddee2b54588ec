// The subgraph the Explore screen shows: filtered, optionally a neighbourhood, always
// within the node and edge caps so a large CMDB never reaches the renderer whole.
import type { Ci, Relationship } from '../../shared/model';
import type { Direction, GraphView, ParsedInput } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { CmdbError } from '../graph/errors';
import { ciFilterPredicate } from './ci-filter';

type ViewInput = ParsedInput<'view.graph'>;

/** Depth used when the server picks a neighbourhood for a CMDB over the cap. */
const AUTO_FOCUS_DEPTH = 2;

export function graphView(graph: CmdbGraph, input: ViewInput): GraphView {
  const ix = graph.indexes();
  const passes = ciFilterPredicate(input.filters);
  const passing = new Uint8Array(ix.n);
  let matchingCis = 0;
  for (let i = 0; i < ix.n; i++) {
    if (passes(ix.cis[i])) {
      passing[i] = 1;
      matchingCis++;
    }
  }

  if (input.focus) {
    const start = ix.indexOf.get(input.focus.ciId);
    if (start === undefined) throw new CmdbError('not_found', `focus.ciId: no CI with id ${input.focus.ciId}`, 'focus.ciId');
    passing[start] = 1;
    const { order, truncated } = neighbourhood(ix, start, input.focus.depth, input.focus.direction, passing, input.nodeCap);
    const name = ix.cis[start].name;
    const notice = truncated
      ? `The ${input.focus.depth}-hop neighbourhood of ${name} has more than ${input.nodeCap.toLocaleString('en')} CIs: showing the nearest ${input.nodeCap.toLocaleString('en')}.`
      : null;
    return assemble(ix, order, input.edgeCap, { totalCis: ix.n, matchingCis, mode: 'neighbourhood', notice, focusCiId: null, truncated });
  }

  if (matchingCis <= input.nodeCap) {
    const order: number[] = [];
    for (let i = 0; i < ix.n; i++) if (passing[i]) order.push(i);
    return assemble(ix, order, input.edgeCap, { totalCis: ix.n, matchingCis, mode: 'all', notice: null, focusCiId: null, truncated: false });
  }

  // Too many CIs to draw: open on the neighbourhood of the most important, best connected CI.
  const focus = pickAutoFocus(ix, passing);
  const { order, truncated } = neighbourhood(ix, focus, AUTO_FOCUS_DEPTH, 'both', passing, input.nodeCap);
  const notice =
    `${matchingCis.toLocaleString('en')} CIs match, more than the view cap of ${input.nodeCap.toLocaleString('en')}: ` +
    `showing the ${AUTO_FOCUS_DEPTH}-hop neighbourhood of ${ix.cis[focus].name}${truncated ? ' (nearest CIs only)' : ''}. ` +
    'Search (Ctrl+K) or narrow the filters to explore elsewhere.';
  return assemble(ix, order, input.edgeCap, {
    totalCis: ix.n,
    matchingCis,
    mode: 'neighbourhood',
    notice,
    focusCiId: ix.ciIds[focus],
    truncated,
  });
}

/** Breadth-first from `start` over passing CIs, nearest first, stopping at `cap` CIs. */
function neighbourhood(
  ix: GraphIndexes,
  start: number,
  depth: number,
  direction: Direction,
  passing: Uint8Array,
  cap: number,
): { order: number[]; truncated: boolean } {
  const seen = new Set<number>([start]);
  const order = [start];
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      const visit = (peer: number): boolean => {
        if (!passing[peer] || seen.has(peer)) return true;
        if (order.length >= cap) return false;
        seen.add(peer);
        order.push(peer);
        next.push(peer);
        return true;
      };
      if (direction !== 'in') {
        for (let k = ix.outOffsets[v]; k < ix.outOffsets[v + 1]; k++) {
          if (!visit(ix.relTarget[ix.outEdges[k]])) return { order, truncated: true };
        }
      }
      if (direction !== 'out') {
        for (let k = ix.inOffsets[v]; k < ix.inOffsets[v + 1]; k++) {
          if (!visit(ix.relSource[ix.inEdges[k]])) return { order, truncated: true };
        }
      }
    }
    frontier = next;
  }
  return { order, truncated: false };
}

/** The passing CI with the best (lowest) criticality, then the most relationships, then the smallest id. */
function pickAutoFocus(ix: GraphIndexes, passing: Uint8Array): number {
  let best = -1;
  let bestDegree = -1;
  for (let i = 0; i < ix.n; i++) {
    if (!passing[i]) continue;
    const degree = ix.outOffsets[i + 1] - ix.outOffsets[i] + ix.inOffsets[i + 1] - ix.inOffsets[i];
    if (best < 0) {
      best = i;
      bestDegree = degree;
      continue;
    }
    const a = ix.cis[i];
    const b = ix.cis[best];
    if (
      a.criticality < b.criticality ||
      (a.criticality === b.criticality && (degree > bestDegree || (degree === bestDegree && a.id < b.id)))
    ) {
      best = i;
      bestDegree = degree;
    }
  }
  return best;
}

function assemble(
  ix: GraphIndexes,
  order: number[],
  edgeCap: number,
  meta: Omit<GraphView, 'nodes' | 'edges'>,
): GraphView {
  const inView = new Uint8Array(ix.n);
  for (const i of order) inView[i] = 1;
  const nodes: Ci[] = order.map((i) => ix.cis[i]);
  const edges: Relationship[] = [];
  let truncated = meta.truncated;
  outer: for (const v of order) {
    for (let k = ix.outOffsets[v]; k < ix.outOffsets[v + 1]; k++) {
      const e = ix.outEdges[k];
      if (!inView[ix.relTarget[e]]) continue;
      if (edges.length >= edgeCap) {
        truncated = true;
        break outer;
      }
      edges.push(ix.relationships[e]);
    }
  }
  const edgesCut = truncated && !meta.truncated;
  const notice = edgesCut
    ? [meta.notice, `More than ${edgeCap.toLocaleString('en')} relationships: only the first ${edgeCap.toLocaleString('en')} are drawn.`]
        .filter(Boolean)
        .join(' ')
    : meta.notice;
  return { ...meta, nodes, edges, truncated, notice };
}

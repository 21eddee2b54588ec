// A view of given CIs plus one hop of context: how a blast radius (or any computed set of CIs) is
// drawn when the CMDB is too large to show whole. The caller orders the ids by importance; the
// cap keeps the first ones, then fills the remaining room with their direct neighbours.
import type { Ci, Relationship } from '../../shared/model';
import type { GraphView, ParsedInput } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';

type SubgraphInput = ParsedInput<'view.subgraph'>;

export function subgraphView(graph: CmdbGraph, input: SubgraphInput): GraphView {
  const ix = graph.indexes();
  const inView = new Uint8Array(ix.n);
  const order: number[] = [];
  let asked = 0;
  let askedCut = 0;
  for (const id of input.ciIds) {
    const i = ix.indexOf.get(id);
    if (i === undefined || inView[i]) continue;
    asked++;
    if (order.length >= input.nodeCap) {
      askedCut++;
      continue;
    }
    inView[i] = 1;
    order.push(i);
  }
  const core = order.length;
  let contextCut = false;
  if (input.contextHops === 1) {
    // Neighbours in the order of the CI they hang off, so the most important CIs get their context first.
    outer: for (let c = 0; c < core; c++) {
      const v = order[c];
      for (const [offsets, edges, ends] of [
        [ix.outOffsets, ix.outEdges, ix.relTarget],
        [ix.inOffsets, ix.inEdges, ix.relSource],
      ] as const) {
        for (let k = offsets[v]; k < offsets[v + 1]; k++) {
          const peer = ends[edges[k]];
          if (inView[peer]) continue;
          if (order.length >= input.nodeCap) {
            contextCut = true;
            break outer;
          }
          inView[peer] = 1;
          order.push(peer);
        }
      }
    }
  }

  const nodes: Ci[] = order.map((i) => ix.cis[i]);
  const edges: Relationship[] = [];
  let edgesCut = false;
  edgeLoop: for (const v of order) {
    for (let k = ix.outOffsets[v]; k < ix.outOffsets[v + 1]; k++) {
      const e = ix.outEdges[k];
      if (!inView[ix.relTarget[e]]) continue;
      if (edges.length >= input.edgeCap) {
        edgesCut = true;
        break edgeLoop;
      }
      edges.push(ix.relationships[e]);
    }
  }

  const fmt = (n: number) => n.toLocaleString('en');
  const notices: string[] = [];
  if (askedCut > 0) {
    notices.push(`${fmt(asked)} CIs asked for, more than the view cap of ${fmt(input.nodeCap)}: showing the first ${fmt(core)}.`);
  } else if (contextCut) {
    notices.push(`Not all neighbours fit under the view cap of ${fmt(input.nodeCap)}: showing ${fmt(order.length - core)} of them.`);
  }
  if (edgesCut) notices.push(`More than ${fmt(input.edgeCap)} relationships: only the first ${fmt(input.edgeCap)} are drawn.`);
  return {
    nodes,
    edges,
    totalCis: ix.n,
    matchingCis: asked,
    truncated: askedCut > 0 || contextCut || edgesCut,
    mode: 'neighbourhood',
    notice: notices.length ? notices.join(' ') : null,
    focusCiId: null,
  };
}

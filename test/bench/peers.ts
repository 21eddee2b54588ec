// The same closure computed by two peer libraries, on a graph whose edges are oriented along the
// failure direction (so one successors / outbound BFS call gives everything a failure reaches).
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import type { GraphIndexes } from '../../src/core/graph/csr-index';
import { FAILS_TARGET_TO_SOURCE } from '../../src/core/graph/relationship-rules';

/** Failure-direction edge e as [from, to] CI indexes. */
function oriented(ix: GraphIndexes, e: number): [number, number] {
  return FAILS_TARGET_TO_SOURCE[ix.relType[e]] === 1 ? [ix.relTarget[e], ix.relSource[e]] : [ix.relSource[e], ix.relTarget[e]];
}

export interface PeerGraph {
  name: string;
  /** Ids of every CI the failure of `id` reaches, `id` included. */
  closure(id: string): string[];
  dispose(): void;
}

export function buildCytoscape(ix: GraphIndexes): PeerGraph {
  const nodes: cytoscape.NodeDefinition[] = new Array(ix.n);
  for (let i = 0; i < ix.n; i++) nodes[i] = { data: { id: ix.ciIds[i] } };
  const edges: cytoscape.EdgeDefinition[] = new Array(ix.m);
  for (let e = 0; e < ix.m; e++) {
    const [from, to] = oriented(ix, e);
    edges[e] = { data: { id: `e${e}`, source: ix.ciIds[from], target: ix.ciIds[to] } };
  }
  let cy: cytoscape.Core | null = cytoscape({ headless: true, styleEnabled: false, elements: { nodes, edges } });
  return {
    name: 'Cytoscape headless',
    closure(id) {
      const start = cy!.getElementById(id);
      const reached = start.successors().nodes();
      const ids = [id];
      reached.forEach((n) => {
        ids.push(n.id());
      });
      return ids;
    },
    dispose() {
      cy?.destroy();
      cy = null;
    },
  };
}

export function buildGraphology(ix: GraphIndexes): PeerGraph {
  let graph: Graph | null = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  for (let i = 0; i < ix.n; i++) graph.addNode(ix.ciIds[i]);
  for (let e = 0; e < ix.m; e++) {
    const [from, to] = oriented(ix, e);
    graph.addEdge(ix.ciIds[from], ix.ciIds[to]);
  }
  return {
    name: 'graphology + traversal',
    closure(id) {
      const ids: string[] = [];
      bfsFromNode(
        graph!,
        id,
        (node) => {
          ids.push(node);
        },
        { mode: 'outbound' },
      );
      return ids;
    },
    dispose() {
      graph?.clear();
      graph = null;
    },
  };
}

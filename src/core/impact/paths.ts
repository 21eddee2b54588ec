// Explanation paths rebuilt from parent pointers once a traversal has settled. Each node's
// pointer was set for its final level, and the parent is always one hop shallower, so
// following pointers ends at a target (or the asked-about CI) without a cycle.
// Only the few entries that carry whole paths use this (services, SPOF); every other entry
// carries its parent pointer (`via`) and is explained on demand by explanationPath().
import type { Explanation, ImpactVia, PathStep } from '../../shared/impact-types';
import { RELATIONSHIP_TYPE_CODES, STRENGTH_SOFT } from '../graph/relationship-rules';
import type { Scratch } from './scratch';

export type { Explanation };

/** The `via` of node `to`, reached from `from` over edge `edge`. */
export function viaOf(s: Scratch, from: number, edge: number): ImpactVia {
  const ix = s.ix;
  return {
    from: ix.ciIds[from],
    relationshipId: s.relIds[edge],
    type: RELATIONSHIP_TYPE_CODES[ix.relType[edge]],
    strength: ix.relStrength[edge] === STRENGTH_SOFT ? 'soft' : 'hard',
  };
}

/** CI ids from the root of node's explanation (a target, or the asked-about CI) to node. */
export function pathTo(s: Scratch, node: number): string[] {
  const { parent, ix } = s;
  const path: string[] = [];
  for (let v = node; v >= 0; v = parent[v]) {
    path.push(ix.ciIds[v]);
    if (path.length > ix.n) throw new Error('explanation path does not end (parent pointers form a cycle)');
  }
  return path.reverse();
}

/**
 * Builds explanations on demand, sharing the work of nodes on the same chain: each node's path
 * is its parent's plus itself, memoised for the life of the builder.
 */
export class PathBuilder {
  private readonly memo = new Map<number, Explanation>();

  constructor(private readonly s: Scratch) {}

  explain(node: number): Explanation {
    const { parent, parentEdge, ix } = this.s;
    // Walk up to the root or to a node already explained, then build back down.
    const chain: number[] = [];
    let v = node;
    while (!this.memo.has(v)) {
      chain.push(v);
      const p = parent[v];
      if (p < 0) break;
      if (chain.length > ix.n) throw new Error('explanation path does not end (parent pointers form a cycle)');
      v = p;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i];
      const p = parent[child];
      if (p < 0) {
        this.memo.set(child, { path: [ix.ciIds[child]], steps: [] });
      } else {
        const up = this.memo.get(p) as Explanation;
        const path = up.path.slice();
        path.push(ix.ciIds[child]);
        const steps = up.steps.slice();
        steps.push(this.step(p, child, parentEdge[child]));
        this.memo.set(child, { path, steps });
      }
    }
    return this.memo.get(node) as Explanation;
  }

  private step(from: number, to: number, edge: number): PathStep {
    const via = viaOf(this.s, from, edge);
    return { from: via.from, to: this.s.ix.ciIds[to], relationshipId: via.relationshipId, type: via.type, strength: via.strength };
  }
}

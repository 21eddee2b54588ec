// Explanation paths rebuilt from parent pointers once a traversal has settled. Each node's
// pointer was set for its final level, and the parent is always one hop shallower, so
// following pointers ends at a target (or the asked-about CI) without a cycle.
import type { PathStep } from '../../shared/impact-types';
import { RELATIONSHIP_TYPE_CODES, STRENGTH_SOFT } from '../graph/relationship-rules';
import type { GraphIndexes } from '../graph/csr-index';

export interface Explanation {
  path: string[];
  steps: PathStep[];
}

/** Builds explanations on demand, sharing the prefix work of nodes on the same chain. */
export class PathBuilder {
  private readonly memo = new Map<number, Explanation>();

  constructor(
    private readonly ix: GraphIndexes,
    private readonly parent: Int32Array,
    private readonly parentEdge: Int32Array,
  ) {}

  explain(node: number): Explanation {
    const known = this.memo.get(node);
    if (known) return known;
    // Walk up to the root or to a node already explained, then build back down.
    const chain: number[] = [];
    let v = node;
    let base: Explanation | undefined;
    for (;;) {
      base = this.memo.get(v);
      if (base) break;
      chain.push(v);
      const p = this.parent[v];
      if (p < 0) break;
      if (chain.length > this.ix.n) throw new Error('explanation path does not end (parent pointers form a cycle)');
      v = p;
    }
    let current: Explanation;
    let i = chain.length - 1;
    if (base) {
      current = base;
    } else {
      const root = chain[i--];
      current = { path: [this.ix.ciIds[root]], steps: [] };
      this.memo.set(root, current);
    }
    for (; i >= 0; i--) {
      const child = chain[i];
      const step = this.step(this.parent[child], child, this.parentEdge[child]);
      current = { path: [...current.path, this.ix.ciIds[child]], steps: [...current.steps, step] };
      this.memo.set(child, current);
    }
    return current;
  }

  private step(from: number, to: number, edge: number): PathStep {
    const rel = this.ix.relationships[edge];
    return {
      from: this.ix.ciIds[from],
      to: this.ix.ciIds[to],
      relationshipId: rel.id,
      type: RELATIONSHIP_TYPE_CODES[this.ix.relType[edge]],
      strength: this.ix.relStrength[edge] === STRENGTH_SOFT ? 'soft' : 'hard',
    };
  }
}

// Explanation paths rebuilt from parent pointers once a traversal has settled. Each node's
// pointer was set for its final level, and the parent is always one hop shallower, so
// following pointers ends at a target (or the asked-about CI) without a cycle.
import type { PathStep } from '../../shared/impact-types';
import { RELATIONSHIP_TYPE_CODES, STRENGTH_SOFT } from '../graph/relationship-rules';
import type { Scratch } from './scratch';

export interface Explanation {
  path: string[];
  steps: PathStep[];
}

/**
 * Builds explanations on demand, sharing the work of nodes on the same chain: each node's path
 * is its parent's plus itself, memoised in the scratch arrays; release() clears what it used.
 */
export class PathBuilder {
  private readonly used: number[] = [];

  constructor(private readonly s: Scratch) {}

  explain(node: number): Explanation {
    const { pathMemo, stepsMemo, parent } = this.s;
    // Walk up to the root or to a node already explained, then build back down.
    const chain: number[] = [];
    let v = node;
    while (pathMemo[v] === undefined) {
      chain.push(v);
      const p = parent[v];
      if (p < 0) break;
      if (chain.length > this.s.ix.n) throw new Error('explanation path does not end (parent pointers form a cycle)');
      v = p;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i];
      const p = parent[child];
      if (p < 0) {
        pathMemo[child] = [this.s.ix.ciIds[child]];
        stepsMemo[child] = [];
      } else {
        const path = (pathMemo[p] as string[]).slice();
        path.push(this.s.ix.ciIds[child]);
        const steps = (stepsMemo[p] as PathStep[]).slice();
        steps.push(this.step(p, child, this.s.parentEdge[child]));
        pathMemo[child] = path;
        stepsMemo[child] = steps;
      }
      this.used.push(child);
    }
    return { path: pathMemo[node] as string[], steps: stepsMemo[node] as PathStep[] };
  }

  /** Forgets every memoised explanation (O(nodes explained)). */
  release(): void {
    for (const i of this.used) {
      this.s.pathMemo[i] = undefined;
      this.s.stepsMemo[i] = undefined;
    }
    this.used.length = 0;
  }

  private step(from: number, to: number, edge: number): PathStep {
    const ix = this.s.ix;
    return {
      from: ix.ciIds[from],
      to: ix.ciIds[to],
      relationshipId: ix.relationships[edge].id,
      type: RELATIONSHIP_TYPE_CODES[ix.relType[edge]],
      strength: ix.relStrength[edge] === STRENGTH_SOFT ? 'soft' : 'hard',
    };
  }
}

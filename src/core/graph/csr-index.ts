// Compressed-sparse-row adjacency in both directions over dense CI indexes: what every
// traversal (views, impact) runs on. Built from the id maps; rebuilt lazily after edits.
import type { Ci, Relationship } from '../../shared/model';
import { RELATIONSHIP_CODE, STRENGTH_HARD, STRENGTH_SOFT } from './relationship-rules';

export interface GraphIndexes {
  /** Number of CIs; dense indexes run 0..n-1. */
  readonly n: number;
  /** Number of relationships; dense edge indexes run 0..m-1. */
  readonly m: number;
  readonly ciIds: readonly string[];
  readonly cis: readonly Ci[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly relationships: readonly Relationship[];
  readonly relSource: Int32Array;
  readonly relTarget: Int32Array;
  /** RELATIONSHIP_CODE of each edge. */
  readonly relType: Uint8Array;
  /** STRENGTH_HARD or STRENGTH_SOFT of each edge. */
  readonly relStrength: Uint8Array;
  /** Edges leaving CI i (i is the source): outEdges[outOffsets[i] .. outOffsets[i+1]). */
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  /** Edges entering CI i (i is the target). */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
}

export function buildIndexes(cis: Iterable<Ci>, relationships: Iterable<Relationship>): GraphIndexes {
  const ciList = Array.from(cis);
  const relList = Array.from(relationships);
  const n = ciList.length;
  const m = relList.length;
  const ciIds = ciList.map((c) => c.id);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(ciIds[i], i);

  const relSource = new Int32Array(m);
  const relTarget = new Int32Array(m);
  const relType = new Uint8Array(m);
  const relStrength = new Uint8Array(m);
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const r = relList[e];
    const s = indexOf.get(r.source);
    const t = indexOf.get(r.target);
    if (s === undefined || t === undefined) {
      throw new Error(`relationship ${r.id} points at a missing CI`);
    }
    relSource[e] = s;
    relTarget[e] = t;
    relType[e] = RELATIONSHIP_CODE[r.type];
    relStrength[e] = r.strength === 'soft' ? STRENGTH_SOFT : STRENGTH_HARD;
    outOffsets[s + 1]++;
    inOffsets[t + 1]++;
  }
  for (let i = 0; i < n; i++) {
    outOffsets[i + 1] += outOffsets[i];
    inOffsets[i + 1] += inOffsets[i];
  }
  const outEdges = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const outFill = outOffsets.slice(0, n);
  const inFill = inOffsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    outEdges[outFill[relSource[e]]++] = e;
    inEdges[inFill[relTarget[e]]++] = e;
  }
  return {
    n,
    m,
    ciIds,
    cis: ciList,
    indexOf,
    relationships: relList,
    relSource,
    relTarget,
    relType,
    relStrength,
    outOffsets,
    outEdges,
    inOffsets,
    inEdges,
  };
}

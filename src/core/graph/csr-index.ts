// Compressed-sparse-row adjacency in both directions over dense CI indexes: what every
// traversal (views, impact) runs on. Built from the id maps (rebuilt lazily after edits), or
// straight from a checkpoint's integer columns when a document is opened.
import type { Ci, Relationship } from '../../shared/model';
import { IdIndex } from './id-index';
import { FAILS_TARGET_TO_SOURCE, RELATIONSHIP_CODE, STRENGTH_HARD, STRENGTH_SOFT } from './relationship-rules';

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
  /**
   * Failure adjacency: the edges along which CI i's failure travels (in-edges of the types that
   * fail target → source, out-edges of the others), failEdges[failOffsets[i] .. failOffsets[i+1]),
   * and in failEnds the CI each of them hurts. Impact traversals scan only these, never the
   * edges whose failure runs the other way.
   */
  readonly failOffsets: Int32Array;
  readonly failEdges: Int32Array;
  readonly failEnds: Int32Array;
}

/**
 * A document's relationships by dense index, as a schemaVersion 2 checkpoint stores them:
 * with the document's CI and relationship arrays, everything the indexes need, with no id
 * lookups. `indexOf` maps each CI id to its position in the CI array.
 */
export interface DenseColumns {
  readonly indexOf: ReadonlyMap<string, number>;
  /** Each relationship id → its position in the relationship array. */
  readonly relationshipIndex: ReadonlyMap<string, number>;
  readonly relSource: Int32Array;
  readonly relTarget: Int32Array;
  readonly relType: Uint8Array;
  readonly relStrength: Uint8Array;
}

export function buildIndexes(cis: Iterable<Ci>, relationships: Iterable<Relationship>): GraphIndexes {
  const ciList = Array.from(cis);
  const relList = Array.from(relationships);
  const m = relList.length;
  const indexOf = IdIndex.of(ciList.map((c) => c.id));

  const relSource = new Int32Array(m);
  const relTarget = new Int32Array(m);
  const relType = new Uint8Array(m);
  const relStrength = new Uint8Array(m);
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
  }
  return buildIndexesFromColumns(ciList, relList, { indexOf, relSource, relTarget, relType, relStrength });
}

/**
 * The indexes of CIs and relationships whose ends are already dense indexes (a checkpoint
 * read from disk). The caller vouches that `columns` describe `cis` and `relationships`
 * exactly (decodeCheckpoint checks the ends are in range); the arrays are kept, not copied.
 */
export function buildIndexesFromColumns(
  cis: readonly Ci[],
  relationships: readonly Relationship[],
  columns: Omit<DenseColumns, 'relationshipIndex'>,
): GraphIndexes {
  const n = cis.length;
  const m = relationships.length;
  const { indexOf, relSource, relTarget, relType, relStrength } = columns;
  const ciIds = cis.map((c) => c.id);
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    outOffsets[relSource[e] + 1]++;
    inOffsets[relTarget[e] + 1]++;
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
  const { failOffsets, failEdges, failEnds } = failureAdjacency(n, m, relSource, relTarget, relType);
  return {
    n,
    m,
    ciIds,
    cis,
    indexOf,
    relationships,
    relSource,
    relTarget,
    relType,
    relStrength,
    outOffsets,
    outEdges,
    inOffsets,
    inEdges,
    failOffsets,
    failEdges,
    failEnds,
  };
}

function failureAdjacency(
  n: number,
  m: number,
  relSource: Int32Array,
  relTarget: Int32Array,
  relType: Uint8Array,
): { failOffsets: Int32Array; failEdges: Int32Array; failEnds: Int32Array } {
  const failOffsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) failOffsets[(FAILS_TARGET_TO_SOURCE[relType[e]] === 1 ? relTarget[e] : relSource[e]) + 1]++;
  for (let i = 0; i < n; i++) failOffsets[i + 1] += failOffsets[i];
  const failEdges = new Int32Array(m);
  const failEnds = new Int32Array(m);
  const fill = failOffsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    const up = FAILS_TARGET_TO_SOURCE[relType[e]] === 1;
    const p = fill[up ? relTarget[e] : relSource[e]]++;
    failEdges[p] = e;
    failEnds[p] = up ? relSource[e] : relTarget[e];
  }
  return { failOffsets, failEdges, failEnds };
}

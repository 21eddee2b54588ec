// The in-memory CMDB: id maps, per-CI relationship lists for edits, and the CSR indexes
// for traversal, rebuilt lazily so an edit stays O(1) and a query sees a consistent graph.
import type { Ci, Relationship } from '../../shared/model';
import { buildIndexes, type GraphIndexes } from './csr-index';
import { IdIndex } from './id-index';
import { LayeredMap } from './layered-map';

export class CmdbGraph {
  private ciById = new LayeredMap<Ci>();
  private relById = new LayeredMap<Relationship>();
  // Per-CI relationship lists (not Sets: cheaper to build for 100k CIs; degrees are small
  // except at hubs, where a removal scans one list). A graph built from indexes (fromIndexes)
  // starts with none: a CI's lists are read from those base indexes until an edit touches
  // them, and are copied here first (see listFor).
  private readonly outRels = new Map<string, Relationship[]>();
  private readonly inRels = new Map<string, Relationship[]>();
  private base: GraphIndexes | null = null;
  private cachedIndexes: GraphIndexes | null = null;
  /** Bumped by every change; views and caches compare it. */
  private revisionCounter = 0;

  constructor(cis: Iterable<Ci> = [], relationships: Iterable<Relationship> = []) {
    for (const ci of cis) this.putCi(ci);
    for (const rel of relationships) this.putRelationship(rel);
    this.revisionCounter = 0;
  }

  /**
   * A graph over CIs and relationships that already have their indexes (a checkpoint just
   * read): they become the cached indexes, the id maps are layered over their arrays (no Map
   * is built), and per-CI relationship lists are only built for the CIs an edit touches.
   * The caller vouches for the indexes: unique ids, ends that exist. `relationshipIndex` maps
   * each relationship id to its position in indexes.relationships (built here if not given).
   */
  static fromIndexes(indexes: GraphIndexes, relationshipIndex?: ReadonlyMap<string, number>): CmdbGraph {
    const graph = new CmdbGraph();
    const { cis, relationships } = indexes;
    graph.ciById = new LayeredMap(cis, indexes.indexOf);
    graph.relById = new LayeredMap(relationships, relationshipIndex ?? IdIndex.of(relationships.map((r) => r.id)));
    graph.base = indexes;
    graph.cachedIndexes = indexes;
    return graph;
  }

  get revision(): number {
    return this.revisionCounter;
  }

  get ciCount(): number {
    return this.ciById.size;
  }

  get relationshipCount(): number {
    return this.relById.size;
  }

  getCi(id: string): Ci | undefined {
    return this.ciById.get(id);
  }

  hasCi(id: string): boolean {
    return this.ciById.has(id);
  }

  getRelationship(id: string): Relationship | undefined {
    return this.relById.get(id);
  }

  /** The id of the relationship with this (source, target, type), if any. */
  findRelationship(source: string, target: string, type: string): string | undefined {
    for (const r of this.outgoingList(source)) if (r.target === target && r.type === type) return r.id;
    return undefined;
  }

  cis(): IterableIterator<Ci> {
    return this.ciById.values();
  }

  relationships(): IterableIterator<Relationship> {
    return this.relById.values();
  }

  outgoing(ciId: string): Relationship[] {
    return [...this.outgoingList(ciId)];
  }

  incoming(ciId: string): Relationship[] {
    return [...this.incomingList(ciId)];
  }

  /** Every relationship touching a CI, each once (a self-loop cannot exist). */
  relationshipsOf(ciId: string): Relationship[] {
    return [...this.outgoing(ciId), ...this.incoming(ciId)];
  }

  /** Inserts or replaces a CI. No validation: callers (Cmdb, replay) validate first. */
  putCi(ci: Ci): void {
    this.ciById.set(ci);
    this.touch();
  }

  /** Removes a CI; its relationships must already be gone. */
  removeCi(id: string): void {
    if (this.relationshipsOf(id).length > 0) {
      throw new Error(`CI ${id} still has relationships`);
    }
    this.ciById.delete(id);
    if (this.base?.indexOf.has(id)) {
      // Not back to the base lists if a CI with this id is created again.
      this.outRels.set(id, []);
      this.inRels.set(id, []);
    } else {
      this.outRels.delete(id);
      this.inRels.delete(id);
    }
    this.touch();
  }

  /** Inserts or replaces a relationship. Both ends must exist. */
  putRelationship(rel: Relationship): void {
    if (!this.ciById.has(rel.source) || !this.ciById.has(rel.target)) {
      throw new Error(`relationship ${rel.id} points at a missing CI`);
    }
    const previous = this.relById.get(rel.id);
    if (previous) this.unlink(previous);
    this.relById.set(rel);
    this.listFor(this.outRels, rel.source).push(rel);
    this.listFor(this.inRels, rel.target).push(rel);
    this.touch();
  }

  removeRelationship(id: string): void {
    const rel = this.relById.get(id);
    if (!rel) return;
    this.unlink(rel);
    this.relById.delete(id);
    this.touch();
  }

  /** Typed-array adjacency of the current graph (rebuilt only when something changed). */
  indexes(): GraphIndexes {
    if (!this.cachedIndexes) {
      this.cachedIndexes = buildIndexes(this.ciById.values(), this.relById.values());
    }
    return this.cachedIndexes;
  }

  private unlink(rel: Relationship): void {
    removeById(this.listFor(this.outRels, rel.source), rel.id);
    removeById(this.listFor(this.inRels, rel.target), rel.id);
  }

  private touch(): void {
    this.cachedIndexes = null;
    this.revisionCounter++;
  }

  /** The relationships leaving a CI, for reading only. */
  private outgoingList(ciId: string): readonly Relationship[] {
    return this.outRels.get(ciId) ?? this.baseList(ciId, true);
  }

  private incomingList(ciId: string): readonly Relationship[] {
    return this.inRels.get(ciId) ?? this.baseList(ciId, false);
  }

  /**
   * A CI's list as the base indexes hold it. Exact while the CI has no list of its own: every
   * edit of a relationship copies the lists of both its ends into the maps first (listFor).
   */
  private baseList(ciId: string, out: boolean): Relationship[] {
    const base = this.base;
    const i = base?.indexOf.get(ciId);
    if (!base || i === undefined) return [];
    const offsets = out ? base.outOffsets : base.inOffsets;
    const edges = out ? base.outEdges : base.inEdges;
    const list: Relationship[] = [];
    for (let k = offsets[i]; k < offsets[i + 1]; k++) list.push(base.relationships[edges[k]]);
    return list;
  }

  /** A CI's own, editable list in `map`, created (from the base indexes when there are some) on first use. */
  private listFor(map: Map<string, Relationship[]>, ciId: string): Relationship[] {
    let list = map.get(ciId);
    if (!list) {
      list = this.baseList(ciId, map === this.outRels);
      map.set(ciId, list);
    }
    return list;
  }
}

function removeById(list: Relationship[], id: string): void {
  const i = list.findIndex((r) => r.id === id);
  if (i >= 0) list.splice(i, 1);
}

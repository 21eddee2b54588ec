// The in-memory CMDB: id maps, per-CI relationship sets for edits, and the CSR indexes
// for traversal, rebuilt lazily so an edit stays O(1) and a query sees a consistent graph.
import type { Ci, Relationship } from '../../shared/model';
import { buildIndexes, type GraphIndexes } from './csr-index';

export class CmdbGraph {
  private readonly ciById = new Map<string, Ci>();
  private readonly relById = new Map<string, Relationship>();
  // Per-CI relationship lists (not Sets: cheaper to build for 100k CIs; degrees are small
  // except at hubs, where a removal scans one list).
  private readonly outRels = new Map<string, Relationship[]>();
  private readonly inRels = new Map<string, Relationship[]>();
  private cachedIndexes: GraphIndexes | null = null;
  /** Bumped by every change; views and caches compare it. */
  private revisionCounter = 0;

  constructor(cis: Iterable<Ci> = [], relationships: Iterable<Relationship> = []) {
    for (const ci of cis) this.putCi(ci);
    for (const rel of relationships) this.putRelationship(rel);
    this.revisionCounter = 0;
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
    const list = this.outRels.get(source);
    if (!list) return undefined;
    for (const r of list) if (r.target === target && r.type === type) return r.id;
    return undefined;
  }

  cis(): IterableIterator<Ci> {
    return this.ciById.values();
  }

  relationships(): IterableIterator<Relationship> {
    return this.relById.values();
  }

  outgoing(ciId: string): Relationship[] {
    return [...(this.outRels.get(ciId) ?? [])];
  }

  incoming(ciId: string): Relationship[] {
    return [...(this.inRels.get(ciId) ?? [])];
  }

  /** Every relationship touching a CI, each once (a self-loop cannot exist). */
  relationshipsOf(ciId: string): Relationship[] {
    return [...this.outgoing(ciId), ...this.incoming(ciId)];
  }

  /** Inserts or replaces a CI. No validation: callers (Cmdb, replay) validate first. */
  putCi(ci: Ci): void {
    this.ciById.set(ci.id, ci);
    this.touch();
  }

  /** Removes a CI; its relationships must already be gone. */
  removeCi(id: string): void {
    if (this.relationshipsOf(id).length > 0) {
      throw new Error(`CI ${id} still has relationships`);
    }
    this.ciById.delete(id);
    this.outRels.delete(id);
    this.inRels.delete(id);
    this.touch();
  }

  /** Inserts or replaces a relationship. Both ends must exist. */
  putRelationship(rel: Relationship): void {
    if (!this.ciById.has(rel.source) || !this.ciById.has(rel.target)) {
      throw new Error(`relationship ${rel.id} points at a missing CI`);
    }
    const previous = this.relById.get(rel.id);
    if (previous) this.unlink(previous);
    this.relById.set(rel.id, rel);
    listFor(this.outRels, rel.source).push(rel);
    listFor(this.inRels, rel.target).push(rel);
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
    removeById(this.outRels.get(rel.source), rel.id);
    removeById(this.inRels.get(rel.target), rel.id);
  }

  private touch(): void {
    this.cachedIndexes = null;
    this.revisionCounter++;
  }
}

function listFor(map: Map<string, Relationship[]>, key: string): Relationship[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function removeById(list: Relationship[] | undefined, id: string): void {
  if (!list) return;
  const i = list.findIndex((r) => r.id === id);
  if (i >= 0) list.splice(i, 1);
}

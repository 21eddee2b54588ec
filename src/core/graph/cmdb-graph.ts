// The in-memory CMDB: id maps, per-CI relationship sets for edits, and the CSR indexes
// for traversal, rebuilt lazily so an edit stays O(1) and a query sees a consistent graph.
import type { Ci, Relationship } from '../../shared/model';
import { buildIndexes, type GraphIndexes } from './csr-index';

function relationshipKey(source: string, target: string, type: string): string {
  return `${source}\u0000${target}\u0000${type}`;
}

export class CmdbGraph {
  private readonly ciById = new Map<string, Ci>();
  private readonly relById = new Map<string, Relationship>();
  private readonly relIdByKey = new Map<string, string>();
  private readonly outRelIds = new Map<string, Set<string>>();
  private readonly inRelIds = new Map<string, Set<string>>();
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
    return this.relIdByKey.get(relationshipKey(source, target, type));
  }

  cis(): IterableIterator<Ci> {
    return this.ciById.values();
  }

  relationships(): IterableIterator<Relationship> {
    return this.relById.values();
  }

  outgoing(ciId: string): Relationship[] {
    return this.relationshipsIn(this.outRelIds.get(ciId));
  }

  incoming(ciId: string): Relationship[] {
    return this.relationshipsIn(this.inRelIds.get(ciId));
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
    this.outRelIds.delete(id);
    this.inRelIds.delete(id);
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
    this.relIdByKey.set(relationshipKey(rel.source, rel.target, rel.type), rel.id);
    setFor(this.outRelIds, rel.source).add(rel.id);
    setFor(this.inRelIds, rel.target).add(rel.id);
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
    this.relIdByKey.delete(relationshipKey(rel.source, rel.target, rel.type));
    this.outRelIds.get(rel.source)?.delete(rel.id);
    this.inRelIds.get(rel.target)?.delete(rel.id);
  }

  private relationshipsIn(ids: Set<string> | undefined): Relationship[] {
    if (!ids) return [];
    const out: Relationship[] = [];
    for (const id of ids) {
      const rel = this.relById.get(id);
      if (rel) out.push(rel);
    }
    return out;
  }

  private touch(): void {
    this.cachedIndexes = null;
    this.revisionCounter++;
  }
}

function setFor(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

// Collects an importer's CIs, relationships, rejections and warnings into an ImportBatch,
// rejecting prototype-polluting map keys and merging repeated relationships.
import { isForbiddenKey } from './normalize';
import type { ImportBatch, ImportedCi, ImportedRelationship, ImportFormat, Rejection, SourceRef } from './types';

export class BatchBuilder {
  private readonly cis: ImportedCi[] = [];
  private readonly relationships: ImportedRelationship[] = [];
  private readonly relIndex = new Map<string, number>();
  private readonly rejected: Rejection[] = [];
  private readonly warnings: string[] = [];
  private mergedRelationships = 0;

  constructor(private readonly format: ImportFormat) {}

  /** Adds a CI unless one of its map keys is forbidden (then it is rejected and false returned). */
  addCi(ci: ImportedCi): boolean {
    for (const [mapName, map] of [
      ['attributes', ci.attributes],
      ['externalIds', ci.externalIds],
    ] as const) {
      if (!map) continue;
      for (const key of Object.keys(map)) {
        if (isForbiddenKey(key)) {
          this.reject({ ...ci.sourceRef, entity: 'ci', key: ci.key, field: `${mapName}.${key}`, reason: `the key "${key}" is not allowed in ${mapName}` });
          return false;
        }
      }
    }
    this.cis.push(ci);
    return true;
  }

  /** Adds a relationship; the same (source, target, type) again is merged into the first (hard and read-not-inferred win). */
  addRelationship(rel: ImportedRelationship): void {
    const key = `${rel.system}\u0000${rel.source}\u0000${rel.target}\u0000${rel.type}`;
    const at = this.relIndex.get(key);
    if (at === undefined) {
      this.relIndex.set(key, this.relationships.length);
      this.relationships.push(rel);
      return;
    }
    const first = this.relationships[at];
    this.mergedRelationships++;
    const strength = first.strength === 'hard' || rel.strength === 'hard' ? 'hard' : (first.strength ?? rel.strength);
    const merged: ImportedRelationship = { ...first };
    if (strength !== undefined) merged.strength = strength;
    if (first.inferred && !rel.inferred) delete merged.inferred;
    this.relationships[at] = merged;
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection);
  }

  rejectAt(ref: SourceRef, entity: Rejection['entity'], reason: string, extra: { key?: string; field?: string } = {}): void {
    const r: Rejection = { ...ref, entity, reason };
    if (extra.key !== undefined) r.key = extra.key;
    if (extra.field !== undefined) r.field = extra.field;
    this.rejected.push(r);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  get ciCount(): number {
    return this.cis.length;
  }

  build(): ImportBatch {
    const warnings = [...this.warnings];
    if (this.mergedRelationships > 0) {
      warnings.push(`${this.mergedRelationships} repeated relationship(s) merged into the first of each`);
    }
    return { format: this.format, cis: this.cis, relationships: this.relationships, rejected: this.rejected, warnings };
  }
}

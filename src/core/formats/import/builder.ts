// Collects an importer's CIs, relationships, rejections, warnings and what it left out into an
// ImportBatch, rejecting prototype-polluting map keys and merging repeated relationships.
import { isForbiddenKey } from './normalize';
import { refPlace, type BatchPart, type BatchParts, type ImportBatch, type ImportedChange, type ImportedCi, type ImportedIncident, type ImportedProblem, type ImportedRelationship, type ImportFormat, type AnyRejection, type Rejection, type SourceRef } from './types';

export class BatchBuilder {
  private cis: ImportedCi[] = [];
  /** CIs handed on by drain(), for ciCount. */
  private drainedCis = 0;
  private readonly relationships: ImportedRelationship[] = [];
  private readonly relIndex = new Map<string, number>();
  private readonly changes: ImportedChange[] = [];
  private readonly incidents: ImportedIncident[] = [];
  private readonly problems: ImportedProblem[] = [];
  private rejected: AnyRejection[] = [];
  private readonly warnings: string[] = [];
  private mergedRelationships = 0;
  private unreadableEntities = 0;
  private hiddenSecrets = 0;
  private danglingReferences = 0;
  private likelyTruncated = false;
  /** Unread reference-holding field → entities that have it, in first-seen order. */
  private readonly unreadFields = new Map<string, number>();

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

  addChange(change: ImportedChange): void {
    this.changes.push(change);
  }

  addIncident(incident: ImportedIncident): void {
    this.incidents.push(incident);
  }

  addProblem(problem: ImportedProblem): void {
    this.problems.push(problem);
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection);
  }

  rejectAt(ref: SourceRef, entity: AnyRejection['entity'], reason: string, extra: { key?: string; field?: string } = {}): void {
    const r: AnyRejection = { ...ref, entity, reason };
    if (extra.key !== undefined) r.key = extra.key;
    if (extra.field !== undefined) r.field = extra.field;
    this.rejected.push(r);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** An unreadable part of the file, skipped on request: `entities` are lost with it. */
  skipUnreadable(entities: number, message: string): void {
    this.unreadableEntities += entities;
    this.warnings.push(message);
  }

  /** `count` references the parser itself found to name nothing (ones that the CMDB cannot resolve either), in one warning. */
  dangling(ref: SourceRef & { field?: string }, message: string, count = 1): void {
    this.danglingReferences += count;
    this.warnings.push(`${refPlace(ref)}: ${message}`);
  }

  /** `entities` (one unless given) have `field`, which this importer does not read (it holds references, or cannot be stored). */
  unreadField(field: string, entities = 1): void {
    this.unreadFields.set(field, (this.unreadFields.get(field) ?? 0) + entities);
  }

  /** `count` attribute values dropped or hidden as secrets, said once in the warnings. */
  hideSecrets(count: number): void {
    if (count === 0) return;
    this.hiddenSecrets += count;
    this.warnings.push(`${count} attribute value(s) that are or hold secrets were not imported as they are: dropped where the file marks them sensitive, "(hidden)" where the name or the value looks secret (passwords, keys, tokens)`);
  }

  truncated(message: string): void {
    this.likelyTruncated = true;
    this.warnings.push(message);
  }

  get ciCount(): number {
    return this.drainedCis + this.cis.length;
  }

  /** CIs and rejections not yet handed on. */
  get pending(): number {
    return this.cis.length + this.rejected.length;
  }

  /** Hands on the CIs and rejections collected since the last drain (build() then holds only the later ones). */
  drain(): BatchPart {
    const part = { cis: this.cis, rejected: this.rejected };
    this.drainedCis += this.cis.length;
    this.cis = [];
    this.rejected = [];
    return part;
  }

  build(): ImportBatch {
    const warnings = [...this.warnings];
    if (this.mergedRelationships > 0) {
      warnings.push(`${this.mergedRelationships} repeated relationship(s) merged into the first of each`);
    }
    const unreadFields = [...this.unreadFields].map(([field, entities]) => ({ field, entities }));
    for (const { field, entities } of unreadFields) warnings.push(`${field}: not imported, ${entities} ${entities === 1 ? 'entity' : 'entities'}`);
    return {
      format: this.format,
      cis: this.cis,
      relationships: this.relationships,
      ...(this.changes.length > 0 ? { changes: this.changes } : {}),
      ...(this.incidents.length > 0 ? { incidents: this.incidents } : {}),
      ...(this.problems.length > 0 ? { problems: this.problems } : {}),
      rejected: this.rejected,
      warnings,
      leftOut: {
        unreadableEntities: this.unreadableEntities,
        danglingReferences: this.danglingReferences,
        unreadFields,
        likelyTruncated: this.likelyTruncated,
        hiddenSecrets: this.hiddenSecrets,
      },
    };
  }
}

/** Runs a parse that hands on parts to the end: one batch, the parts' items first, in order. */
export function collectParts(parts: BatchParts): ImportBatch {
  const cis: ImportedCi[] = [];
  const rejected: AnyRejection[] = [];
  for (;;) {
    const step = parts.next();
    if (step.done) {
      const rest = step.value;
      for (const ci of rest.cis) cis.push(ci);
      for (const r of rest.rejected) rejected.push(r);
      return { ...rest, cis, rejected };
    }
    for (const ci of step.value.cis) cis.push(ci);
    for (const r of step.value.rejected) rejected.push(r);
  }
}

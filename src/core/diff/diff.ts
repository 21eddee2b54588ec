// Diff of two CMDB states (snapshot vs snapshot, or snapshot vs now): CIs and relationships
// added, removed and changed, field by field. Everything in a CmdbDiff is plain JSON data.
//
// Field names: the top-level field (`name`, `tags`, `strength`, …); `attributes.<key>` and
// `externalIds.<system>` for one map entry (split at the first dot: the key itself may hold
// dots); `redundancy.minHealthy`. An absent value (a missing map entry, no redundancy rule,
// no `inferred` flag) is null. Tags are compared as ordered lists. `updatedAt` is ignored
// unless `includeUpdatedAt` is set, so a CI whose only change is its timestamp is unchanged.
import type { CmdbDiff, DiffCounts, DiffMark, EntityChange, EntityDiff, FieldChange, FieldValue } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';
import { compareIds } from '../formats/export/scope';
import { unionOfKeys } from '../formats/export/table';

export type { CmdbDiff, DiffCounts, DiffMark, EntityChange, EntityDiff, FieldChange, FieldValue };

export interface DiffSide {
  readonly cis: readonly Ci[];
  readonly relationships: readonly Relationship[];
}

export interface DiffOptions {
  /** Report updatedAt changes too (off by default). */
  includeUpdatedAt?: boolean;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}

function push(changes: FieldChange[], field: string, before: FieldValue, after: FieldValue): void {
  if (!sameValue(before, after)) changes.push({ field, before, after });
}

function entry(map: Readonly<Record<string, string>>, key: string): string | null {
  return Object.hasOwn(map, key) ? map[key] : null;
}

function mapChanges(changes: FieldChange[], prefix: string, before: Record<string, string>, after: Record<string, string>): void {
  for (const key of unionOfKeys([before, after])) push(changes, `${prefix}.${key}`, entry(before, key), entry(after, key));
}

export function ciChanges(before: Ci, after: Ci, options: DiffOptions = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  push(changes, 'name', before.name, after.name);
  push(changes, 'class', before.class, after.class);
  push(changes, 'environment', before.environment, after.environment);
  push(changes, 'criticality', before.criticality, after.criticality);
  push(changes, 'owner', before.owner, after.owner);
  push(changes, 'status', before.status, after.status);
  push(changes, 'tags', [...before.tags], [...after.tags]);
  mapChanges(changes, 'attributes', before.attributes, after.attributes);
  mapChanges(changes, 'externalIds', before.externalIds, after.externalIds);
  push(changes, 'redundancy.minHealthy', before.redundancy?.minHealthy ?? null, after.redundancy?.minHealthy ?? null);
  push(changes, 'createdAt', before.createdAt, after.createdAt);
  if (options.includeUpdatedAt) push(changes, 'updatedAt', before.updatedAt, after.updatedAt);
  return changes;
}

export function relationshipChanges(before: Relationship, after: Relationship): FieldChange[] {
  const changes: FieldChange[] = [];
  push(changes, 'source', before.source, after.source);
  push(changes, 'target', before.target, after.target);
  push(changes, 'type', before.type, after.type);
  push(changes, 'strength', before.strength, after.strength);
  push(changes, 'inferred', before.inferred ?? null, after.inferred ?? null);
  return changes;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(item.id, item);
  return map;
}

function diffEntities<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  changesOf: (a: T, b: T) => FieldChange[],
): { diff: EntityDiff<T>; counts: DiffCounts } {
  const a = byId(before);
  const b = byId(after);
  const diff: EntityDiff<T> = { added: [], removed: [], changed: [] };
  let unchanged = 0;
  for (const [id, item] of a) {
    const next = b.get(id);
    if (next === undefined) {
      diff.removed.push(item);
      continue;
    }
    const changes = changesOf(item, next);
    if (changes.length === 0) unchanged++;
    else diff.changed.push({ id, before: item, after: next, changes });
  }
  for (const [id, item] of b) if (!a.has(id)) diff.added.push(item);
  diff.added.sort((x, y) => compareIds(x.id, y.id));
  diff.removed.sort((x, y) => compareIds(x.id, y.id));
  diff.changed.sort((x, y) => compareIds(x.id, y.id));
  return {
    diff,
    counts: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged },
  };
}

/** What changed from `a` (before) to `b` (after). */
export function diffCmdb(a: DiffSide, b: DiffSide, options: DiffOptions = {}): CmdbDiff {
  const cis = diffEntities(a.cis, b.cis, (x, y) => ciChanges(x, y, options));
  const relationships = diffEntities(a.relationships, b.relationships, relationshipChanges);
  return { cis: cis.diff, relationships: relationships.diff, counts: { cis: cis.counts, relationships: relationships.counts } };
}

export function diffIsEmpty(diff: CmdbDiff): boolean {
  const { cis, relationships } = diff.counts;
  return cis.added + cis.removed + cis.changed + relationships.added + relationships.removed + relationships.changed === 0;
}

/** Per id, how a CI or relationship differs: what a graph view styles. */
export function diffMarks(diff: CmdbDiff): { cis: Record<string, DiffMark>; relationships: Record<string, DiffMark> } {
  const marks = <T extends { id: string }>(d: EntityDiff<T>): Record<string, DiffMark> => {
    const out: Record<string, DiffMark> = {};
    const set = (id: string, mark: DiffMark) => Object.defineProperty(out, id, { value: mark, enumerable: true });
    for (const item of d.added) set(item.id, 'added');
    for (const item of d.removed) set(item.id, 'removed');
    for (const change of d.changed) set(change.id, 'changed');
    return out;
  };
  return { cis: marks(diff.cis), relationships: marks(diff.relationships) };
}

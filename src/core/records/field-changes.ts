// How two versions of one record differ, field by field (the diff's and the history's unit).
//
// Field names: the top-level field (`name`, `tags`, `strength`, …); `attributes.<key>` and
// `externalIds.<system>` for one map entry (split at the first dot: the key itself may hold
// dots); `redundancy.minHealthy`. An absent value (a missing map entry, no redundancy rule,
// no `inferred` flag) is null. Lists of plain values are compared as ordered lists. `updatedAt`
// is ignored unless `includeUpdatedAt` is set, so a record whose only change is its timestamp
// is unchanged. Records of stored kinds are compared by the same rules, generically: nested
// objects give dotted fields, lists of objects are compared (and shown) as JSON text.
import type { FieldChange, FieldValue } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';
import { compareIds } from '../formats/export/scope';
import { unionOfKeys } from '../formats/export/table';

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

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as the diff shows it: scalars as they are, lists of strings as lists, anything else as JSON text. */
function fieldValue(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...(value as string[])];
  return JSON.stringify(value);
}

function objectChanges(changes: FieldChange[], prefix: string, before: Record<string, unknown>, after: Record<string, unknown>, options: DiffOptions): void {
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareIds)) {
    if (prefix === '' && (key === 'id' || (key === 'updatedAt' && !options.includeUpdatedAt))) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    const a = Object.hasOwn(before, key) ? before[key] : undefined;
    const b = Object.hasOwn(after, key) ? after[key] : undefined;
    if (isPlainRecord(a) && isPlainRecord(b)) objectChanges(changes, field, a, b, options);
    else push(changes, field, fieldValue(a), fieldValue(b));
  }
}

/** Field-by-field changes of two records of a stored kind (any JSON shape). */
export function recordChanges(before: Record<string, unknown>, after: Record<string, unknown>, options: DiffOptions = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  objectChanges(changes, '', before, after, options);
  return changes;
}

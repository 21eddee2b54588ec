// Diff of two CMDB states (snapshot vs snapshot, or snapshot vs now): CIs, relationships and
// the records of every other kind added, removed and changed, field by field (each kind says
// how, core/records). Everything in a CmdbDiff is plain JSON data.
// The field names a change carries are described in core/records/field-changes.ts.
import type { CmdbDiff, DiffCounts, DiffMark, EntityChange, EntityDiff, FieldChange, FieldValue } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';
import type { KindRecord } from '../../shared/record-kinds';
import { compareIds } from '../formats/export/scope';
import { ciChanges, recordChanges, relationshipChanges, type DiffOptions } from '../records/field-changes';
import { findRecordKind } from '../records/registry';

export type { CmdbDiff, DiffCounts, DiffMark, DiffOptions, EntityChange, EntityDiff, FieldChange, FieldValue };
export { ciChanges, relationshipChanges };

export interface DiffSide {
  readonly cis: readonly Ci[];
  readonly relationships: readonly Relationship[];
  /** The records of the other kinds by kind name (none when absent). */
  readonly records?: Readonly<Record<string, readonly KindRecord[]>>;
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
  const records: CmdbDiff['records'] = {};
  const recordCounts: CmdbDiff['counts']['records'] = {};
  const kinds = [...new Set([...Object.keys(a.records ?? {}), ...Object.keys(b.records ?? {})])].sort(compareIds);
  for (const name of kinds) {
    const kind = findRecordKind(name);
    const changesOf = (x: KindRecord, y: KindRecord) => (kind ? kind.changes(x, y, options) : recordChanges(x, y, options));
    const result = diffEntities(Object.hasOwn(a.records ?? {}, name) ? (a.records ?? {})[name] : [], Object.hasOwn(b.records ?? {}, name) ? (b.records ?? {})[name] : [], changesOf);
    if (result.counts.added + result.counts.removed + result.counts.changed === 0) continue;
    Object.defineProperty(records, name, { value: result.diff, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(recordCounts, name, { value: result.counts, enumerable: true, writable: true, configurable: true });
  }
  return { cis: cis.diff, relationships: relationships.diff, records, counts: { cis: cis.counts, relationships: relationships.counts, records: recordCounts } };
}

export function diffIsEmpty(diff: CmdbDiff): boolean {
  const { cis, relationships } = diff.counts;
  return cis.added + cis.removed + cis.changed + relationships.added + relationships.removed + relationships.changed === 0 && Object.keys(diff.records).length === 0;
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

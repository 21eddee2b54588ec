// References between kinds: which records name a given record, and whether what a record
// names exists. The rule for CIs (ARCHITECTURE.md, "References between kinds"): while an open
// record names a CI, deleting the CI is refused with the records named; a closed record may
// outlive it, and the CI then leaves a tombstone (its id, name and class) so that record's
// history stays readable.
import { TOMBSTONE_KIND } from '../../shared/record-kinds';
import type { KindRecord } from '../../shared/record-kinds';
import { findRecordKind, recordKinds, type AnyRecordKind, type CmdbState, type RecordReference } from './registry';

export interface Referrer {
  kind: AnyRecordKind;
  record: KindRecord;
  field: string;
  closed: boolean;
}

/** Every stored record naming record `id` of kind `kindName`, in registry then id order. */
export function referrersOf(state: CmdbState, kindName: string, id: string): Referrer[] {
  const out: Referrer[] = [];
  for (const kind of recordKinds()) {
    if (kind.storage !== 'records' || !kind.references) continue;
    const records = [...kind.list(state)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const record of records) {
      const hit = kind.references(record).find((ref) => ref.kind === kindName && ref.id === id);
      if (hit) out.push({ kind, record, field: hit.field, closed: kind.isClosed?.(record) ?? false });
    }
  }
  return out;
}

/** "change CHG0001 (targets[0].ciId), incident INC0002 (affected[1])", at most `limit` named. */
export function describeReferrers(referrers: readonly Referrer[], limit = 5): string {
  const named = referrers.slice(0, limit).map((r) => `${r.kind.label} ${r.kind.title(r.record)} (${r.field})`);
  const more = referrers.length > limit ? ` and ${referrers.length - limit} more` : '';
  return `${named.join(', ')}${more}`;
}

/** The first reference of `record` that names nothing, or null. A closed record may name a deleted CI that left a tombstone. */
export function missingReference(state: CmdbState, references: readonly RecordReference[], closed: boolean): RecordReference | null {
  for (const ref of references) {
    const target = findRecordKind(ref.kind);
    if (target?.get(state, ref.id) !== undefined) continue;
    if (closed && ref.kind === 'ci' && state.records.has(TOMBSTONE_KIND.name, ref.id)) continue;
    return ref;
  }
  return null;
}

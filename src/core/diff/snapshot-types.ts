// A named snapshot as listed to the user (the lead stores the snapshots themselves).
import type { SnapshotMeta } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';

export type { SnapshotMeta };

export function snapshotMeta(
  fields: { id: string; name: string; createdAt: string },
  content: { readonly cis: readonly Ci[]; readonly relationships: readonly Relationship[] },
): SnapshotMeta {
  return { ...fields, ciCount: content.cis.length, relationshipCount: content.relationships.length };
}

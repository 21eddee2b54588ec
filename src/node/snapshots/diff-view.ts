// What a diff draws on the graph: the changed CIs (added, removed, changed, and the ends of
// changed relationships) and their direct neighbours on either side, capped, with the
// relationships of both sides among them. A CI or relationship present on both sides is
// taken from the newer one (`to`).
import { compareIds } from '../../core/formats/export';
import type { CmdbDiff } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';

export interface DiffSideContent {
  readonly cis: readonly Ci[];
  readonly relationships: readonly Relationship[];
}

export interface DiffView {
  nodes: Ci[];
  edges: Relationship[];
  /** True when changed CIs or neighbours were left out at the cap. */
  truncated: boolean;
}

export function diffView(from: DiffSideContent, to: DiffSideContent, diff: CmdbDiff, cap: number): DiffView {
  const cis = new Map<string, Ci>();
  for (const ci of from.cis) cis.set(ci.id, ci);
  for (const ci of to.cis) cis.set(ci.id, ci);
  const relationships = new Map<string, Relationship>();
  for (const rel of from.relationships) relationships.set(rel.id, rel);
  for (const rel of to.relationships) relationships.set(rel.id, rel);

  const changed = new Set<string>();
  for (const ci of [...diff.cis.added, ...diff.cis.removed]) changed.add(ci.id);
  for (const change of diff.cis.changed) changed.add(change.id);
  for (const rel of [...diff.relationships.added, ...diff.relationships.removed]) {
    changed.add(rel.source);
    changed.add(rel.target);
  }
  for (const change of diff.relationships.changed) {
    changed.add(change.after.source);
    changed.add(change.after.target);
  }

  const chosen = new Set<string>();
  let truncated = false;
  for (const id of [...changed].sort(compareIds)) {
    if (!cis.has(id)) continue;
    if (chosen.size >= cap) {
      truncated = true;
      break;
    }
    chosen.add(id);
  }
  if (!truncated) {
    const neighbours = new Set<string>();
    for (const rel of relationships.values()) {
      if (changed.has(rel.source) && !chosen.has(rel.target)) neighbours.add(rel.target);
      if (changed.has(rel.target) && !chosen.has(rel.source)) neighbours.add(rel.source);
    }
    for (const id of [...neighbours].sort(compareIds)) {
      if (!cis.has(id)) continue;
      if (chosen.size >= cap) {
        truncated = true;
        break;
      }
      chosen.add(id);
    }
  }

  const nodes = [...chosen].sort(compareIds).map((id) => cis.get(id) as Ci);
  const edges = [...relationships.values()]
    .filter((rel) => chosen.has(rel.source) && chosen.has(rel.target))
    .sort((a, b) => compareIds(a.id, b.id));
  return { nodes, edges, truncated };
}

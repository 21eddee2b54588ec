// The impact a change's risk and conflicts are judged on: the snapshot the CAB saw once it is
// frozen, else its targets' blast radius on the CMDB as it is now. Computing it is the costly
// part of conflict detection, so a cache keeps one per change and CMDB revision.
import type { Change } from '../../shared/changes';
import type { Cmdb } from '../graph/cmdb';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { impactSummary, type ImpactSummary } from './impact-snapshot';

export interface ChangeImpact {
  summary: ImpactSummary;
  source: 'snapshot' | 'now';
  serviceIds: ReadonlySet<string>;
}

export type ChangeImpactOf = (change: Change) => ChangeImpact;

function impactOf(cmdb: Cmdb, change: Change): ChangeImpact {
  const summary = change.impactSnapshot ?? impactSummary(cmdb.graph, change.targets);
  return { summary, source: change.impactSnapshot ? 'snapshot' : 'now', serviceIds: new Set(summary.services.map((s) => s.id)) };
}

/** A memo of each change's impact, dropped whenever the graph moves (its revision) or the change is edited. */
export function changeImpactCache(): (cmdb: Cmdb) => ChangeImpactOf {
  let revision = -1;
  let owner: CmdbGraph | null = null;
  const memo = new Map<string, { updatedAt: string; impact: ChangeImpact }>();
  return (cmdb) => {
    if (owner !== cmdb.graph || revision !== cmdb.graph.revision) {
      memo.clear();
      owner = cmdb.graph;
      revision = cmdb.graph.revision;
    }
    return (change) => {
      const hit = memo.get(change.id);
      if (hit && hit.updatedAt === change.updatedAt) return hit.impact;
      const impact = impactOf(cmdb, change);
      memo.set(change.id, { updatedAt: change.updatedAt, impact });
      return impact;
    };
  };
}

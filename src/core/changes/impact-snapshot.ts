// The blast radius a CAB reviews, frozen into the change when it enters cab_review (or is
// approved without one), and what changed if it is computed again on a CMDB that moved since.
import type { ImpactSnapshot } from '../../shared/changes';
import { impactedList, IMPACT_LEVELS } from '../../shared/impact-types';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { blastRadius } from '../impact';
import { cmdbHash } from './cmdb-hash';

export function impactSnapshot(graph: CmdbGraph, targets: readonly { ciId: string; mode: 'down' | 'degraded' }[], now: string): ImpactSnapshot {
  const present = targets.filter((t) => graph.hasCi(t.ciId));
  const empty = { down: 0, degraded: 0, at_risk: 0 };
  if (present.length === 0) return { cmdbHash: cmdbHash(graph), computedAt: now, byLevel: empty, impacted: [], services: [] };
  const result = blastRadius(graph, { targets: present.map((t) => ({ ciId: t.ciId, mode: t.mode })) });
  return {
    cmdbHash: cmdbHash(graph),
    computedAt: now,
    byLevel: { ...result.totals.byLevel },
    impacted: impactedList(result.impacted).map((c) => ({ id: c.id, level: c.level })),
    services: result.services.map((s) => ({ id: s.id, name: s.name, level: s.level, criticality: s.criticality })),
  };
}

export interface SnapshotComparison {
  /** False when the CMDB is exactly as it was when the snapshot was taken. */
  cmdbMoved: boolean;
  servicesAdded: string[];
  servicesRemoved: string[];
  cisAdded: string[];
  cisRemoved: string[];
  /** CIs impacted in both, at another level. */
  levelsMoved: { id: string; before: string; after: string }[];
}

/** What differs from the frozen snapshot to one computed now. */
export function compareSnapshots(frozen: ImpactSnapshot, now: ImpactSnapshot): SnapshotComparison {
  const before = new Map(frozen.impacted.map((c) => [c.id, c.level]));
  const after = new Map(now.impacted.map((c) => [c.id, c.level]));
  const servicesBefore = new Set(frozen.services.map((s) => s.id));
  const servicesAfter = new Set(now.services.map((s) => s.id));
  const rank = (level: string) => IMPACT_LEVELS.indexOf(level as (typeof IMPACT_LEVELS)[number]);
  return {
    cmdbMoved: frozen.cmdbHash !== now.cmdbHash,
    servicesAdded: [...servicesAfter].filter((id) => !servicesBefore.has(id)),
    servicesRemoved: [...servicesBefore].filter((id) => !servicesAfter.has(id)),
    cisAdded: [...after.keys()].filter((id) => !before.has(id)),
    cisRemoved: [...before.keys()].filter((id) => !after.has(id)),
    levelsMoved: [...after]
      .filter(([id, level]) => before.has(id) && before.get(id) !== level)
      .map(([id, level]) => ({ id, before: before.get(id) as string, after: level }))
      .sort((a, b) => rank(a.after) - rank(b.after) || (a.id < b.id ? -1 : 1)),
  };
}

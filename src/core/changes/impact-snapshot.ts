// The blast radius a CAB reviews, frozen into the change when it enters cab_review (or is
// approved without one), and what changed if it is computed again on a CMDB that moved since.
import type { ImpactSnapshot } from '../../shared/changes';
import { impactedList, IMPACT_LEVELS, IMPACTED_PAGE_BITS, IMPACTED_PAGE_SIZE, type BlastRadiusResult } from '../../shared/impact-types';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { blastRadius } from '../impact';
import { cmdbHash } from './cmdb-hash';

/** What a change's targets take down, without the list of every impacted CI: what risk and conflicts read. */
export type ImpactSummary = Pick<ImpactSnapshot, 'byLevel' | 'redundancy' | 'services'>;

function summaryOf(result: BlastRadiusResult): ImpactSummary {
  const redundancy = { atRisk: 0, down: 0 };
  for (const group of result.impacted.redundancy) {
    const page = result.impacted.pages[group.entry >> IMPACTED_PAGE_BITS];
    const level = IMPACT_LEVELS[page.level[group.entry & (IMPACTED_PAGE_SIZE - 1)]];
    if (level === 'at_risk') redundancy.atRisk++;
    else if (level === 'down') redundancy.down++;
  }
  return {
    byLevel: { ...result.totals.byLevel },
    redundancy,
    services: result.services.map((s) => ({ id: s.id, name: s.name, level: s.level, criticality: s.criticality })),
  };
}

const EMPTY_SUMMARY: ImpactSummary = { byLevel: { down: 0, degraded: 0, at_risk: 0 }, redundancy: { atRisk: 0, down: 0 }, services: [] };

function blastOf(graph: CmdbGraph, targets: readonly { ciId: string; mode: 'down' | 'degraded' }[]): BlastRadiusResult | null {
  const present = targets.filter((t) => graph.hasCi(t.ciId));
  return present.length === 0 ? null : blastRadius(graph, { targets: present.map((t) => ({ ciId: t.ciId, mode: t.mode })) });
}

export function impactSummary(graph: CmdbGraph, targets: readonly { ciId: string; mode: 'down' | 'degraded' }[]): ImpactSummary {
  const result = blastOf(graph, targets);
  return result ? summaryOf(result) : EMPTY_SUMMARY;
}

/** The blast radius frozen with the identifier of the CMDB state it was computed on. */
export function impactSnapshot(graph: CmdbGraph, targets: readonly { ciId: string; mode: 'down' | 'degraded' }[], now: string): ImpactSnapshot {
  const result = blastOf(graph, targets);
  return {
    cmdbHash: cmdbHash(graph),
    computedAt: now,
    ...(result ? summaryOf(result) : EMPTY_SUMMARY),
    impacted: result ? impactedList(result.impacted).map((c) => ({ id: c.id, level: c.level })) : [],
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

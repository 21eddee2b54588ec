// The services an incident hurts: its affected CIs taken as down through the impact engine
// (redundancy respected: a service only left at_risk is not hurt), plus any affected CI that is itself a service; and the impact they
// suggest (ITIL 1–3) from their highest criticality.
import type { AffectedService } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { impactSummary } from '../changes/impact-snapshot';

export function affectedServicesOf(graph: CmdbGraph, affectedCiIds: readonly string[]): AffectedService[] {
  const own: AffectedService[] = [];
  for (const id of affectedCiIds) {
    const ci = graph.getCi(id);
    if (ci && (ci.class === 'business_service' || ci.class === 'technical_service')) own.push({ id, name: ci.name, level: 'down', criticality: ci.criticality });
  }
  const seen = new Set(own.map((s) => s.id));
  const reached = impactSummary(graph, affectedCiIds.map((ciId) => ({ ciId, mode: 'down' as const }))).services.filter((s) => !seen.has(s.id) && s.level !== 'at_risk');
  return [...own, ...reached].sort((a, b) => a.criticality - b.criticality || a.name.localeCompare(b.name));
}

/** Criticality 1 suggests impact 1, criticality 2 impact 2, lower ones impact 3; with no service, the affected CIs' own criticality. */
export function suggestedImpactOf(graph: CmdbGraph, services: readonly AffectedService[], affectedCiIds: readonly string[]): 1 | 2 | 3 {
  const criticalities = services.length > 0 ? services.map((s) => s.criticality) : affectedCiIds.map((id) => graph.getCi(id)?.criticality ?? 4);
  const highest = criticalities.reduce((best, c) => Math.min(best, c), 4);
  return highest <= 1 ? 1 : highest === 2 ? 2 : 3;
}

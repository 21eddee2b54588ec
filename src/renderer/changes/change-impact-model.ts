// What the change detail shows of a blast radius: each impacted service with the names along its
// path from the change's target. Pure: unit-tested in test/unit/renderer/change-list-model.test.ts.
import type { BlastRadiusResult, ImpactLevel } from '../../shared/impact-types';
import type { RiskFactor } from '../../shared/risk';

export interface ServiceRow {
  id: string;
  name: string;
  level: ImpactLevel;
  criticality: number;
  /** CI names from a target to the service, both included. */
  path: string[];
}

export function serviceRows(result: BlastRadiusResult): ServiceRow[] {
  const names = new Map<string, string>();
  for (const target of result.targets) names.set(target.ciId, target.name);
  for (const page of result.impacted.pages) for (let j = 0; j < page.id.length; j++) names.set(page.id[j], page.name[j]);
  return result.services.map((service) => ({
    id: service.id,
    name: service.name,
    level: service.level,
    criticality: service.criticality,
    path: service.path.map((id) => names.get(id) ?? id),
  }));
}

/** Each factor's share of the widest bar (the largest contribution), 0–1, for the risk chart. */
export function factorBars(factors: readonly RiskFactor[]): { factor: RiskFactor; share: number }[] {
  const widest = Math.max(0, ...factors.map((f) => f.points));
  return factors.map((factor) => ({ factor, share: widest > 0 ? factor.points / widest : 0 }));
}

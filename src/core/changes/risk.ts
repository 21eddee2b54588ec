// A change's risk, explained (ARCHITECTURE.md, "Risk"): each factor counts something in the
// change's impact, its type, its history or its conflicts and turns it into points with the
// document's weights (risk-weights.ts); the score is the sum, the band comes from thresholds.
import type { Change } from '../../shared/changes';
import { RISK_BANDS, type Conflict, type RiskAssessment, type RiskBand, type RiskFactor, type RiskWeights } from '../../shared/risk';
import type { ChangeImpact } from './change-impact';

/** What happened before on the CIs a change touches, within the lookback. */
export interface RiskHistory {
  /** Changes whose review says failed or rolled back, with the CIs they share with this one. */
  failedChanges: { number: string; sharedCiIds: string[] }[];
  /** Incidents on the targets and their impacted services (incident records come with the incidents issue; none until then). */
  incidents: number;
}

const capped = (points: number, cap: number) => Math.min(points, cap);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function bandOf(score: number, bands: RiskWeights['bands']): RiskBand {
  if (score >= bands.very_high) return 'very_high';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return RISK_BANDS[0];
}

/** Changes reviewed as failed or rolled back within the lookback that share a target or an impacted service with `change`. */
export function failedChangesNear(change: Change, impact: ChangeImpact, changes: readonly Change[], now: number, lookbackDays: number): RiskHistory['failedChanges'] {
  const touched = new Set([...change.targets.map((t) => t.ciId), ...impact.serviceIds]);
  const since = now - lookbackDays * 86_400_000;
  const out: RiskHistory['failedChanges'] = [];
  for (const other of changes) {
    if (other.id === change.id || !other.review || other.review.outcome === 'successful') continue;
    const at = Date.parse(other.review.at);
    if (at < since || at > now) continue;
    const shared = other.targets.map((t) => t.ciId).filter((id) => touched.has(id));
    if (shared.length > 0) out.push({ number: other.number, sharedCiIds: shared });
  }
  return out;
}

export function assessRisk(change: Change, impact: ChangeImpact, conflicts: readonly Conflict[], history: RiskHistory, weights: RiskWeights): RiskAssessment {
  const { summary } = impact;
  const factors: RiskFactor[] = [];
  const add = (key: RiskFactor['key'], label: string, detail: string, points: number) => factors.push({ key, label, detail, points: Math.round(points * 100) / 100 });

  const highest = summary.services.reduce<number | null>((best, s) => (best === null || s.criticality < best ? s.criticality : best), null);
  add(
    'criticality',
    'Most critical impacted service',
    highest === null ? 'no service impacted' : `criticality ${highest} (${summary.services.filter((s) => s.criticality === highest).map((s) => s.name).slice(0, 3).join(', ')})`,
    highest === null ? 0 : weights.criticality[String(highest) as '1' | '2' | '3' | '4'],
  );
  const services = summary.services.length;
  add('impacted_services', 'Impacted services', plural(services, 'service'), capped(services * weights.perImpactedService, weights.impactedServicesCap));
  const cis = summary.byLevel.down + summary.byLevel.degraded + summary.byLevel.at_risk;
  add('impacted_cis', 'Impacted CIs', `${plural(cis, 'CI')} (${summary.byLevel.down} down, ${summary.byLevel.degraded} degraded, ${summary.byLevel.at_risk} at risk)`, capped((cis / 100) * weights.perHundredImpactedCis, weights.impactedCisCap));
  const { atRisk, down } = summary.redundancy;
  add(
    'redundancy',
    'Redundancy headroom used up',
    atRisk + down === 0 ? 'no redundancy group loses a member' : `${plural(atRisk, 'group')} left with no spare, ${plural(down, 'group')} taken down`,
    capped(atRisk * weights.perGroupAtRisk + down * weights.perGroupDown, weights.redundancyCap),
  );
  add('type', 'Change type', change.type, weights.type[change.type]);
  const failed = history.failedChanges.length;
  add(
    'history',
    `Failed changes and incidents (last ${weights.lookbackDays} days)`,
    `${plural(failed, 'failed change')}${failed > 0 ? ` (${history.failedChanges.map((f) => f.number).join(', ')})` : ''}, ${plural(history.incidents, 'incident')}`,
    capped(failed * weights.perFailedChange + history.incidents * weights.perIncident, weights.historyCap),
  );
  const withChanges = conflicts.filter((c) => c.otherChangeId !== undefined);
  const others = new Set(withChanges.map((c) => c.otherChangeId));
  add('conflicts', 'Conflicts with other changes', withChanges.length === 0 ? 'none' : `${plural(withChanges.length, 'conflict')} with ${plural(others.size, 'change')}`, capped(withChanges.length * weights.perConflict, weights.conflictsCap));
  const outside = conflicts.filter((c) => c.kind === 'outside_maintenance');
  add('maintenance', 'Outside maintenance windows', outside.length === 0 ? (change.window ? 'inside, or no window applies' : 'no planned window yet') : plural(outside.length, 'CI') + ' outside', outside.length > 0 ? weights.outsideMaintenanceWindow : 0);
  const blackouts = conflicts.filter((c) => c.kind === 'blackout');
  add('blackout', 'In a blackout window', blackouts.length === 0 ? 'no' : blackouts.map((c) => c.windowName).join(', '), blackouts.length > 0 ? weights.inBlackout : 0);

  const score = Math.round(factors.reduce((sum, f) => sum + f.points, 0) * 100) / 100;
  return { score, band: bandOf(score, weights.bands), factors, impactSource: impact.source };
}

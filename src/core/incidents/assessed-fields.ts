// What an incident's CIs and levels give on the CMDB as it is: its affected services, the impact
// they suggest and its priority from the document's matrix (on create, edit and import).
import type { CmdbState } from '../records/registry';
import { affectedServicesOf, suggestedImpactOf } from './affected-services';
import { incidentSettingsOf, priorityOf } from './incident-settings';

/** Affected services, suggested impact and priority for these CIs and levels, on the CMDB as it is. */
export function assessedFields(state: CmdbState, affectedCiIds: readonly string[], impact: number | null, urgency: number) {
  const affectedServices = affectedServicesOf(state.graph, affectedCiIds);
  const suggestedImpact = suggestedImpactOf(state.graph, affectedServices, affectedCiIds);
  const chosen = impact ?? suggestedImpact;
  return { affectedServices, suggestedImpact, impact: chosen, priority: priorityOf(incidentSettingsOf(state).settings, chosen, urgency) };
}

export { INCIDENT_KIND, INCIDENT_KIND_NAME, assessedFields, isOpenIncident } from './incident-kind';
export { PROBLEM_KIND } from './problem-kind';
export { allowedIncidentMoves, allowedProblemMoves, PROBLEM_KIND_NAME, requireIncident, requireProblem, transitionIncident, transitionProblem } from './lifecycle';
export { incidentSettingsOf, priorityOf, setIncidentSettings } from './incident-settings';
export { affectedServicesOf, suggestedImpactOf } from './affected-services';
export { slaOf } from './sla';
export { DEFAULT_LOOKBACK_HOURS, implementedAt, probableCauses, sameOutage, upstreamOf, type Upstream } from './probable-causes';
export { commonCause, type CommonCauseOptions } from './common-cause';
export { incidentStats, incidentsTouching, incidentTouches, type IncidentStats } from './incident-stats';

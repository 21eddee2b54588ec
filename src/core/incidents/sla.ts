// An incident's SLA clocks: the response target (until it first leaves `new`) and the
// resolution target (until it is resolved), from its priority's targets in the settings. The
// clocks run from when it was opened and do not pause on hold.
import type { Incident, IncidentSla, SlaClock, SlaTargets } from '../../shared/incidents';

function clock(openedAt: number, minutes: number, stoppedAt: string | null, now: number): SlaClock {
  const due = openedAt + minutes * 60_000;
  const dueAt = new Date(due).toISOString();
  if (stoppedAt !== null) return { dueAt, state: Date.parse(stoppedAt) <= due ? 'met' : 'breached', leftMs: null };
  return { dueAt, state: now > due ? 'breached' : 'running', leftMs: due - now };
}

export function slaOf(incident: Incident, targets: SlaTargets, now: number): IncidentSla {
  const target = targets[String(incident.priority) as keyof SlaTargets];
  const opened = Date.parse(incident.openedAt);
  const response = clock(opened, target.responseMinutes, incident.respondedAt, now);
  const resolution = clock(opened, target.resolutionMinutes, incident.resolvedAt, now);
  return { response, resolution, breached: response.state === 'breached' || resolution.state === 'breached' };
}

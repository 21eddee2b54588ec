// The incident as a record kind: INC numbers; on creation and on every edit of its CIs, impact
// or urgency, its affected services and suggested impact come from the impact engine and its
// priority from the document's matrix; its status moves only by transitions (lifecycle.ts).
import { IncidentInputSchema, IncidentPatchSchema, IncidentSchema, OPEN_INCIDENT_STATUSES, type Incident } from '../../shared/incidents';
import { parseOrThrow } from '../graph/validation';
import { defineStoredKind } from '../records/define';
import { nextNumber } from '../records/numbering';
import { assessedFields } from './assessed-fields';
import { importedIncident } from './incident-import';

export const INCIDENT_KIND_NAME = 'incident';

export { assessedFields };

export function isOpenIncident(incident: Pick<Incident, 'status'>): boolean {
  return OPEN_INCIDENT_STATUSES.includes(incident.status);
}

export const INCIDENT_KIND = defineStoredKind<Incident>({
  name: INCIDENT_KIND_NAME,
  label: 'incident',
  plural: 'incidents',
  idPrefix: 'inc',
  schema: IncidentSchema,
  title: (incident) => `${incident.number} ${incident.title}`,
  references: (incident) => [
    ...incident.affectedCiIds.map((id, i) => ({ kind: 'ci', id, field: `affectedCiIds[${i}]` })),
    ...(incident.causedByChangeId ? [{ kind: 'change', id: incident.causedByChangeId, field: 'causedByChangeId' }] : []),
  ],
  isClosed: (incident) => incident.status === 'closed',
  prepareCreate(input, id, context) {
    const { id: _id, ...fields } = input;
    const parsed = parseOrThrow(IncidentInputSchema, fields);
    const { impact, ...rest } = parsed;
    return {
      ...rest,
      ...assessedFields(context.state, parsed.affectedCiIds, impact ?? null, parsed.urgency),
      id,
      number: nextNumber(context.state, INCIDENT_KIND_NAME, 'INC'),
      status: 'new',
      openedAt: parsed.openedAt ?? context.now,
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      createdAt: context.now,
      updatedAt: context.now,
    } satisfies Incident;
  },
  prepareUpdate(before, patch, context) {
    const { id: _id, ...fields } = patch;
    const parsed = parseOrThrow(IncidentPatchSchema, fields);
    const { impact, ...rest } = parsed;
    const next = { ...before, ...rest, updatedAt: context.now };
    const overridden = before.impact !== before.suggestedImpact ? before.impact : null;
    const chosen = impact === undefined ? overridden : impact;
    return { ...next, ...assessedFields(context.state, next.affectedCiIds, chosen, next.urgency) } satisfies Incident;
  },
  prepareImport: importedIncident,
});

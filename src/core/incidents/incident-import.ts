// Incidents and problems as an import makes them (ServiceNow incident and problem exports,
// planned in src/core/reconcile/incidents.ts): unlike a user's create or edit, the import sets
// the number, the status and the times the source gives. An incident's affected services,
// suggested impact and priority are computed on the CMDB as it is at the import, as for one
// raised in the app. The source gives no response time: an incident past `new` counts as
// responded to when it was opened (an existing one keeps its own). A problem's incidents are
// the plan's (its own, and those an incident import links to it).
import { IncidentSchema, ProblemSchema, type Incident, type Problem } from '../../shared/incidents';
import { parseOrThrow } from '../graph/validation';
import type { RecordContext } from '../records/registry';
import { assessedFields } from './assessed-fields';

/** What an import hands the incident kind: its own fields, its resolved CIs and change; impact null is suggested. */
export const IncidentImportSchema = IncidentSchema.pick({
  number: true,
  title: true,
  description: true,
  affectedCiIds: true,
  urgency: true,
  status: true,
  openedAt: true,
  resolvedAt: true,
  closedAt: true,
  causedByChangeId: true,
})
  .extend({ impact: IncidentSchema.shape.impact.nullable() })
  .strict();

/** The fields an import plan checks before it plans an incident (CIs and change are resolved by the plan itself). */
export const ImportedIncidentFieldsSchema = IncidentImportSchema.omit({ affectedCiIds: true, causedByChangeId: true });

export const ProblemImportSchema = ProblemSchema.pick({
  number: true,
  title: true,
  description: true,
  incidentIds: true,
  rootCauseCiId: true,
  status: true,
  knownError: true,
  workaround: true,
  resolvedAt: true,
}).strict();

export const ImportedProblemFieldsSchema = ProblemImportSchema.omit({ incidentIds: true, rootCauseCiId: true });

export function importedIncident(before: Incident | null, input: Record<string, unknown>, id: string, context: RecordContext): Incident {
  const { impact, ...fields } = parseOrThrow(IncidentImportSchema, input);
  const { now } = context;
  return {
    ...fields,
    ...assessedFields(context.state, fields.affectedCiIds, impact, fields.urgency),
    id,
    respondedAt: before?.respondedAt ?? (fields.status === 'new' ? null : fields.openedAt),
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
}

export function importedProblem(before: Problem | null, input: Record<string, unknown>, id: string, context: RecordContext): Problem {
  const fields = parseOrThrow(ProblemImportSchema, input);
  const { now } = context;
  return { ...fields, incidentIds: [...new Set(fields.incidentIds)], id, createdAt: before?.createdAt ?? now, updatedAt: now };
}

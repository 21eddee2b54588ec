// The incidents and problems lists as rows and columns, for the CSV and Excel writers (like
// change-table.ts for changes). Incidents: number, title, status, priority, impact, urgency, the
// affected CIs and services by name, opened / resolved / closed in ISO UTC, the causing change's
// number and the problem's number. Problems: number, title, status, the root-cause CI by name,
// the incidents by number, the known error and the workaround. Cells are raw values; each writer
// neutralises formula text (neutralize.ts). Rows in number order; lists joined with TAG_SEPARATOR.
import type { Incident, Problem } from '../../../shared/incidents';
import { compareIds } from './scope';
import { TAG_SEPARATOR, type Table } from './table';

export const INCIDENT_COLUMNS = [
  'number',
  'title',
  'status',
  'priority',
  'impact',
  'urgency',
  'affected_cis',
  'affected_services',
  'opened_at',
  'resolved_at',
  'closed_at',
  'caused_by_change',
  'problem',
] as const;

export const PROBLEM_COLUMNS = ['number', 'title', 'status', 'root_cause_ci', 'incidents', 'known_error', 'workaround', 'resolved_at'] as const;

/** How the tables name what records refer to: a CI (or a deleted one's tombstone) and a change by id; each falls back to the id. */
export interface IncidentTableNames {
  ciName(id: string): string | undefined;
  changeNumber(id: string): string | undefined;
}

/** `problems` gives each incident's problem (the one listing it). */
export function incidentTable(incidents: readonly Incident[], problems: readonly Problem[], names: IncidentTableNames): Table {
  const problemOf = new Map<string, string>();
  for (const p of problems) for (const id of p.incidentIds) problemOf.set(id, p.number);
  const rows = [...incidents]
    .sort((a, b) => compareIds(a.number, b.number))
    .map((i) => [
      i.number,
      i.title,
      i.status,
      i.priority,
      i.impact,
      i.urgency,
      i.affectedCiIds.map((id) => names.ciName(id) ?? id).join(TAG_SEPARATOR),
      i.affectedServices.map((s) => s.name).join(TAG_SEPARATOR),
      i.openedAt,
      i.resolvedAt,
      i.closedAt,
      i.causedByChangeId ? (names.changeNumber(i.causedByChangeId) ?? i.causedByChangeId) : null,
      problemOf.get(i.id) ?? null,
    ]);
  return { columns: [...INCIDENT_COLUMNS], rows };
}

/** `incidentNumber` names a linked incident, falling back to its id. */
export function problemTable(problems: readonly Problem[], names: Pick<IncidentTableNames, 'ciName'> & { incidentNumber(id: string): string | undefined }): Table {
  const rows = [...problems]
    .sort((a, b) => compareIds(a.number, b.number))
    .map((p) => [
      p.number,
      p.title,
      p.status,
      p.rootCauseCiId ? (names.ciName(p.rootCauseCiId) ?? p.rootCauseCiId) : null,
      p.incidentIds.map((id) => names.incidentNumber(id) ?? id).join(TAG_SEPARATOR),
      p.knownError,
      p.workaround,
      p.resolvedAt,
    ]);
  return { columns: [...PROBLEM_COLUMNS], rows };
}

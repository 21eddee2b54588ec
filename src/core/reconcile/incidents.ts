// Reconciling imported incidents and problems (ServiceNow incident and problem exports) with the
// CMDB's: each becomes a create, or an update of the record with the same number, or is unchanged
// or rejected. CIs (an incident's cmdb_ci and business_service, a problem's root-cause CI) are
// resolved like a relationship end (a CI of the same import, an existing CI's id,
// externalIds[system] — a ServiceNow sys_id — or its name); a CI that resolves to nothing
// rejects the row, naming its row and field. A number used twice in the file rejects every row
// using it.
//
// An incident's caused_by names a change of the document by number, and its problem_id a
// problem by number: the incident is added to that problem's incidents (import problems first,
// then incidents). One that names nothing is left empty with a warning (a dangling reference).
//
// An update never clears what the source did not say: an empty description, known error or
// workaround, impact, cause or root cause leaves the record's own, and imported CIs are added to
// an incident's affected CIs when they are not among them.
import type { Change } from '../../shared/changes';
import type {
  ImportedIncidentFields,
  ImportedProblemFields,
  PlanEndpoint,
  PlanFieldChange,
  PlannedIncidentCreate,
  PlannedIncidentRef,
  PlannedIncidentUpdate,
  PlannedProblemCreate,
  PlannedProblemUpdate,
  PlannedRecordUnchanged,
  Rejection,
  SourceRef,
} from '../../shared/data-types';
import { DEFAULT_INCIDENT_SETTINGS, type Incident, type IncidentSettings, type Problem } from '../../shared/incidents';
import { refPlace, type ImportedIncident, type ImportedProblem, type ImportedReference } from '../formats/import/types';
import { ImportedIncidentFieldsSchema, ImportedProblemFieldsSchema, priorityOf } from '../incidents';
import type { ResolvedReference } from './changes';

export interface PlannedIncidents {
  incidents: { create: PlannedIncidentCreate[]; update: PlannedIncidentUpdate[]; unchanged: PlannedRecordUnchanged[]; rejected: Rejection<'incident'>[] };
  problems: { create: PlannedProblemCreate[]; update: PlannedProblemUpdate[]; unchanged: PlannedRecordUnchanged[]; rejected: Rejection<'problem'>[] };
  /** References (caused_by, problem_id) that name nothing, each with its place. */
  dangling: string[];
  /** Other things the user should know (a source priority that differs from the document's matrix), one line each. */
  warnings: string[];
}

export interface IncidentPlanContext {
  incidents: readonly Incident[];
  problems: readonly Problem[];
  changes: readonly Change[];
  /** The document's priority matrix, to compare a source's own priority with; the default matrix when absent. */
  settings?: IncidentSettings;
}

type Resolve = (system: string, ref: string) => ResolvedReference;

function sameEndpoint(a: PlanEndpoint, b: PlanEndpoint): boolean {
  return a.kind === 'existing' ? b.kind === 'existing' && a.id === b.id : b.kind === 'new' && a.index === b.index;
}

/** How often each number appears in the import. */
function uses(items: readonly { fields: { number: string } }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(item.fields.number, (out.get(item.fields.number) ?? 0) + 1);
  return out;
}

/** The first check a schema refuses, as a reason and its field. */
function schemaIssue(result: { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): { path: string; message: string } | null {
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { path: issue.path.map(String).join('.'), message: issue.message };
}

/** A CI reference resolved, or why not (a rejection's reason). */
function resolveCi(resolve: Resolve, system: string, number: string, reference: ImportedReference): { endpoint: PlanEndpoint } | { reason: string } {
  let result: ResolvedReference = { kind: 'missing' };
  for (const ref of reference.refs) {
    result = resolve(system, ref);
    if (result.kind !== 'missing') break;
  }
  const named = reference.refs.map((r) => `"${r}"`).join(' / ');
  if (result.kind === 'endpoint') return { endpoint: result.endpoint };
  if (result.kind === 'ambiguous') return { reason: `${number}: ${reference.field} ${named} names ${result.count} CIs; export it by sys_id` };
  if (result.kind === 'rejected') return { reason: `${number}: ${reference.field} ${named} was rejected: ${result.reason}` };
  return { reason: `${number}: ${reference.field} ${named} is no CI in this file or the CMDB (by sys_id or name); import the CI first` };
}

/** The record with this number among the references' texts (a number, or a Table API object's display value). */
function byNumber<T extends { number: string }>(index: ReadonlyMap<string, T>, reference: ImportedReference): T | undefined {
  for (const ref of reference.refs) {
    const hit = index.get(ref.trim().toUpperCase());
    if (hit) return hit;
  }
  return undefined;
}

/** The fields among `names` that differ between the record and what the import makes of it. */
function compare<K extends string>(before: Readonly<Record<K, unknown>>, after: Readonly<Record<K, unknown>>, names: readonly K[]): PlanFieldChange[] {
  return names.filter((name) => before[name] !== after[name]).map((name) => ({ field: name, before: before[name] ?? null, after: after[name] ?? null }));
}

function planProblems(incoming: readonly ImportedProblem[], context: IncidentPlanContext, resolve: Resolve, ciName: (id: string) => string, out: PlannedIncidents): void {
  const existing = new Map(context.problems.map((p) => [p.number, p]));
  const times = uses(incoming);
  for (const problem of incoming) {
    const { fields, sourceRef } = problem;
    const reject = (reason: string, field?: string): void => {
      out.problems.rejected.push({ ...sourceRef, entity: 'problem', key: fields.number, ...(field !== undefined ? { field } : {}), reason });
    };
    const count = times.get(fields.number) ?? 0;
    if (count > 1) {
      reject(`the number ${fields.number} appears ${count} times in the import`, 'number');
      continue;
    }
    const issue = schemaIssue(ImportedProblemFieldsSchema.safeParse(fields));
    if (issue) {
      reject(`${fields.number}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`, issue.path || undefined);
      continue;
    }
    let rootCause: PlanEndpoint | null = null;
    if (problem.rootCause) {
      const resolved = resolveCi(resolve, problem.system, fields.number, problem.rootCause);
      if ('reason' in resolved) {
        reject(resolved.reason, problem.rootCause.field);
        continue;
      }
      rootCause = resolved.endpoint;
    }
    const before = existing.get(fields.number);
    if (!before) {
      out.problems.create.push({ sourceRef, fields, rootCause });
      continue;
    }
    const after: ImportedProblemFields = {
      ...fields,
      description: fields.description || before.description,
      knownError: fields.knownError || before.knownError,
      workaround: fields.workaround || before.workaround,
      resolvedAt: fields.status === 'resolved' ? (fields.resolvedAt ?? before.resolvedAt) : null,
    };
    const ownRoot: PlanEndpoint | null = before.rootCauseCiId ? { kind: 'existing', id: before.rootCauseCiId, name: ciName(before.rootCauseCiId) } : null;
    const root = rootCause ?? ownRoot;
    const changes = compare(before, after, ['title', 'description', 'status', 'knownError', 'workaround', 'resolvedAt']);
    const sameRoot = root === null ? ownRoot === null : ownRoot !== null && sameEndpoint(root, ownRoot);
    if (!sameRoot) changes.push({ field: 'rootCause', before: ownRoot?.name ?? null, after: root?.name ?? null });
    if (changes.length === 0) out.problems.unchanged.push({ sourceRef, id: before.id, number: before.number });
    else {
      const incidents = before.incidentIds.map((id): PlannedIncidentRef => ({ kind: 'existing', id, number: context.incidents.find((i) => i.id === id)?.number ?? id }));
      out.problems.update.push({ sourceRef, id: before.id, number: before.number, changes, fields: after, rootCause: root, incidents });
    }
  }
}

function planIncidentRows(incoming: readonly ImportedIncident[], context: IncidentPlanContext, resolve: Resolve, ciName: (id: string) => string, out: PlannedIncidents): { ref: PlannedIncidentRef; incident: ImportedIncident }[] {
  const existing = new Map(context.incidents.map((i) => [i.number, i]));
  const changes = new Map(context.changes.map((c) => [c.number, c]));
  const times = uses(incoming);
  const planned: { ref: PlannedIncidentRef; incident: ImportedIncident }[] = [];
  const settings = context.settings ?? DEFAULT_INCIDENT_SETTINGS;
  /** Incidents whose source priority is not the one the document's matrix gives their impact and urgency. */
  const otherPriority: string[] = [];
  const comparePriority = (incident: ImportedIncident, impact: number | null): void => {
    if (incident.sourcePriority === undefined || impact === null) return;
    const ours = priorityOf(settings, impact, incident.fields.urgency);
    if (ours !== incident.sourcePriority) otherPriority.push(`${incident.fields.number} P${incident.sourcePriority} → P${ours}`);
  };
  for (const incident of incoming) {
    const { fields, sourceRef } = incident;
    const reject = (reason: string, field?: string): void => {
      out.incidents.rejected.push({ ...sourceRef, entity: 'incident', key: fields.number, ...(field !== undefined ? { field } : {}), reason });
    };
    const count = times.get(fields.number) ?? 0;
    if (count > 1) {
      reject(`the number ${fields.number} appears ${count} times in the import`, 'number');
      continue;
    }
    const issue = schemaIssue(ImportedIncidentFieldsSchema.safeParse(fields));
    if (issue) {
      reject(`${fields.number}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`, issue.path || undefined);
      continue;
    }
    const affected: PlanEndpoint[] = [];
    let refused: { reason: string; field: string } | null = null;
    for (const reference of incident.cis) {
      const resolved = resolveCi(resolve, incident.system, fields.number, reference);
      if ('reason' in resolved) {
        refused = { reason: resolved.reason, field: reference.field };
        break;
      }
      if (!affected.some((e) => sameEndpoint(e, resolved.endpoint))) affected.push(resolved.endpoint);
    }
    if (refused) {
      reject(refused.reason, refused.field);
      continue;
    }
    let causedBy: PlannedIncidentCreate['causedBy'] = null;
    if (incident.causedBy) {
      const change = byNumber(changes, incident.causedBy);
      if (change) causedBy = { id: change.id, number: change.number };
      else out.dangling.push(`${refPlace({ ...sourceRef, field: incident.causedBy.field })}: ${fields.number}: caused_by ${incident.causedBy.refs.map((r) => `"${r}"`).join(' / ')} is no change in the CMDB (by number); left empty`);
    }
    const before = existing.get(fields.number);
    if (!before) {
      comparePriority(incident, fields.impact);
      planned.push({ ref: { kind: 'new', index: out.incidents.create.length, number: fields.number }, incident });
      out.incidents.create.push({ sourceRef, fields, affected, causedBy });
      continue;
    }
    planned.push({ ref: { kind: 'existing', id: before.id, number: before.number }, incident });
    const overridden = before.impact !== before.suggestedImpact ? (before.impact as 1 | 2 | 3) : null;
    const after: ImportedIncidentFields = { ...fields, description: fields.description || before.description, impact: fields.impact ?? overridden };
    comparePriority(incident, after.impact ?? before.impact);
    const own: PlanEndpoint[] = before.affectedCiIds.map((id) => ({ kind: 'existing', id, name: ciName(id) }));
    const all = [...own, ...affected.filter((e) => !own.some((o) => sameEndpoint(o, e)))];
    const ownCause = before.causedByChangeId ? { id: before.causedByChangeId, number: context.changes.find((c) => c.id === before.causedByChangeId)?.number ?? before.causedByChangeId } : null;
    const cause = causedBy ?? ownCause;
    const diff = compare(before, after, ['title', 'description', 'status', 'urgency', 'openedAt', 'resolvedAt', 'closedAt']);
    if (after.impact !== null && after.impact !== before.impact) diff.push({ field: 'impact', before: before.impact, after: after.impact });
    if (all.length !== own.length) diff.push({ field: 'affectedCis', before: own.map((e) => e.name), after: all.map((e) => e.name) });
    if ((cause?.id ?? null) !== before.causedByChangeId) diff.push({ field: 'causedBy', before: ownCause?.number ?? null, after: cause?.number ?? null });
    if (diff.length === 0) out.incidents.unchanged.push({ sourceRef, id: before.id, number: before.number });
    else out.incidents.update.push({ sourceRef, id: before.id, number: before.number, changes: diff, fields: after, affected: all, causedBy: cause });
  }
  if (otherPriority.length > 0) {
    const shown = otherPriority.slice(0, NAMED_PRIORITIES).join(', ');
    const more = otherPriority.length > NAMED_PRIORITIES ? ` and ${otherPriority.length - NAMED_PRIORITIES} more` : '';
    out.warnings.push(
      `${otherPriority.length} incident(s) have a source priority other than the one this document's matrix gives their impact and urgency (${shown}${more}): Faultline uses its own; edit the priority matrix in the incident settings to match the source's.`,
    );
  }
  return planned;
}

/** Incidents named in the warning about priorities, before "and N more". */
const NAMED_PRIORITIES = 5;

/** Adds each incident to the existing problem its problem_id names (an update of that problem); warns for those that name none or belong to another. */
function planLinks(planned: readonly { ref: PlannedIncidentRef; incident: ImportedIncident }[], context: IncidentPlanContext, ciName: (id: string) => string, out: PlannedIncidents): void {
  const problems = new Map(context.problems.map((p) => [p.number, p]));
  const owner = new Map<string, Problem>();
  for (const p of context.problems) for (const id of p.incidentIds) owner.set(id, p);
  const added = new Map<string, { problem: Problem; refs: PlannedIncidentRef[]; sourceRef: SourceRef }>();
  for (const { ref, incident } of planned) {
    if (!incident.problem) continue;
    const place = refPlace({ ...incident.sourceRef, field: incident.problem.field });
    const problem = byNumber(problems, incident.problem);
    if (!problem) {
      out.dangling.push(`${place}: ${ref.number}: problem_id ${incident.problem.refs.map((r) => `"${r}"`).join(' / ')} is no problem in the CMDB (by number; import the problems first); not linked`);
      continue;
    }
    if (ref.kind === 'existing') {
      const current = owner.get(ref.id);
      if (current?.id === problem.id) continue;
      if (current) {
        out.dangling.push(`${place}: ${ref.number} already belongs to ${current.number}; not linked to ${problem.number}`);
        continue;
      }
    }
    const entry = added.get(problem.id) ?? { problem, refs: [], sourceRef: incident.sourceRef };
    entry.refs.push(ref);
    added.set(problem.id, entry);
  }
  const numberOf = (id: string) => context.incidents.find((i) => i.id === id)?.number ?? id;
  for (const { problem, refs, sourceRef } of added.values()) {
    const own = problem.incidentIds.map((id): PlannedIncidentRef => ({ kind: 'existing', id, number: numberOf(id) }));
    const incidents = [...own, ...refs];
    const change: PlanFieldChange = { field: 'incidents', before: own.map((r) => r.number), after: incidents.map((r) => r.number) };
    const planned = out.problems.update.find((u) => u.id === problem.id);
    if (planned) {
      planned.incidents = incidents;
      planned.changes.push(change);
      continue;
    }
    const { number, title, description, status, knownError, workaround, resolvedAt } = problem;
    const rootCause: PlanEndpoint | null = problem.rootCauseCiId ? { kind: 'existing', id: problem.rootCauseCiId, name: ciName(problem.rootCauseCiId) } : null;
    out.problems.update.push({ sourceRef, id: problem.id, number, changes: [change], fields: { number, title, description, status, knownError, workaround, resolvedAt }, rootCause, incidents });
  }
}

export function planIncidents(
  batch: { incidents?: readonly ImportedIncident[]; problems?: readonly ImportedProblem[] },
  context: IncidentPlanContext,
  resolve: Resolve,
  ciName: (id: string) => string,
): PlannedIncidents {
  const out: PlannedIncidents = {
    incidents: { create: [], update: [], unchanged: [], rejected: [] },
    problems: { create: [], update: [], unchanged: [], rejected: [] },
    dangling: [],
    warnings: [],
  };
  planProblems(batch.problems ?? [], context, resolve, ciName, out);
  const planned = planIncidentRows(batch.incidents ?? [], context, resolve, ciName, out);
  planLinks(planned, context, ciName, out);
  return out;
}

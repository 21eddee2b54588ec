// Turns a plan into the ordered operations the Cmdb applies as ONE transaction
// (Cmdb.applyBatch: all or nothing, one undo step): CI creates (with ids assigned up front
// so relationships and changes can name them), CI updates, relationship creates, relationship
// updates, then change requests created or updated through the change kind's import path, then
// incidents, then problems (which may list the incidents just created), through theirs.
import { CHANGE_KIND_NAME } from '../changes/change-kind';
import { INCIDENT_KIND_NAME } from '../incidents/incident-kind';
import { PROBLEM_KIND_NAME } from '../incidents/lifecycle';
import type { BatchOperation } from '../graph/cmdb';
import type { ImportPlan, PlanEndpoint, PlannedChangeTarget } from './types';

export function applyPlanOps(plan: ImportPlan, newId: (prefix: 'ci' | 'rel' | 'chg' | 'inc' | 'prb') => string): BatchOperation[] {
  const ops: BatchOperation[] = [];
  const newIds: string[] = [];
  for (const create of plan.cis.create) {
    const id = create.input.id ?? newId('ci');
    newIds.push(id);
    ops.push({ kind: 'createCi', input: { ...create.input, id } });
  }
  for (const update of plan.cis.update) ops.push({ kind: 'updateCi', id: update.id, patch: update.patch });
  const idOf = (endpoint: PlanEndpoint): string => (endpoint.kind === 'existing' ? endpoint.id : newIds[endpoint.index]);
  for (const rel of plan.relationships.create) {
    const input: Record<string, unknown> = { source: idOf(rel.source), target: idOf(rel.target), type: rel.type, strength: rel.strength };
    if (rel.inferred) input.inferred = true;
    if (rel.id !== undefined) input.id = rel.id;
    ops.push({ kind: 'createRelationship', input });
  }
  for (const update of plan.relationships.update) ops.push({ kind: 'updateRelationship', id: update.id, patch: update.patch });
  const targets = (list: readonly PlannedChangeTarget[]) => list.map((t) => ({ ciId: idOf(t.endpoint), mode: t.mode }));
  for (const create of plan.changes.create) {
    ops.push({ kind: 'importRecord', entity: CHANGE_KIND_NAME, id: newId('chg'), fields: { ...create.fields, targets: targets(create.targets) } });
  }
  for (const update of plan.changes.update) {
    ops.push({ kind: 'importRecord', entity: CHANGE_KIND_NAME, id: update.id, fields: { ...update.fields, targets: targets(update.targets) } });
  }
  const incidentIds: string[] = [];
  for (const create of plan.incidents.create) {
    const id = newId('inc');
    incidentIds.push(id);
    ops.push({ kind: 'importRecord', entity: INCIDENT_KIND_NAME, id, fields: { ...create.fields, affectedCiIds: create.affected.map(idOf), causedByChangeId: create.causedBy?.id ?? null } });
  }
  for (const update of plan.incidents.update) {
    ops.push({ kind: 'importRecord', entity: INCIDENT_KIND_NAME, id: update.id, fields: { ...update.fields, affectedCiIds: update.affected.map(idOf), causedByChangeId: update.causedBy?.id ?? null } });
  }
  for (const create of plan.problems.create) {
    ops.push({ kind: 'importRecord', entity: PROBLEM_KIND_NAME, id: newId('prb'), fields: { ...create.fields, rootCauseCiId: create.rootCause ? idOf(create.rootCause) : null, incidentIds: [] } });
  }
  for (const update of plan.problems.update) {
    const incidents = update.incidents.map((ref) => (ref.kind === 'existing' ? ref.id : incidentIds[ref.index]));
    ops.push({ kind: 'importRecord', entity: PROBLEM_KIND_NAME, id: update.id, fields: { ...update.fields, rootCauseCiId: update.rootCause ? idOf(update.rootCause) : null, incidentIds: incidents } });
  }
  return ops;
}

/** True when the plan would change nothing. */
export function planIsEmpty(plan: ImportPlan): boolean {
  const { cis, relationships, changes, incidents, problems } = plan.counts;
  return [cis, relationships, changes, incidents, problems].every((c) => c.create + c.update === 0);
}

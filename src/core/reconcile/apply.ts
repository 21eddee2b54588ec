// Turns a plan into the ordered operations the Cmdb applies as ONE transaction
// (Cmdb.applyBatch: all or nothing, one undo step): CI creates (with ids assigned up front
// so relationships and changes can name them), CI updates, relationship creates, relationship
// updates, then change requests created or updated through the change kind's import path.
import { CHANGE_KIND_NAME } from '../changes/change-kind';
import type { BatchOperation } from '../graph/cmdb';
import type { ImportPlan, PlanEndpoint, PlannedChangeTarget } from './types';

export function applyPlanOps(plan: ImportPlan, newId: (prefix: 'ci' | 'rel' | 'chg') => string): BatchOperation[] {
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
  return ops;
}

/** True when the plan would change nothing. */
export function planIsEmpty(plan: ImportPlan): boolean {
  const { cis, relationships, changes } = plan.counts;
  return cis.create + cis.update + relationships.create + relationships.update + changes.create + changes.update === 0;
}
